// `defectscope-cli evaluate`: the evaluation protocol of shared/data/real/README.md for one image,
// so that any AUROC in the documentation can be reproduced with one command; with several images
// (or --pooled) the batch figures of evaluate_batch.h.
#include "cli_common.h"
#include "commands.h"

#include "core/common/atomic_file.h"
#include "core/io/pixel_size.h"
#include "core/analysis/protocol_evaluation.h"
#include "core/common/utf8_text.h"
#include "core/io/read_micrograph.h"
#include "core/labels/mask_file.h"
#include "evaluate_batch.h"
#include "run_spec_options.h"

#include <chrono>
#include <iomanip>

#include <nlohmann/json.hpp>

namespace ds::cli {

int runEvaluate(const Args& args) {
    if (hasOption(args, "cross-image"))
        return runEvaluateCrossImage(args);
    po::options_description opts("evaluate options");
    std::vector<std::string> images;
    std::string truth, mask, labels, json, patchByWidthText;
    bool pooled = false;
    int resamples = kDefaultBootstrapResamples;
    RunSpecOptions run(RunSpecOptions::Enabled{false, false, false});
    opts.add_options()("help,h", "show this help")
        ("image", po::value(&images)->required(), "micrograph file(s) (any supported format)")
        ("truth", po::value(&truth), "truth points CSV (x,y,kind); required for one image")
        ("pooled", po::bool_switch(&pooled), "batch figures: per-frame AUROCs, their mean and the pooled AUROC "
                                             "(implied by several images; truth and mask from NAME.truth.csv, NAME.mask.png)")
        ("patch-by-width", po::value(&patchByWidthText), "with --pooled: patch side by image width, e.g. 128=38,256=76 (stride: side / 2)")
        ("mask", po::value(&mask), "region mask image (non-zero = anomalous), same size as the image")
        ("labels", po::value(&labels), "hand labels CSV (x,y,width,height,label): fit on them (trained mode), exclude them from the AUROC")
        ("bootstrap", po::value(&resamples)->default_value(kDefaultBootstrapResamples), "bootstrap resamples for the 95% interval")
        ("nm-per-px", po::value<std::string>(), "pixel size in nm when the file has no length calibration, e.g. 0.0125 or 0.002x0.003 (x by y)")
        ("frame", po::value<int>()->default_value(0), "frame of a stack or series to evaluate (from 0)")
        ("json", po::value(&json), "write the result as JSON to this file");
    run.add(opts); // --seed also seeds the bootstrap
    po::positional_options_description pos;
    pos.add("image", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "evaluate IMAGE --truth POINTS.csv [options] | evaluate IMAGE... --pooled", help))
        return kExitError;
    if (help)
        return kExitOk;
    auto spec = run.toSpec(vm);
    if (!spec)
        return fail(spec.error());
    const RunSpec& config = *spec;
    pooled = pooled || images.size() > 1;
    if (pooled) {
        std::map<int, int> patchByWidth;
        if (vm.count("patch-by-width") && (vm.count("patch") || !parsePatchByWidth(patchByWidthText, patchByWidth)))
            return fail("--patch-by-width takes WIDTH=SIDE[,WIDTH=SIDE...] and excludes --patch");
        if (vm.count("truth") || vm.count("mask") || vm.count("labels") || vm.count("json"))
            return fail("--pooled reads NAME.truth.csv and NAME.mask.png beside each image: --truth, --mask, "
                        "--labels and --json take one image");
        return runPooledEvaluation(images, resamples, config, patchByWidth);
    }
    if (vm.count("patch-by-width"))
        return fail("--patch-by-width goes with --pooled");
    if (truth.empty())
        return fail("--truth is required for one image");
    const std::string image = images.front();

    std::optional<PixelSize> pixelSize;
    if (vm.count("nm-per-px")) {
        auto size = parsePixelSize(vm["nm-per-px"].as<std::string>());
        if (!size)
            return fail("--nm-per-px: " + size.error().message);
        pixelSize = *size;
    }
    ReadOptions read;
    read.frame = vm["frame"].as<int>();
    if (read.frame < 0)
        return fail("--frame must be 0 or more");

    const auto t0 = std::chrono::steady_clock::now();
    auto micrograph = readMicrograph(image, read);
    if (!micrograph)
        return fail(micrograph.error());
    if (pixelSize)
        applyPixelSizeIfUncalibrated(*micrograph, *pixelSize, kCalibrationFromCommandLine);
    ProtocolInput input;
    input.bootstrapResamples = resamples;
    auto points = readTruthPoints(truth);
    if (!points)
        return fail(points.error());
    input.truth = std::move(*points);
    if (vm.count("mask")) {
        auto m = readMaskFile(mask);
        if (!m)
            return fail(m.error());
        input.mask = std::move(*m);
    }
    if (vm.count("labels")) {
        auto rects = readLabelCsv(labels);
        if (!rects)
            return fail(rects.error());
        input.handLabels = std::move(*rects);
    }
    auto result = evaluateProtocol(*micrograph, input, config);
    if (!result)
        return fail(image + ": " + result.error().message);
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
                         {"mode", input.handLabels.empty() ? "self" : "trained"},
                         {"auroc_kind", input.handLabels.empty() ? "self" : "not_trained_on"},
                         {"run", runSpecToJson(config)},
                         {"detector", result->scores.detector},
                         {"features", result->scores.features},
                         {"patch", g.side},
                         {"stride", g.stride},
                         {"resample", config.resample},
                         {"seed", config.seed},
                         {"notes", result->scores.notes},
                         {"frame", read.frame},
                         {"calibration",
                          {{"nm_per_pixel", micrograph->x.nmPerPixel() ? nlohmann::json(*micrograph->x.nmPerPixel())
                                                                        : nlohmann::json(nullptr)},
                           {"source", calibrationSource(*micrograph)}}},
                         {"seconds", seconds}};
        if (result->scores.lattice)
            j["bond_px"] = result->scores.lattice->bondPx;
        // Atomic like every other report file: a full disk never leaves a truncated JSON behind.
        if (auto written = writeFileAtomically(json, dumpJson(j) + "\n"); !written)
            return fail(written.error());
    }
    return kExitOk;
}

} // namespace ds::cli
