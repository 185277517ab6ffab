// `defectscope-cli score`: scores files, folders (--recursive) and glob patterns in self mode (or with
// a saved model), on --jobs threads, optionally one --shard i/n of them, and writes per image
// DIR/<name>/{patches.csv,summary.json,annotated.png[,atoms.csv]} plus the combined DIR/patches.csv and
// DIR/summary.json. Bad files are reported and skipped: exit 1 when some failed, 2 when none scored.
#include "cli_common.h"
#include "commands.h"

#include "core/batch/batch_runner.h"
#include "core/batch/input_collector.h"
#include "core/batch/shard_spec.h"
#include "core/detect/detector_registry.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace ds::cli {

namespace fs = std::filesystem;

namespace {

bool hasDetector(const std::string& id) {
    const auto all = availableDetectors();
    return std::any_of(all.begin(), all.end(), [&](const DetectorInfo& d) { return d.id == id; });
}

// "name=value" pairs for detector parameters.
bool parseParams(const std::vector<std::string>& items, std::map<std::string, double>& out, std::string& why) {
    for (const std::string& item : items) {
        const auto eq = item.find('=');
        try {
            size_t used = 0;
            if (eq == std::string::npos || eq == 0)
                throw std::invalid_argument(item);
            const double v = std::stod(item.substr(eq + 1), &used);
            if (used != item.size() - eq - 1)
                throw std::invalid_argument(item);
            out[item.substr(0, eq)] = v;
        } catch (const std::exception&) {
            why = "--param expects name=number (got '" + item + "')";
            return false;
        }
    }
    return true;
}

// A one-line progress bar on a terminal, plain lines otherwise (logs, Slurm output files).
class Progress {
public:
    explicit Progress(bool terminal) : m_terminal(terminal) {}
    void update(int done, int total, const ImageOutcome& o) {
        if (!o.report)
            clearBar(), std::cerr << "defectscope-cli: error: " << (o.error.rfind(o.path, 0) == 0 ? o.error : o.path + ": " + o.error) << "\n";
        if (m_terminal) {
            constexpr int width = 30;
            const int filled = total ? done * width / total : width;
            std::string name = fs::path(o.path).filename().string();
            if (name.size() > 32)
                name = "..." + name.substr(name.size() - 29);
            std::fprintf(stderr, "\r[%s%s] %d/%d %-32s", std::string(filled, '#').c_str(),
                         std::string(width - filled, '.').c_str(), done, total, name.c_str());
            std::fflush(stderr);
            m_barShown = true;
        } else if (o.report) {
            std::printf("[%d/%d] %s: %d patches, %d above threshold%s\n", done, total, o.path.c_str(),
                        o.report->grid.size(), o.report->predictedDefects(),
                        o.report->auroc ? (", AUROC " + std::to_string(*o.report->auroc)).c_str() : "");
            std::fflush(stdout);
        }
    }
    void finish() { clearBar(); }

private:
    void clearBar() {
        if (m_barShown)
            std::fprintf(stderr, "\r%s\r", std::string(80, ' ').c_str());
        m_barShown = false;
    }
    bool m_terminal;
    bool m_barShown = false;
};

} // namespace

