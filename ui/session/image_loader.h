#pragma once
// ImageLoader: reads micrographs (or synthesises the demo image) off the GUI thread and prepares
// them for display (LoadedImage: pyramid + statistics). One LatestJob per slot: a newer request
// for the same slot makes the older result stale, and stale results are dropped, never delivered.
// Lives on the GUI thread; the jobs get value copies only.
#include "ui/jobs/latest_job.h"
#include "ui/session/loaded_image.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

namespace ds::ui {

struct ImageSource {
    QString path;                           // a micrograph file, or
    std::optional<std::uint64_t> synthSeed; // the synthetic demo image with this seed
    int frame = 0;                          // of a stack, volume or series
};

class ImageLoader : public QObject {
    Q_OBJECT
public:
    explicit ImageLoader(QObject* parent = nullptr);
    ~ImageLoader() override;

    // Starts loading `source` for `slot` (the caller's key, e.g. an image index).
    void load(quint64 slot, const ImageSource& source);
    // Forgets every pending request: their results will not be delivered.
    void cancelAll();
    int pending() const;

    // Synchronous form used by the jobs (and by tests/benchmarks that need no thread).
    static std::shared_ptr<const LoadedImage> loadNow(const ImageSource& source, QString* error);

signals:
    void loaded(quint64 slot, std::shared_ptr<const ds::ui::LoadedImage> image);
    void failed(quint64 slot, const QString& message);
    void pendingChanged(int pending);

private:
    struct LoadOutcome {
        std::shared_ptr<const LoadedImage> image;
        QString error;
    };
    // Slots are image ids: a handful per project, so finished slots are simply kept.
    std::unordered_map<quint64, std::unique_ptr<LatestJob<LoadOutcome>>> m_jobs;
};

} // namespace ds::ui
