// defectscope-cli demo: the walking skeleton end to end on the embedded synthetic micrograph -
// synthesise -> grid -> detector -> AUROC against the synthetic truth -> report files (micrograph.tif,
// truth.csv, patches.csv, annotated.png, summary.json). Everything is
// written under temporary names first and renamed into place only when all of it succeeded, with
// summary.json last, so a failed run never leaves a report that looks complete.
#include "cli_common.h"
#include "commands.h"

#include "core/detect/detector_registry.h"
#include "core/analysis/run_image.h"
#include "core/common/atomic_file.h"
#include "core/io/write_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/report/annotated_image.h"
#include "core/report/patch_csv.h"
#include "core/report/score_report.h"
#include "core/report/reproduce.h"
#include "core/report/summary_json.h"
#include "core/synth/synthetic_graphene.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace ds::cli {

namespace fs = std::filesystem;

namespace {

bool hasDetector(const std::string& id) {
    const auto all = availableDetectors();
    return std::any_of(all.begin(), all.end(), [&](const DetectorInfo& d) { return d.id == id; });
}

// Creates `dir` (and parents) and proves it is writable, with a one-line reason when not.
bool prepareOutputDir(const fs::path& dir, std::string& why) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec)) {
        why = "cannot create output directory '" + dir.string() + "': " +
              (ec ? ec.message() : std::string("exists and is not a directory"));
        return false;
    }
    return true;
}

} // namespace

int runDemo(const Args& args) {
    po::options_description options("demo options");
    std::string out, detector, features;
    std::uint64_t seed = 1;
    int size = 1024;
    options.add_options()("help,h", "show this help")                                       //
        ("out,o", po::value(&out)->required(), "output directory (created when missing)")  //
        ("seed", po::value(&seed)->default_value(1), "seed of the synthetic micrograph")   //
        ("detector", po::value(&detector), "detector id (default: auto when available, else iforest)") //
        ("features", po::value(&features), "feature id (default: the detector's own)")      //
        ("size", po::value(&size)->default_value(1024), "image side in pixels (256..8192)");
    po::positional_options_description positional;
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, options, positional, vm, "demo --out DIR [--seed N] [--detector ID]", help))
        return kExitError;
    if (help)
        return kExitOk;
    if (size < 256 || size > 8192)
        return fail("--size must be between 256 and 8192 (got " + std::to_string(size) + ")");

    // The lattice engineer's "auto" detector is the product default; until it is registered the
    // skeleton runs the report's isolation forest on intensity statistics.
    if (detector.empty()) {
        detector = hasDetector("auto") ? "auto" : "iforest";
        if (detector == "iforest" && features.empty())
            features = "stats";
    }
    if (!hasDetector(detector)) {
        std::string known;
        for (const auto& d : availableDetectors())
            known += (known.empty() ? "" : ", ") + d.id;
        return fail("unknown detector '" + detector + "' (available: " + known + ")");
    }

    const fs::path dir(out);
    std::string why;
    if (!prepareOutputDir(dir, why))
        return fail(why);

    SynthOptions synthOptions = demoSynthOptions(seed);
    synthOptions.width = synthOptions.height = size;
    const SyntheticImage synthetic = synthesizeGraphene(synthOptions);
    const Micrograph micrograph = toMicrograph(synthetic);

    RunSpec request;
    request.detector = detector;
    request.features = features;
    request.seed = seed;
    auto config = resolveRunSpec(request);
    if (!config)
        return fail(config.error());
    auto scored = runImage(micrograph, *config, {});
    if (!scored)
        return fail(scored.error());
    // Protocol labels on the grid the pipeline chose (automatic: four bond lengths from the lattice).
    std::vector<Label> labels = labelsFromTruth(scored->grid, synthetic.truth, synthetic.mask);
    const std::string name = "synthetic-graphene-seed" + std::to_string(seed);
    auto report = buildScoreReport(micrograph, name, *config, *scored, std::move(labels), "truth");
    if (!report)
        return fail(report.error());
    if (!report->auroc)
        return fail("the synthetic truth gave no defect or no perfect patches; cannot compute an AUROC");

    nlohmann::json summary = summaryJson(*report);
    // The demo writes its micrograph beside the report: `score` on it recomputes these scores.
    summary["reproduce"] = reproduceArgv(*report, (dir / "micrograph.tif").string(), "");
    summary["demo"] = {{"seed", seed},
                       {"size", size},
                       {"truth_points", synthetic.truth.size()},
                       {"bond_px_true", synthetic.bondPx}};

    // Stage every file under a temporary name; publish them together once all were written.
    AtomicFile tif((dir / "micrograph.tif").string()), truth((dir / "truth.csv").string()),
        patches((dir / "patches.csv").string()), png((dir / "annotated.png").string()),
        json((dir / "summary.json").string());
    const Status written[] = {
        writeTiff(tif.tempPath(), micrograph),
        writeTruthPoints(truth.tempPath(), synthetic.truth),
        writePatchCsv(patches.tempPath(), *report),
        writeAnnotatedPng(png.tempPath(), micrograph.pixels, *report),
        writeJsonFile(json.tempPath(), summary),
    };
    for (const Status& s : written)
        if (!s)
            return fail("cannot write the report into '" + dir.string() + "': " + s.error().message);
    for (AtomicFile* f : {&tif, &truth, &patches, &png, &json})
        if (auto s = f->commit(); !s)
            return fail(s.error());

    std::printf("AUROC %.4f\n", *report->auroc);
    std::printf("detector %s (%s), %d patches, %d defect patches in truth, report in %s\n", report->detector.c_str(),
                report->features.c_str(), report->grid.size(), report->labelledDefects(), dir.string().c_str());
    return kExitOk;
}

} // namespace ds::cli
