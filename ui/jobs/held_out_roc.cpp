#include "ui/jobs/held_out_roc.h"

#include "core/common/guard.h"
#include "core/dataset/cross_image_evaluation.h"
#include "core/dataset/dataset_sources.h"
#include "ui/session/detector_results.h"
#include "ui/session/session.h"

namespace ds::ui {

int handLabelledImages(const Session& session) {
    int labelled = 0;
    for (int i = 0; i < session.imageCount(); ++i)
        labelled += hasHandLabels(*session.image(i)) ? 1 : 0;
    return labelled;
}

HeldOutRocRequest heldOutRequest(const Session& session, const DetectorResults& results) {
    HeldOutRocRequest req;
    const int index = session.currentIndex();
    if (const StoredRun* run = results.result(index, results.shownDetector(index)))
        req.spec = run->spec;
    req.spec.mode = RunMode::Trained;
    req.currentId = session.idOf(index);
    for (int i = 0; i < session.imageCount(); ++i) {
        const ProjectImage* img = session.image(i);
        if (!hasHandLabels(*img))
            continue;
        HeldOutImageInput in;
        in.imageId = img->id;
        in.name = img->synthSeed ? img->displayName() : img->path;
        in.pixels = session.pixels(i); // shared, immutable; null = the job reads it
        in.source.path = QString::fromStdString(img->path);
        in.source.synthSeed = img->synthSeed;
        in.grid = img->grid;
        in.labels = img->labels;
        req.images.push_back(std::move(in));
    }
    return req;
}

Result<HeldOutRocResult> computeHeldOutRoc(const HeldOutRocRequest& request, const RunControl& rc) {
    return guarded("", [&]() -> HeldOutRocResult {
        std::vector<CrossImageInput> inputs;
        int current = -1;
        const double n = static_cast<double>(request.images.size());
        for (std::size_t i = 0; i < request.images.size(); ++i) {
            const HeldOutImageInput& in = request.images[i];
            std::shared_ptr<const LoadedImage> pixels = in.pixels;
            if (!pixels) {
                rc.progress(0.1 * i / n, "loading images");
                QString error;
                pixels = ImageLoader::loadNow(in.source, &error);
                if (!pixels)
                    fail(ErrorCode::Io, error.toStdString());
            }
            rc.throwIfStopped();
            CrossImageInput c;
            c.image = pixels->micrograph;
            c.name = in.name;
            c.patchLabels = in.labels;
            c.grid = in.grid;
            if (in.imageId == request.currentId)
                current = static_cast<int>(inputs.size());
            inputs.push_back(std::move(c));
        }
        if (current < 0)
            fail(ErrorCode::InvalidArgument, "the current image has no hand labels");
        CrossImageResult cross =
            unwrap(evaluateCrossImage(inputs, request.spec, request.bootstrapResamples, rc.sub(0.1, 0.95)));
        const HeldOutImage& held = cross.images[static_cast<std::size_t>(current)];
        HeldOutRocResult out;
        out.detector = cross.detector;
        RocInput roc;
        roc.detector = cross.detector;
        roc.evalScores = held.scores.scores;
        out.current = computeRocCurves({roc}, held.truthLabels, std::nullopt).front();
        if (held.auroc)
            out.currentCi = held.aurocCi;
        out.trainDefect = held.trainDefect;
        out.trainPerfect = held.trainPerfect;
        out.images = static_cast<int>(cross.images.size());
        out.pooledAuroc = cross.pooledAuroc;
        out.pooledCi = cross.pooledCi;
        rc.progress(1, "done");
        return out;
    });
}

} // namespace ds::ui
