#include "core/analysis/run_image.h"

#include "core/analysis/grid_rule.h"
#include "core/analysis/image_side_rule.h"
#include "core/common/guard.h"
#include "core/analysis/model_file.h"
#include "core/eval/cross_validation.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/grid/grid_json.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <dlib/revision.h>
#include <opencv2/core/version.hpp>

namespace ds {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

PatchGrid resolveGrid(const cv::Mat& norm, const std::optional<GridSpec>& spec, RunResult& out,
                      const RunControl& rc) {
    if (spec)
        return unwrap(PatchGrid::create(*spec, norm.cols, norm.rows));
    if (out.lattice) // the caller's estimate of this image
        return unwrap(gridForEstimate(*out.lattice, norm.cols, norm.rows, out.notes));
    return unwrap(automaticGrid(norm, out.lattice, out.notes, rc));
}

// The pixels a run starts from: the caller's normalised ones when it handed them in (image.pixels
// may then be empty: moved into them), else the image's. Fails unless they are a non-empty image of
// an allowed size.
void checkPixels(const Micrograph& image, const cv::Mat& given) {
    if (!given.empty() && (given.type() != CV_32FC1 || (!image.pixels.empty() && given.size() != image.pixels.size())))
        fail(ErrorCode::InvalidArgument, "the normalised pixels handed in do not match the image");
    const cv::Mat& pixels = given.empty() ? image.pixels : given;
    if (pixels.empty())
        fail(ErrorCode::InvalidArgument, "the image is empty");
    check(checkImageSide(pixels.cols, pixels.rows));
}

cv::Mat normalisedPixels(const Micrograph& image, cv::Mat given) {
    return given.empty() ? normaliseImage(image.pixels) : given;
}

// Once the features exist, a detector that reads only the rows no longer needs the normalised
// image: `norm` and the matrix's reference go, and with them the buffer when nobody else holds it.
void dropImageUnlessRead(const Detector& detector, cv::Mat& norm, FeatureMatrix& fm) {
    if (detector.readsOnlyRows()) {
        fm.image.release();
        norm.release();
    }
}

bool anyLabel(std::span<const Label> labels) {
    return std::any_of(labels.begin(), labels.end(), [](Label l) { return l != Label::Unlabelled; });
}

// Trained mode: the fit on every label gives the shown scores; one fit per stratified fold, with
// the fold's labels hidden, gives the labelled patches' out-of-fold scores.
void fitTrained(const RunSpec& spec, const FeatureMatrix& fm, std::span<const Label> labels, RunResult& out,
                const RunControl& rc) {
    int defects = 0, perfect = 0;
    for (Label l : labels) {
        defects += l == Label::Defect;
        perfect += l == Label::Perfect;
    }
    const int k = std::min({spec.folds, defects, perfect});
    const int fits = 1 + (k >= 2 ? k : 0);
    const double per = 1.0 / fits;
    auto detector = unwrap(makeDetector(spec));
    check(detector->fit(fm, labels, rc.sub(0, per * 0.7)));
    for (const std::string& note : detector->notes())
        out.notes.push_back(detector->id() + ": " + note);
    out.scores = unwrap(detector->score(fm, rc.sub(per * 0.7, per)));
    out.trainedOn.assign(labels.begin(), labels.end());
    out.evalScores = out.scores;
    // Labelled patches have no honest score unless a fold held them out.
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != Label::Unlabelled)
            out.evalScores[i] = std::numeric_limits<float>::quiet_NaN();
    if (k < 2) {
        out.notes.push_back("too few labels of each class for out-of-fold scores (" + std::to_string(defects) +
                            " defect, " + std::to_string(perfect) + " perfect): labelled patches are not "
                            "evaluated");
        return;
    }
    if (k < spec.folds)
        out.notes.push_back(std::to_string(k) + "-fold out-of-fold scores (fewer labels of one class than " +
                            std::to_string(spec.folds) + " folds)");
    const auto split = unwrap(stratifiedKFold(labels, k, spec.seed));
    for (int f = 0; f < k; ++f) {
        const double b = per * (1 + f);
        rc.progress(b, "out-of-fold fit " + std::to_string(f + 1) + "/" + std::to_string(k));
        std::vector<Label> masked(labels.begin(), labels.end());
        for (int row : split[static_cast<std::size_t>(f)].test)
            masked[static_cast<std::size_t>(row)] = Label::Unlabelled;
        auto foldDetector = unwrap(makeDetector(spec));
        check(foldDetector->fit(fm, masked, rc.sub(b, b + per * 0.7)));
        const auto foldScores = unwrap(foldDetector->score(fm, rc.sub(b + per * 0.7, b + per)));
        for (int row : split[static_cast<std::size_t>(f)].test)
            out.evalScores[static_cast<std::size_t>(row)] = foldScores[static_cast<std::size_t>(row)];
    }
}

