#pragma once
// AutoGridSizer: gives each newly added image the evaluation protocol's automatic grid (4 bond
// lengths, stride half of that) once its pixels arrive, like the CLI does when no size is given.
// The lattice is estimated on a worker thread, one image at a time; the image keeps the default
// grid when the lattice is not clear enough to size patches (latticeSizesGrid), and when the user
// labelled, scored or re-gridded it in the meantime, or started a run on it (their work wins).
// Images are tracked by path, since indices shift when images are removed. Lives on the GUI thread.
#include "ui/session/session.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <string>

namespace ds::ui {

class AutoGridSizer : public QObject {
    Q_OBJECT
public:
    explicit AutoGridSizer(Session* session, QObject* parent = nullptr);
    ~AutoGridSizer() override;

    void setEnabled(bool on) { m_enabled = on; }
    bool isEnabled() const { return m_enabled; }

signals:
    // One line for the user about image `index` ("sized from the lattice..." or why not).
    void message(int index, const QString& text);

private:
    struct Outcome {
        bool sizesGrid = false;
        double bondPx = 0, confidence = 0;
    };
    struct Job {
        std::string path;
        std::shared_ptr<const LoadedImage> pixels; // held here: the session may evict its copy
    };
    void enqueue(int index);
    void startNext();
    void finish();
    void release(const std::string& path); // the claim on `path` ends (also lets a queued run go)

    Session* m_session;
    bool m_enabled = true;
    std::deque<Job> m_queue;
    std::string m_path; // the image being estimated
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace ds::ui
