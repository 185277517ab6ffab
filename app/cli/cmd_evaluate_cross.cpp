// `defectscope-cli evaluate IMG... --cross-image`: leave-one-image-out over images with truth files
// beside them (NAME.truth.csv, optional NAME.mask.png): each image is scored by a detector fitted on
// the other images' truth labels only. Prints AUROC per held-out image, pooled and mean, and says in
// the JSON which kind of AUROC every number is.
#include "cli_common.h"
#include "run_spec_options.h"
#include "commands.h"

#include "core/common/atomic_file.h"
#include "core/common/utf8_text.h"
#include "core/dataset/cross_image_evaluation.h"
#include "core/io/read_micrograph.h"
#include "core/labels/sidecar_truth.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace ds::cli {

int runEvaluateCrossImage(const Args& args) {
    po::options_description opts("evaluate --cross-image options");
    std::vector<std::string> images;
    std::string json;
    int resamples = kDefaultBootstrapResamples;
    // Detector, features, --param, grid, resample and seed: the same options, checks and defaults
    // as every other command that runs a detector (one home: run_spec_options).
    RunSpecOptions run(RunSpecOptions::Enabled{false, false, false});
    opts.add_options()("help,h", "show this help")
        ("images", po::value(&images)->multitoken()->required(), "micrographs, each with NAME.truth.csv beside it")
        ("cross-image", "leave-one-image-out: fit on the other images' truth labels, score the held-out image")
        ("bootstrap", po::value(&resamples)->default_value(kDefaultBootstrapResamples), "bootstrap resamples for the 95% intervals")
        ("json", po::value(&json), "write the result as JSON to this file");
    run.add(opts);
    po::positional_options_description pos;
    pos.add("images", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "evaluate IMAGE IMAGE... --cross-image [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    auto spec = run.toSpec(vm);
    if (!spec)
        return fail(spec.error());
    const RunSpec& config = *spec;
    if (images.size() < 2)
        return fail("--cross-image needs at least two images (each held out in turn)");

    const auto t0 = std::chrono::steady_clock::now();
    std::vector<CrossImageInput> inputs;
    std::vector<std::string> truthFiles;
    for (const std::string& path : images) {
        auto m = readMicrograph(path);
        if (!m)
            return fail(m.error());
        auto truth = readSidecarTruth(path);
        if (!truth)
            return fail(path + ": " + truth.error().message);
        if (!*truth)
            return fail(path + ": no truth file beside it (NAME.truth.csv); --cross-image scores every image against its truth");
        CrossImageInput in;
        in.image = std::move(*m);
        in.name = path;
        in.truth = std::move((*truth)->points);
        in.mask = (*truth)->mask;
        truthFiles.push_back((*truth)->pointsPath);
        inputs.push_back(std::move(in));
    }
    auto result = evaluateCrossImage(inputs, config, resamples);
    if (!result)
        return fail(result.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::printf("leave-one-image-out AUROC (%s on %s; each image scored by a model fitted on the others' truth)\n",
                result->detector.c_str(), result->features.c_str());
    nlohmann::json perImage = nlohmann::json::array();
    for (std::size_t i = 0; i < result->images.size(); ++i) {
        const HeldOutImage& r = result->images[i];
        for (const std::string& note : r.notes)
            std::cerr << "defectscope-cli: note: " << r.name << ": " << note << "\n";
        const GridSpec& g = r.scores.grid.spec();
        if (r.auroc)
            std::printf("  %-40s %.4f  [%.4f, %.4f]", r.name.c_str(), *r.auroc, r.aurocCi.low, r.aurocCi.high);
        else
            std::printf("  %-40s   n/a", r.name.c_str());
        std::printf("  %d patches (%d defect), patch %d stride %d; trained on %d defect / %d perfect\n", r.patches,
                    r.defectPatches, g.side, g.stride, r.trainDefect, r.trainPerfect);
        perImage.push_back({{"image", r.name},
                            {"truth", truthFiles[i]},
                            {"auroc", r.auroc ? nlohmann::json(*r.auroc) : nlohmann::json(nullptr)},
                            {"auroc_ci95", r.auroc ? nlohmann::json{r.aurocCi.low, r.aurocCi.high} : nlohmann::json(nullptr)},
                            {"auroc_kind", kHeldOutAurocKind},
                            {"patches", r.patches},
                            {"labelled_defect_patches", r.defectPatches},
                            {"train_defect_patches", r.trainDefect},
                            {"train_perfect_patches", r.trainPerfect},
                            {"patch", g.side},
                            {"stride", g.stride},
                            {"notes", r.notes}});
    }
    std::printf("pooled AUROC %.4f  [%.4f, %.4f]\n", result->pooledAuroc, result->pooledCi.low, result->pooledCi.high);
    if (result->meanAuroc)
        std::printf("mean per-image AUROC %.4f\n", *result->meanAuroc);
    std::fprintf(stderr, "%.2f s\n", seconds);
    if (!json.empty()) {
        nlohmann::json j{{"mode", "cross-image"},
                         {"detector", result->detector},
                         {"features", result->features},
                         {"images", perImage},
                         {"pooled", {{"auroc", result->pooledAuroc},
                                     {"auroc_ci95", {result->pooledCi.low, result->pooledCi.high}},
                                     {"auroc_kind", kPooledHeldOutAurocKind}}},
                         {"mean", {{"auroc", result->meanAuroc ? nlohmann::json(*result->meanAuroc) : nlohmann::json(nullptr)},
                                   {"auroc_kind", kMeanHeldOutAurocKind}}},
                         {"spec", runSpecToJson(config)},
                         {"resample", config.resample},
                         {"seed", config.seed},
                         {"seconds", seconds}};
        if (auto written = writeFileAtomically(json, dumpJson(j) + "\n"); !written)
            return fail(written.error());
    }
    return kExitOk;
}

} // namespace ds::cli
