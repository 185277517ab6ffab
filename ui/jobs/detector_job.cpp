#include "ui/jobs/detector_job.h"

#include "core/common/guard.h"

namespace ds::ui {

Result<DetectorJobResult> runDetectorJob(const DetectorRequest& request, const RunControl& rc) {
    return guarded("detector run", [&]() -> DetectorJobResult {
        DetectorJobResult out;
        const int n = static_cast<int>(request.images.size());
        for (int i = 0; i < n; ++i) {
            const DetectorImageInput& in = request.images[static_cast<std::size_t>(i)];
            const RunControl sub = rc.sub(static_cast<double>(i) / n, static_cast<double>(i + 1) / n);
            std::shared_ptr<const LoadedImage> pixels = in.pixels;
            if (!pixels) {
                sub.progress(0, "loading image");
                QString error;
                pixels = ImageLoader::loadNow(in.source, &error);
                if (!pixels) {
                    out.failures.push_back({in.imageId, error.toStdString()});
                    continue;
                }
            }
            rc.throwIfStopped();
            RunSpec spec = request.spec;
            spec.grid = in.grid;
            auto run = runImage(pixels->micrograph, spec, RunInputs{in.labels, {}, {}}, sub);
            if (!run) {
                if (run.error().code == ErrorCode::Cancelled)
                    fail(ErrorCode::Cancelled, run.error().message);
                out.failures.push_back({in.imageId, run.error().message});
                continue;
            }
            out.results.push_back({in.imageId, std::move(spec), std::move(run).value()});
        }
        rc.progress(1, "done");
        return out;
    });
}

} // namespace ds::ui
