// `defectscope-cli score`: scores images (fitting in self mode, or with a saved model) and writes
// DIR/<image-stem>/patches.csv plus DIR/summary.json. A bad file is reported and skipped (exit 1).
#include "cli_common.h"
#include "commands.h"

#include "core/detect/model_file.h"
#include "core/detect/pipeline.h"
#include "core/eval/patch_table.h"
#include "core/io/read_micrograph.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace ds::cli {

namespace fs = std::filesystem;

int runScore(const Args& args) {
    po::options_description opts("score options");
    std::vector<std::string> images;
    std::string detector, features, model, outDir;
    int patch = 0, stride = 0, resample = 48;
    std::uint64_t seed = 0;
    opts.add_options()("help,h", "show this help")
        ("images", po::value(&images)->multitoken()->required(), "micrograph files")
        ("detector", po::value(&detector)->default_value("auto"), "detector id (ignored with --model)")
        ("features", po::value(&features)->default_value(""), "feature id (default: the detector's own)")
        ("patch", po::value(&patch), "patch side in pixels (default: 4 bond lengths from the lattice estimate)")
        ("stride", po::value(&stride), "stride in pixels (default: patch / 2)")
        ("resample", po::value(&resample)->default_value(48), "patches are resampled to this side")
        ("model", po::value(&model), "score with this saved model instead of fitting on each image")
        ("seed", po::value(&seed)->default_value(0), "random seed")
        ("out", po::value(&outDir)->required(), "output directory");
    po::positional_options_description pos;
    pos.add("images", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "score IMAGE... --out DIR [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    if (vm.count("stride") && !vm.count("patch"))
        return fail("--stride needs --patch");
    std::optional<SavedModel> saved;
    if (vm.count("model")) {
        auto m = loadModel(model);
        if (!m)
            return fail(m.error());
        saved = std::move(*m);
    }
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec)
        return fail("cannot create " + outDir + ": " + ec.message());
    PipelineConfig config;
    config.detector = detector;
    config.features = features;
    config.resample = resample;
    config.seed = seed;
    if (patch > 0)
        config.grid = GridSpec{patch, stride > 0 ? stride : std::max(1, patch / 2), 0, 0};

    nlohmann::json summary{{"detector", saved ? saved->detectorId : detector}, {"model", model}, {"images", nlohmann::json::array()}};
    int failed = 0;
    for (const std::string& path : images) {
        nlohmann::json entry{{"image", path}};
        auto mg = readMicrograph(path);
        Result<ImageScores> scored = mg ? (saved ? scoreImageWithModel(*mg, *saved) : scoreImage(*mg, config, {}))
                                        : Result<ImageScores>(mg.error());
        Status written;
        const fs::path dir = fs::path(outDir) / fs::path(path).stem();
        if (scored) {
            fs::create_directories(dir, ec);
            written = writePatchTable((dir / "patches.csv").string(), path, *scored);
        }
        if (!scored || !written) {
            const std::string msg = !scored ? scored.error().message : written.error().message;
            std::cerr << "defectscope-cli: error: " << (msg.rfind(path, 0) == 0 ? msg : path + ": " + msg) << "\n";
            entry["status"] = "failed";
            entry["error"] = msg;
            ++failed;
        } else {
            const GridSpec& g = scored->grid.spec();
            float maxScore = scored->scores.empty() ? 0.f : *std::max_element(scored->scores.begin(), scored->scores.end());
            entry.update({{"status", "ok"}, {"patches_csv", (dir / "patches.csv").string()},
                          {"detector", scored->detector}, {"features", scored->features}, {"patch", g.side},
                          {"stride", g.stride}, {"patches", scored->grid.size()}, {"max_score", maxScore},
                          {"notes", scored->notes}, {"seconds", scored->seconds}});
            if (scored->lattice)
                entry["bond_px"] = scored->lattice->bondPx;
            std::cout << path << ": " << scored->grid.size() << " patches scored\n";
        }
        summary["images"].push_back(entry);
    }
    summary["failed"] = failed;
    std::ofstream out(fs::path(outDir) / "summary.json");
    out << summary.dump(2) << "\n";
    if (!out)
        return fail("cannot write " + (fs::path(outDir) / "summary.json").string());
    return failed == 0 ? kExitOk : (failed == static_cast<int>(images.size()) ? kExitError : kExitPartial);
}

} // namespace ds::cli
