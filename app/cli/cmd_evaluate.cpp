// `defectscope-cli evaluate`: the evaluation protocol of shared/data/real/README.md for one image,
// so that any AUROC in the documentation can be reproduced with one command; with several images
// (or --pooled) the batch figures too: per-frame AUROCs, their mean and the pooled AUROC.
#include "cli_common.h"
#include "commands.h"

#include "core/common/atomic_file.h"
#include "core/eval/pooled_auroc.h"
#include "core/eval/protocol_evaluation.h"
#include "core/io/read_micrograph.h"

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ds::cli {

namespace {

// A batch's truth and mask sit beside each image as NAME.truth.csv and NAME.mask.png (the layout of
// shared/data/real): the image path without its extension, plus the suffix.
std::string sidecar(const std::string& image, const std::string& suffix) {
    return (std::filesystem::path(image).parent_path() / std::filesystem::path(image).stem()).string() + suffix;
}

// "128=38,256=76": protocol patch side by image width, for batches that mix frame scales.
bool parsePatchByWidth(const std::string& text, std::map<int, int>& out) {
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        int width = 0, side = 0;
        char eq = 0;
        std::istringstream one(item);
        if (!(one >> width >> eq >> side) || eq != '=' || width <= 0 || side <= 0 || !one.eof())
            return false;
        out[width] = side;
    }
    return !out.empty();
}

Result<ProtocolResult> evaluateFile(const std::string& image, const std::string& truth, const std::string& mask,
                                    const std::vector<LabelledRect>& handLabels, int resamples, PipelineConfig config,
                                    const std::map<int, int>& patchByWidth) {
    auto micrograph = readMicrograph(image);
    if (!micrograph)
        return micrograph.error();
    ProtocolInput input;
    input.bootstrapResamples = resamples;
    input.handLabels = handLabels;
    auto points = readTruthPoints(truth);
    if (!points)
        return points.error();
    input.truth = std::move(*points);
    if (!mask.empty()) {
        auto m = readMicrograph(mask);
        if (!m)
            return m.error();
        cv::Mat nz;
        cv::compare(m->pixels, 0, nz, cv::CMP_NE);
        input.mask = nz;
    }
    if (!patchByWidth.empty()) {
        auto it = patchByWidth.find(micrograph->width());
        if (it == patchByWidth.end())
            return make_error(ErrorCode::InvalidArgument, "--patch-by-width gives no patch side for width " +
                                                              std::to_string(micrograph->width()));
        config.grid = GridSpec{it->second, std::max(1, it->second / 2), 0, 0};
    }
    auto result = evaluateProtocol(*micrograph, input, config);
    if (!result)
        return make_error(result.error().code, image + ": " + result.error().message);
    return result;
}

// Batch mode: one line per frame, then the mean per-frame and the pooled AUROC.
int runPooled(const std::vector<std::string>& images, int resamples, const PipelineConfig& config,
              const std::map<int, int>& patchByWidth) {
    std::vector<FrameScores> frames;
    int patches = 0, defects = 0;
    for (const std::string& image : images) {
        const std::string mask = sidecar(image, ".mask.png");
        auto r = evaluateFile(image, sidecar(image, ".truth.csv"), std::filesystem::exists(mask) ? mask : "", {},
                              resamples, config, patchByWidth);
        if (!r)
            return fail(r.error());
        for (const std::string& note : r->scores.notes)
            std::cerr << "defectscope-cli: note: " << image << ": " << note << "\n";
        patches += r->patches;
        defects += r->defectPatches;
        frames.push_back({r->scores.scores, r->truthLabels});
        std::cout << std::fixed << std::setprecision(4) << image << " ";
        if (auto a = auroc(r->scores.scores, r->truthLabels))
            std::cout << *a;
        else
            std::cout << "-";
        std::cout << " (" << r->patches << " patches, " << r->defectPatches << " defect, patch "
                  << r->scores.grid.spec().side << ")\n";
    }
    auto batch = batchAuroc(frames);
    if (!batch)
        return fail(batch.error());
    std::cout << std::fixed << std::setprecision(4) << "mean per-frame AUROC " << batch->meanPerFrame << " ("
              << batch->framesInMean << " of " << frames.size() << " frames)\n"
              << "pooled AUROC " << batch->pooled << " (" << patches << " patches, " << defects << " defect)\n";
    return kExitOk;
}

} // namespace