int runScore(const Args& args) {
    po::options_description opts("score options");
    std::vector<std::string> inputs, params;
    std::string detector, features, model, outDir, shardText;
    int patch = 0, stride = 0, resample = 48, jobs = 1;
    std::uint64_t seed = 0;
    opts.add_options()("help,h", "show this help")
        ("inputs", po::value(&inputs)->multitoken()->required(), "micrograph files, folders or glob patterns")
        ("out,o", po::value(&outDir)->required(), "output directory")
        ("recursive,r", "descend into subfolders of folder inputs (and match patterns there)")
        ("detector", po::value(&detector), "detector id (default: auto when available, else iforest; ignored with --model)")
        ("features", po::value(&features)->default_value(""), "feature id (default: the detector's own)")
        ("param", po::value(&params)->multitoken(), "detector parameter name=value (repeatable)")
        ("patch", po::value(&patch), "patch side in pixels (default: 4 bond lengths from the lattice estimate)")
        ("stride", po::value(&stride), "stride in pixels (default: patch / 2)")
        ("resample", po::value(&resample)->default_value(48), "patches are resampled to this side")
        ("model", po::value(&model), "score with this saved model instead of fitting on each image")
        ("seed", po::value(&seed)->default_value(0), "random seed")
        ("jobs,j", po::value(&jobs)->default_value(1), "images scored in parallel")
        ("shard", po::value(&shardText), "score only shard i of n (i/n, i from 0), e.g. $SLURM_ARRAY_TASK_ID/8")
        ("threshold", po::value<double>(), "fixed score threshold for 'predicted' (default: Youden with truth files, else the detector's calibrated threshold (auto, lattice), else median + 3 MAD)")
        ("contamination", po::value<double>(), "flag this fraction of each image's patches, e.g. 0.05")
        ("no-figures", "skip the annotated PNG per image (saves time and disk on large batches)")
        ("no-truth", "ignore NAME.truth.csv / NAME.mask.png next to the images")
        ("nm-per-px", po::value<std::string>(), "pixel size in nm for files without a length calibration, e.g. 0.0125 or 0.002x0.003 (x by y)")
        ("frame", po::value<int>()->default_value(0), "frame of stacks and series to score (from 0)");
    po::positional_options_description pos;
    pos.add("inputs", -1);
    po::variables_map vm;
    bool help = false;
    if (!parseArgs(args, opts, pos, vm, "score INPUT... --out DIR [options]", help))
        return kExitError;
    if (help)
        return kExitOk;
    if (vm.count("stride") && !vm.count("patch"))
        return fail("--stride needs --patch");
    if (jobs < 1 || jobs > 256)
        return fail("--jobs must be between 1 and 256");

    BatchOptions options;
    if (!shardText.empty()) {
        auto shard = parseShard(shardText);
        if (!shard)
            return fail(shard.error());
        options.shard = *shard;
    }
    std::string why;
    if (!parseParams(params, options.config.params, why))
        return fail(why);
    if (detector.empty())
        detector = hasDetector("auto") ? "auto" : "iforest";
    if (model.empty() && !hasDetector(detector)) {
        std::string known;
        for (const auto& d : availableDetectors())
            known += (known.empty() ? "" : ", ") + d.id;
        return fail("unknown detector '" + detector + "' (available: " + known + ")");
    }
    options.config.detector = detector;
    options.config.features = features;
    options.config.resample = resample;
    options.config.seed = seed;
    if (patch > 0)
        options.config.grid = GridSpec{patch, stride > 0 ? stride : std::max(1, patch / 2), 0, 0};
    options.modelPath = model;
    options.jobs = jobs;
    options.figures = vm.count("no-figures") == 0;
    if (vm.count("threshold") && vm.count("contamination"))
        return fail("give either --threshold or --contamination, not both");
    if (vm.count("threshold"))
        options.threshold.value = vm["threshold"].as<double>();
    if (vm.count("contamination")) {
        const double c = vm["contamination"].as<double>();
        if (!(c > 0 && c < 1))
            return fail("--contamination must be between 0 and 1 (got " + std::to_string(c) + ")");
        options.threshold.contamination = c;
    }
    options.truthFiles = vm.count("no-truth") == 0;
    if (vm.count("nm-per-px")) {
        auto size = parsePixelSize(vm["nm-per-px"].as<std::string>());
        if (!size)
            return fail("--nm-per-px: " + size.error().message);
        options.pixelSize = *size;
    }
    options.frame = vm["frame"].as<int>();
    if (options.frame < 0)
        return fail("--frame must be 0 or more");

    CollectedInputs collected = collectInputs(inputs, vm.count("recursive") > 0, {fs::path(outDir)});
    for (const InputProblem& p : collected.problems)
        std::cerr << "defectscope-cli: error: " << p.path << ": " << p.message << "\n";
    if (collected.files.empty())
        return fail("no micrographs to score");
    options.totalInputs = static_cast<int>(collected.files.size());
    options.inputProblems = collected.problems;
    const std::vector<std::string> folders = outputFolderNames(collected.files);
    std::vector<std::string> files, shardFolders;
    for (size_t k = 0; k < collected.files.size(); ++k)
        if (static_cast<int>(k % static_cast<size_t>(options.shard.count)) == options.shard.index) {
            files.push_back(collected.files[k]);
            shardFolders.push_back(folders[k]);
        }

    Progress progress(::isatty(::fileno(stderr)) != 0);
    auto result = runBatch(files, shardFolders, outDir, options,
                           [&](int done, int total, const ImageOutcome& o) { progress.update(done, total, o); });
    progress.finish();
    if (!result)
        return fail(result.error());
    const int scored = static_cast<int>(files.size()) - result->failed;
    std::printf("scored %d of %d image(s)%s in %.1f s; report in %s\n", scored, static_cast<int>(files.size()),
                options.shard.count > 1 ? (" (shard " + shardText + ")").c_str() : "", result->seconds,
                outDir.c_str());
    if (scored == 0)
        return kExitError;
    return result->failed > 0 || !collected.problems.empty() ? kExitPartial : kExitOk;
}

} // namespace ds::cli
