#include "ui/session/image_loader.h"

#include "core/io/read_micrograph.h"
#include "core/synth/synthetic_graphene.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace ds::ui {

namespace {

struct LoadOutcome {
    std::shared_ptr<const LoadedImage> image;
    QString error;
};

} // namespace

ImageLoader::ImageLoader(QObject* parent)
    : QObject(parent) {}

ImageLoader::~ImageLoader() {
    // Running jobs hold only their own copies; their watchers die with us and nothing is delivered.
    m_generation.clear();
}

std::shared_ptr<const LoadedImage> ImageLoader::loadNow(const ImageSource& source, QString* error) {
    try {
        Micrograph m;
        if (source.synthSeed) {
            m = toMicrograph(synthesizeGraphene(demoSynthOptions(*source.synthSeed)));
        } else {
            auto r = readMicrograph(source.path.toStdString());
            if (!r) {
                if (error)
                    *error = QString::fromStdString(r.error().message);
                return nullptr;
            }
            m = std::move(r).value();
        }
        if (m.pixels.empty() || m.pixels.type() != CV_32FC1) {
            if (error)
                *error = tr("%1: no image data").arg(source.path);
            return nullptr;
        }
        return std::make_shared<const LoadedImage>(LoadedImage::prepare(std::move(m)));
    } catch (const std::exception& e) {
        // OpenCV allocation failures and the like: report, never crash the GUI.
        if (error)
            *error = tr("%1: %2").arg(source.path, QString::fromUtf8(e.what()));
        return nullptr;
    }
}

void ImageLoader::load(quint64 slot, const ImageSource& source) {
    const quint64 generation = ++m_next;
    m_generation.insert(slot, generation);
    emit pendingChanged(pending());
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this,
            [this, watcher, slot, generation] {
                watcher->deleteLater();
                const auto it = m_generation.constFind(slot);
                if (it == m_generation.constEnd() || it.value() != generation)
                    return; // stale: a newer request for this slot (or cancelAll) superseded it
                m_generation.remove(slot);
                const LoadOutcome outcome = watcher->result();
                if (outcome.image)
                    emit loaded(slot, outcome.image);
                else
                    emit failed(slot, outcome.error);
                emit pendingChanged(pending());
            });
    // The job captures a copy of the source, never `this`.
    watcher->setFuture(QtConcurrent::run([source]() {
        LoadOutcome out;
        out.image = loadNow(source, &out.error);
        return out;
    }));
}

void ImageLoader::cancelAll() {
    if (m_generation.isEmpty())
        return;
    m_generation.clear();
    emit pendingChanged(0);
}

} // namespace ds::ui
