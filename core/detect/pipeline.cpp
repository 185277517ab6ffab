#include "core/detect/pipeline.h"

#include "core/common/guard.h"
#include "core/detect/detector_registry.h"
#include "core/detect/model_file.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ds {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The automatic grid for a (possibly failed) lattice estimate; see automaticGrid().
Result<PatchGrid> gridFromEstimate(const Result<LatticeEstimate>& est, int cols, int rows,
                                   std::optional<LatticeEstimate>& lattice, std::vector<std::string>& notes) {
    const std::string fallback = "using the default patch side " + std::to_string(kFallbackPatchSide) +
                                 " px, stride " + std::to_string(kFallbackPatchStride) + " px";
    if (est && latticeSizesGrid(*est)) {
        lattice = *est;
        const int side = autoPatchSide(est->bondPx);
        auto grid = PatchGrid::create({side, std::max(1, side / 2), 0, 0}, cols, rows);
        if (grid)
            return grid;
        notes.push_back("automatic patch side " + std::to_string(side) + " px does not fit the image; " + fallback);
    } else if (est && est->bondPx > 0) {
        // A bond length read off noise would size the patches arbitrarily: say so and use the default.
        lattice = *est;
        char buf[160];
        std::snprintf(buf, sizeof buf, "lattice confidence %.2f is below %.2f (bond length %.1f px is a guess); ",
                      est->confidence, kMinGridConfidence, est->bondPx);
        notes.push_back(buf + fallback);
    } else if (est) {
        notes.push_back("no lattice found; " + fallback);
    } else {
        notes.push_back("lattice estimate failed (" + est.error().message + "); " + fallback);
    }
    return PatchGrid::create({kFallbackPatchSide, kFallbackPatchStride, 0, 0}, cols, rows);
}

PatchGrid resolveGrid(const cv::Mat& norm, const std::optional<GridSpec>& spec, ImageScores& out,
                      const RunControl& rc) {
    if (spec)
        return unwrap(PatchGrid::create(*spec, norm.cols, norm.rows));
    if (out.lattice) // the caller's estimate of this image
        return unwrap(gridFromEstimate(*out.lattice, norm.cols, norm.rows, out.lattice, out.notes));
    return unwrap(automaticGrid(norm, out.lattice, out.notes, rc));
}

} // namespace

Result<PatchGrid> automaticGrid(const cv::Mat& normalised, std::optional<LatticeEstimate>& lattice,
                                std::vector<std::string>& notes, const RunControl& rc) {
    auto est = estimateLattice(normalised, rc);
    if (!est && est.error().code == ErrorCode::Cancelled)
        return est.error();
    return gridFromEstimate(est, normalised.cols, normalised.rows, lattice, notes);
}

Result<ImageScores> scoreImage(const Micrograph& image, const PipelineConfig& config, std::span<const Label> labels,
                               const RunControl& rc) {
    const std::string context = image.path.empty() ? std::string("scoring") : image.path;
    return guarded(context, [&]() -> ImageScores {
        const auto t0 = std::chrono::steady_clock::now();
        if (image.pixels.empty())
            fail(ErrorCode::InvalidArgument, "the image is empty");
        ImageScores out;
        auto detector = unwrap(createDetector(config.detector));
        for (const auto& [name, value] : config.params)
            check(detector->setParameter(name, value));
        if (!config.params.count("seed")) // the pipeline seed drives detectors that have one
            for (const ParamSpec& p : detector->parameters())
                if (p.name == "seed")
                    check(detector->setParameter("seed", static_cast<double>(config.seed % 1000000000ull)));
        rc.progress(0, "normalising");
        const cv::Mat norm = normaliseImage(image.pixels);
        rc.throwIfStopped();
        out.lattice = config.lattice;
        const PatchGrid grid = resolveGrid(norm, config.grid, out, rc.sub(0, 0.1));
        if (!labels.empty() && static_cast<int>(labels.size()) != grid.size())
            fail(ErrorCode::InvalidArgument, std::to_string(labels.size()) + " labels for a grid of " +
                                                 std::to_string(grid.size()) + " patches");
        const std::string features = config.features.empty() ? detector->defaultFeatures() : config.features;
        FeatureMatrix fm = unwrap(computeFeatures(norm, grid, features, config.resample, rc.sub(0.1, 0.4)));
        fm.lattice = out.lattice; // estimated once: lattice-aware detectors reuse it
        check(detector->fit(fm, labels, rc.sub(0.4, 0.8)));
        for (const std::string& note : detector->notes())
            out.notes.push_back(detector->id() + ": " + note);
        out.scores = unwrap(detector->score(fm, rc.sub(0.8, 1.0)));
        out.grid = grid;
        out.detector = detector->id();
        out.features = features;
        out.seconds = secondsSince(t0);
        rc.progress(1, "done");
        return out;
    });
}

Result<ImageScores> scoreImageWithModel(const Micrograph& image, const SavedModel& model, const RunControl& rc) {
    const std::string context = image.path.empty() ? std::string("scoring") : image.path;
    return guarded(context, [&]() -> ImageScores {
        const auto t0 = std::chrono::steady_clock::now();
        if (!model.detector)
            fail(ErrorCode::InvalidArgument, "the model holds no detector");
        if (image.pixels.empty())
            fail(ErrorCode::InvalidArgument, "the image is empty");
        ImageScores out;
        const cv::Mat norm = normaliseImage(image.pixels);
        const PatchGrid grid = resolveGrid(norm, model.grid, out, rc.sub(0, 0.1));
        FeatureMatrix fm = unwrap(computeFeatures(norm, grid, model.features, model.resample, rc.sub(0.1, 0.5)));
        fm.lattice = out.lattice;
        out.scores = unwrap(model.detector->score(fm, rc.sub(0.5, 1.0)));
        out.grid = grid;
        out.detector = model.detector->id();
        out.features = model.features;
        out.seconds = secondsSince(t0);
        rc.progress(1, "done");
        return out;
    });
}

} // namespace ds
