#include "ui/detector_job.h"

#include "core/common/guard.h"
#include "core/detect/detector_registry.h"
#include "core/eval/cross_validation.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace ds::ui {

namespace {

// A fresh detector configured like the pipeline configures it (parameters, then the run's seed).
std::unique_ptr<Detector> makeDetector(const PipelineConfig& config) {
    auto detector = unwrap(createDetector(config.detector));
    for (const auto& [name, value] : config.params)
        check(detector->setParameter(name, value));
    if (!config.params.count("seed"))
        for (const ParamSpec& p : detector->parameters())
            if (p.name == "seed")
                check(detector->setParameter("seed", static_cast<double>(config.seed % 1000000000ull)));
    return detector;
}

// Fits on all labels for the shown scores, and once per stratified fold (test labels hidden) for
// the validation scores. Features are computed once and shared by every fit.
DetectorImageResult trainImage(const Micrograph& image, const PipelineConfig& config, const std::vector<Label>& labels,
                               int folds, const RunControl& rc) {
    DetectorImageResult out;
    auto detector = makeDetector(config);
    rc.progress(0, "normalising");
    const cv::Mat norm = normaliseImage(image.pixels);
    rc.throwIfStopped();
    const PatchGrid grid = unwrap(PatchGrid::create(*config.grid, norm.cols, norm.rows));
    if (static_cast<int>(labels.size()) != grid.size())
        fail(ErrorCode::InvalidArgument, std::to_string(labels.size()) + " labels for a grid of " +
                                             std::to_string(grid.size()) + " patches");
    const std::string features = config.features.empty() ? detector->defaultFeatures() : config.features;
    const FeatureMatrix fm = unwrap(computeFeatures(norm, grid, features, config.resample, rc.sub(0.0, 0.3)));

    int defects = 0, perfect = 0;
    for (Label l : labels) {
        defects += l == Label::Defect;
        perfect += l == Label::Perfect;
    }
    const int k = std::min({folds, defects, perfect});
    const int fits = 1 + (k >= 2 ? k : 0);
    const double per = 0.7 / fits;

    check(detector->fit(fm, labels, rc.sub(0.3, 0.3 + per * 0.7)));
    out.scores = unwrap(detector->score(fm, rc.sub(0.3 + per * 0.7, 0.3 + per)));
    out.evalScores = out.scores;
    out.trainedOn = labels;
    // Labelled patches have no honest score unless a fold held them out.
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != Label::Unlabelled)
            out.evalScores[i] = std::numeric_limits<float>::quiet_NaN();
    if (k >= 2) {
        const auto split = unwrap(stratifiedKFold(labels, k, config.seed));
        for (int f = 0; f < k; ++f) {
            const double b = 0.3 + per * (1 + f);
            rc.progress(b, "out-of-fold fit " + std::to_string(f + 1) + "/" + std::to_string(k));
            std::vector<Label> masked = labels;
            for (int row : split[static_cast<std::size_t>(f)].test)
                masked[static_cast<std::size_t>(row)] = Label::Unlabelled;
            auto foldDetector = makeDetector(config);
            check(foldDetector->fit(fm, masked, rc.sub(b, b + per * 0.7)));
            const auto foldScores = unwrap(foldDetector->score(fm, rc.sub(b + per * 0.7, b + per)));
            for (int row : split[static_cast<std::size_t>(f)].test)
                out.evalScores[static_cast<std::size_t>(row)] = foldScores[static_cast<std::size_t>(row)];
        }
    }
    out.detector = detector->id();
    out.features = features;
    rc.progress(1, "done");
    return out;
}

} // namespace

Result<std::vector<DetectorImageResult>> runDetectorJob(const DetectorRequest& request, const RunControl& rc) {
    return guarded("detector run", [&]() -> std::vector<DetectorImageResult> {
        std::vector<DetectorImageResult> results;
        const int n = static_cast<int>(request.images.size());
        for (int i = 0; i < n; ++i) {
            const DetectorImageInput& in = request.images[static_cast<std::size_t>(i)];
            const RunControl sub = rc.sub(static_cast<double>(i) / n, static_cast<double>(i + 1) / n);
            const auto t0 = std::chrono::steady_clock::now();
            std::shared_ptr<const LoadedImage> pixels = in.pixels;
            if (!pixels) {
                sub.progress(0, "loading image");
                QString error;
                pixels = ImageLoader::loadNow(in.source, &error);
                if (!pixels)
                    fail(ErrorCode::Io, error.toStdString());
            }
            rc.throwIfStopped();
            PipelineConfig config = request.config;
            config.grid = in.grid;
            bool anyLabel = std::any_of(in.labels.begin(), in.labels.end(),
                                        [](Label l) { return l != Label::Unlabelled; });
            DetectorImageResult r;
            if (request.train && anyLabel) {
                r = trainImage(pixels->micrograph, config, in.labels, request.folds, sub);
            } else {
                // Self mode: the fit saw no labels, so every labelled patch is a fair test point.
                ImageScores s = unwrap(scoreImage(pixels->micrograph, config, {}, sub));
                r.scores = std::move(s.scores);
                r.evalScores = r.scores;
                r.trainedOn.assign(r.scores.size(), Label::Unlabelled);
                r.detector = s.detector;
                r.features = s.features;
                r.notes = s.notes;
            }
            r.imageIndex = in.imageIndex;
            r.grid = in.grid;
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            results.push_back(std::move(r));
        }
        rc.progress(1, "done");
        return results;
    });
}

} // namespace ds::ui