nlohmann::json scoresToJson(const std::vector<float>& scores) {
    nlohmann::json values = nlohmann::json::array();
    for (float s : scores)
        values.push_back(std::isfinite(s) ? nlohmann::json(s) : nlohmann::json(nullptr));
    return values;
}

std::vector<float> scoresFromJson(const nlohmann::json& j, int patches, const char* what) {
    if (!j.is_array() || static_cast<int>(j.size()) != patches)
        fail(ErrorCode::Format, std::string(what) + ": " + std::to_string(j.is_array() ? j.size() : 0) +
                                    " values for " + std::to_string(patches) + " patches");
    std::vector<float> out;
    out.reserve(j.size());
    for (const auto& v : j)
        out.push_back(v.is_null() ? std::numeric_limits<float>::quiet_NaN() : v.get<float>());
    return out;
}

} // namespace

std::map<std::string, std::string> runVersions() {
    return {{"defectscope", DEFECTSCOPE_VERSION},
            {"opencv", CV_VERSION},
            {"dlib", std::to_string(DLIB_MAJOR_VERSION) + "." + std::to_string(DLIB_MINOR_VERSION) + "." +
                         std::to_string(DLIB_PATCH_VERSION)},
            {"nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_PATCH)}};
}

Result<RunResult> runImage(const Micrograph& image, const RunSpec& spec, RunInputs inputs, const RunControl& rc) {
    const std::string context = image.path.empty() ? std::string("scoring") : image.path;
    return guarded(context, [&]() -> RunResult {
        const auto t0 = std::chrono::steady_clock::now();
        checkPixels(image, inputs.normalised);
        const bool trained = spec.mode == RunMode::Trained && anyLabel(inputs.labels);
        if (trained && !spec.grid)
            fail(ErrorCode::InvalidArgument, "hand labels need an explicit grid");
        auto detector = unwrap(makeDetector(spec));
        RunResult out;
        out.versions = runVersions();
        rc.progress(0, "normalising");
        cv::Mat norm = normalisedPixels(image, std::move(inputs.normalised));
        rc.throwIfStopped();
        out.lattice = inputs.lattice;
        const PatchGrid grid = resolveGrid(norm, spec.grid, out, rc.sub(0, 0.1));
        if (trained && static_cast<int>(inputs.labels.size()) != grid.size())
            fail(ErrorCode::InvalidArgument, std::to_string(inputs.labels.size()) + " labels for a grid of " +
                                                 std::to_string(grid.size()) + " patches");
        if (detector->needsLabels() && !trained)
            fail(ErrorCode::InvalidArgument, "detector '" + detector->id() + "' learns from hand labels: label "
                                             "defect and perfect patches and train it (Train, or --labels with --train)");
        if (spec.mode == RunMode::Trained && !trained)
            out.notes.push_back("no hand labels: fitted on the image's own patches (self mode)");
        const std::string features = spec.features.empty() ? detector->defaultFeatures() : spec.features;
        FeatureMatrix fm = unwrap(computeFeatures(norm, grid, features, spec.resample, rc.sub(0.1, 0.4)));
        fm.lattice = out.lattice; // estimated once: lattice-aware detectors reuse it
        dropImageUnlessRead(*detector, norm, fm);
        if (trained) {
            fitTrained(spec, fm, inputs.labels, out, rc.sub(0.4, 1.0));
        } else {
            check(detector->fit(fm, {}, rc.sub(0.4, 0.8)));
            for (const std::string& note : detector->notes())
                out.notes.push_back(detector->id() + ": " + note);
            out.scores = unwrap(detector->score(fm, rc.sub(0.8, 1.0)));
            out.evalScores = out.scores;
        }
        out.grid = grid;
        out.detector = detector->id();
        out.features = features;
        out.seconds = secondsSince(t0);
        rc.progress(1, "done");
        return out;
    });
}

Result<RunResult> runModel(const Micrograph& image, const SavedModel& model, const RunControl& rc,
                           cv::Mat normalised) {
    const std::string context = image.path.empty() ? std::string("scoring") : image.path;
    return guarded(context, [&]() -> RunResult {
        const auto t0 = std::chrono::steady_clock::now();
        if (!model.detector)
            fail(ErrorCode::InvalidArgument, "the model holds no detector");
        checkPixels(image, normalised);
        RunResult out;
        out.versions = runVersions();
        cv::Mat norm = normalisedPixels(image, std::move(normalised));
        const PatchGrid grid = resolveGrid(norm, model.spec.grid, out, rc.sub(0, 0.1));
        FeatureMatrix fm = unwrap(computeFeatures(norm, grid, model.spec.features, model.spec.resample, rc.sub(0.1, 0.5)));
        fm.lattice = out.lattice;
        dropImageUnlessRead(*model.detector, norm, fm);
        out.scores = unwrap(model.detector->score(fm, rc.sub(0.5, 1.0)));
        // A checksum-valid model can still hold weights that overflow (or were NaN when saved):
        // every score would be NaN and every threshold meaningless. The model is at fault, not the image.
        const auto bad = std::count_if(out.scores.begin(), out.scores.end(), [](float s) { return !std::isfinite(s); });
        if (bad > 0)
            fail(ErrorCode::Format, modelName(model) + " (detector '" + model.detector->id() + "') gave " +
                                        std::to_string(bad) + " non-finite scores for " +
                                        std::to_string(out.scores.size()) + " patches: its fitted state is damaged");
        out.evalScores = out.scores;
        out.grid = grid;
        out.detector = model.detector->id();
        out.features = model.spec.features;
        out.seconds = secondsSince(t0);
        rc.progress(1, "done");
        return out;
    });
}

nlohmann::json runResultToJson(const RunResult& r) {
    nlohmann::json j;
    j["grid"] = gridSpecToJson(r.grid.spec());
    j["detector"] = r.detector;
    j["features"] = r.features;
    j["scores"] = scoresToJson(r.scores);
    // Stored only in Trained mode: a self run's honest scores are its scores.
    if (!r.trainedOn.empty())
        j["eval_scores"] = scoresToJson(r.evalScores);
    if (!r.trainedOn.empty()) {
        std::string trained(r.trainedOn.size(), '.');
        for (std::size_t i = 0; i < r.trainedOn.size(); ++i)
            trained[i] = r.trainedOn[i] == Label::Defect ? 'd' : r.trainedOn[i] == Label::Perfect ? 'p' : '.';
        j["trained_on"] = trained; // one character per patch: d(efect), p(erfect), . (unlabelled)
    }
    if (r.lattice)
        j["lattice"] = {{"bond_px", r.lattice->bondPx},
                        {"orientation_deg", r.lattice->orientationDeg},
                        {"confidence", r.lattice->confidence},
                        {"bright_atoms", r.lattice->brightAtoms}};
    j["notes"] = r.notes;
    j["seconds"] = r.seconds;
    j["versions"] = r.versions;
    return j;
}

Result<RunResult> runResultFromJson(const nlohmann::json& j, int width, int height) {
    return guarded("run result", [&]() -> RunResult {
        RunResult r;
        r.grid = unwrap(PatchGrid::create(unwrap(gridSpecFromJson(j.at("grid"))), width, height));
        r.detector = j.at("detector").get<std::string>();
        r.features = j.value("features", std::string());
        r.scores = scoresFromJson(j.at("scores"), r.grid.size(), "scores");
        r.evalScores = j.contains("eval_scores") ? scoresFromJson(j.at("eval_scores"), r.grid.size(), "eval_scores")
                                                 : r.scores;
        if (j.contains("trained_on")) {
            const std::string t = j.at("trained_on").get<std::string>();
            if (static_cast<int>(t.size()) != r.grid.size())
                fail(ErrorCode::Format, "trained_on has " + std::to_string(t.size()) + " entries for " +
                                            std::to_string(r.grid.size()) + " patches");
            for (char c : t)
                r.trainedOn.push_back(c == 'd' ? Label::Defect : c == 'p' ? Label::Perfect : Label::Unlabelled);
        }
        if (j.contains("lattice") && j.at("lattice").is_object()) {
            const auto& l = j.at("lattice");
            LatticeEstimate e;
            e.bondPx = l.at("bond_px").get<double>();
            e.orientationDeg = l.value("orientation_deg", 0.0);
            e.confidence = l.value("confidence", 0.0);
            e.brightAtoms = l.value("bright_atoms", true);
            r.lattice = e;
        }
        if (j.contains("notes"))
            r.notes = j.at("notes").get<std::vector<std::string>>();
        r.seconds = j.value("seconds", 0.0);
        if (j.contains("versions"))
            r.versions = j.at("versions").get<std::map<std::string, std::string>>();
        return r;
    });
}

} // namespace ds
