#pragma once
// ImageLoader: reads micrographs (or synthesises the demo image) off the GUI thread and prepares
// them for display (LoadedImage: pyramid + statistics). One QtConcurrent job per request with a
// QFutureWatcher; a newer request for the same slot makes the older result stale, and stale
// results are dropped, never delivered. Lives on the GUI thread; the jobs get value copies only.
#include "ui/session/loaded_image.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>

namespace ds::ui {

struct ImageSource {
    QString path;                           // a micrograph file, or
    std::optional<std::uint64_t> synthSeed; // the synthetic demo image with this seed
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
    int pending() const { return static_cast<int>(m_generation.size()); }

    // Synchronous form used by the jobs (and by tests/benchmarks that need no thread).
    static std::shared_ptr<const LoadedImage> loadNow(const ImageSource& source, QString* error);

signals:
    void loaded(quint64 slot, std::shared_ptr<const ds::ui::LoadedImage> image);
    void failed(quint64 slot, const QString& message);
    void pendingChanged(int pending);

private:
    QHash<quint64, quint64> m_generation; // slot -> generation of the request whose result we want
    quint64 m_next = 0;
};

} // namespace ds::ui
