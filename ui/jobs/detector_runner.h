#pragma once
// DetectorRunner: runs one DetectorRequest at a time on the Qt thread pool and delivers its result
// on the GUI thread. The job gets only the request's value snapshot (shared immutable pixels, grid,
// labels) and a RunControl tied to a std::stop_source; progress travels through QPromise and a
// QFutureWatcher. Restart semantics: start() while a run is in flight stops the old run and makes
// its result stale - a stale result is never delivered. cancel() requests a stop and reports
// `cancelled` at once; the worker notices within the core's polling interval (< 100 ms).
// Lives on the GUI thread.
#include "ui/jobs/detector_job.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>
#include <stop_token>
#include <vector>

namespace ds::ui {

class DetectorRunner : public QObject {
    Q_OBJECT
public:
    explicit DetectorRunner(QObject* parent = nullptr);
    ~DetectorRunner() override; // stops the run in flight; its result is dropped

    // Returns the id of this run (also passed with every signal it causes).
    quint64 start(DetectorRequest request);
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 currentRun() const { return m_run; }

signals:
    void started(quint64 run);
    void progress(quint64 run, double fraction, const QString& step);
    void finished(quint64 run, const ds::ui::DetectorJobResult& result);
    void failed(quint64 run, const QString& message);
    void cancelled(quint64 run);
    void runningChanged(bool running);

private:
    using Outcome = Result<DetectorJobResult>;
    struct Job; // a watcher and the stop source of one run
    void onProgress(Job* job);
    void onFinished(Job* job);
    void stopCurrent();
    void setRunning(bool running);

    quint64 m_run = 0;
    bool m_running = false;
    Job* m_current = nullptr; // owned by its watcher's parent (this); deleted when its future ends
};

} // namespace ds::ui

Q_DECLARE_METATYPE(ds::ui::DetectorJobResult)