int runEvaluate(const Args& args) {
    po::options_description opts("evaluate options");
    std::vector<std::string> images;
    std::string truth, mask, detector, features, labels, json, patchByWidthText;
    bool pooled = false;
    int patch = 0, stride = 0, resample = 48, resamples = 1000;
    std::uint64_t seed = 0;
    opts.add_options()("help,h", "show this help")
        ("image", po::value(&images)->required(), "micrograph file(s) (any supported format)")
        ("truth", po::value(&truth), "truth points CSV (x,y,kind); default: NAME.truth.csv beside the image")
        ("mask", po::value(&mask), "region mask image (non-zero = anomalous), same size as the image (batches: NAME.mask.png beside an image, where it exists)")
        ("detector", po::value(&detector)->default_value("auto"), "detector id")
        ("features", po::value(&features)->default_value(""), "feature id (default: the detector's own)")
        ("patch", po::value(&patch), "patch side in pixels (default: 4 bond lengths from the lattice estimate)")
        ("stride", po::value(&stride), "stride in pixels (default: patch / 2)")
        ("patch-by-width", po::value(&patchByWidthText), "patch side by image width, e.g. 128=38,256=76 (stride: side / 2)")
        ("pooled", po::bool_switch(&pooled), "batch figures: per-frame AUROCs, their mean and the pooled AUROC "
                                             "(implied by several images; truth and mask from NAME.truth.csv, NAME.mask.png)")
        ("resample", po::value(&resample)->default_value(48), "patches are resampled to this side")
        ("labels", po::value(&labels), "hand labels CSV (x,y,width,height,label): fit on them, exclude them from the AUROC")
        ("bootstrap", po::value(&resamples)->default_value(1000), "bootstrap resamples for the 95% interval")
        ("json", po::value(&json), "write the result as JSON to this file")
        ("seed", po::value(&seed)->default_value(0), "random seed (detector and bootstrap)");
    po::positional_options_description pos;
    pos.add("image", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "evaluate IMAGE [IMAGE...] [--truth POINTS.csv] [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    if (vm.count("stride") && !vm.count("patch"))
        return fail("--stride needs --patch");
    if (vm.count("patch") && patch <= 0)
        return fail("--patch must be positive");
    std::map<int, int> patchByWidth;
    if (vm.count("patch-by-width") && (vm.count("patch") || !parsePatchByWidth(patchByWidthText, patchByWidth)))
        return fail("--patch-by-width takes WIDTH=SIDE[,WIDTH=SIDE...] and excludes --patch");
    pooled = pooled || images.size() > 1;
    if (pooled && (vm.count("truth") || vm.count("mask") || vm.count("labels") || vm.count("json")))
        return fail("--pooled reads NAME.truth.csv and NAME.mask.png beside each image: --truth, --mask, --labels "
                    "and --json take one image");

    const auto t0 = std::chrono::steady_clock::now();
    const std::string image = images.front();
    if (!vm.count("truth"))
        truth = sidecar(image, ".truth.csv");
    std::vector<LabelledRect> handLabels;
    if (vm.count("labels")) {
        auto rects = readLabelCsv(labels);
        if (!rects)
            return fail(rects.error());
        handLabels = std::move(*rects);
    }
    PipelineConfig config;
    config.detector = detector;
    config.features = features;
    config.resample = resample;
    config.seed = seed;
    if (patch > 0)
        config.grid = GridSpec{patch, stride > 0 ? stride : std::max(1, patch / 2), 0, 0};
    if (pooled)
        return runPooled(images, resamples, config, patchByWidth);
    auto result = evaluateFile(image, truth, mask, handLabels, resamples, config, patchByWidth);
    if (!result)
        return fail(result.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (const std::string& note : result->scores.notes)
        std::cerr << "defectscope-cli: note: " << note << "\n";
    const GridSpec& g = result->scores.grid.spec();
    std::cout << std::fixed << std::setprecision(4) << "AUROC " << result->auroc << "\n";
    std::cerr << std::fixed << std::setprecision(4) << "95% CI [" << result->aurocCi.low << ", " << result->aurocCi.high << "], " << result->patches
              << " patches (" << result->defectPatches << " defect, " << result->evaluatedPatches
              << " evaluated), detector " << result->scores.detector << ", features " << result->scores.features
              << ", patch " << g.side << ", stride " << g.stride << ", " << std::setprecision(2) << seconds << " s\n";
    if (!json.empty()) {
        nlohmann::json j{{"image", image},
                         {"truth", truth},
                         {"auroc", result->auroc},
                         {"auroc_ci95", {result->aurocCi.low, result->aurocCi.high}},
                         {"patches", result->patches},
                         {"labelled_defect_patches", result->defectPatches}, // truth count, as in summary.json
                         {"evaluated_patches", result->evaluatedPatches},
                         {"mode", handLabels.empty() ? "self" : "hand-labels"},
                         {"detector", result->scores.detector},
                         {"features", result->scores.features},
                         {"patch", g.side},
                         {"stride", g.stride},
                         {"resample", resample},
                         {"seed", seed},
                         {"notes", result->scores.notes},
                         {"seconds", seconds}};
        if (result->scores.lattice)
            j["bond_px"] = result->scores.lattice->bondPx;
        // Atomic like every other report file: a full disk never leaves a truncated JSON behind.
        if (auto written = writeFileAtomically(json, j.dump(2) + "\n"); !written)
            return fail(written.error());
    }
    return kExitOk;
}

} // namespace ds::cli
