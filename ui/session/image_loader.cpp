#include "ui/session/image_loader.h"

#include "core/io/read_micrograph.h"
#include "core/synth/synthetic_graphene.h"

#include <algorithm>

namespace ds::ui {

ImageLoader::ImageLoader(QObject* parent)
    : QObject(parent) {}

// Running jobs hold only their own copies; the LatestJobs drop them and nothing is delivered.
ImageLoader::~ImageLoader() = default;

int ImageLoader::pending() const {
    return static_cast<int>(std::count_if(m_jobs.begin(), m_jobs.end(), [](const auto& j) { return j.second->running(); }));
}

std::shared_ptr<const LoadedImage> ImageLoader::loadNow(const ImageSource& source, QString* error) {
    try {
        Micrograph m;
        if (source.synthSeed) {
            m = toMicrograph(synthesizeGraphene(demoSynthOptions(*source.synthSeed)));
        } else {
            ReadOptions options;
            options.frame = source.frame;
            auto r = readMicrograph(source.path.toStdString(), options);
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
    auto& job = m_jobs[slot];
    if (!job)
        job = std::make_unique<LatestJob<LoadOutcome>>(this);
    // The job captures a copy of the source, never `this`.
    job->start([source]() {
        LoadOutcome out;
        out.image = loadNow(source, &out.error);
        return out;
    }, [this, slot](LoadOutcome outcome) {
        if (outcome.image)
            emit loaded(slot, outcome.image);
        else
            emit failed(slot, outcome.error);
        emit pendingChanged(pending());
    });
    emit pendingChanged(pending());
}

void ImageLoader::cancelAll() {
    if (pending() == 0)
        return;
    for (auto& [slot, job] : m_jobs)
        job->drop();
    emit pendingChanged(0);
}

} // namespace ds::ui
