// `defectscope-cli score`: scores files, folders (--recursive) and glob patterns in self mode (or with
// a saved model), on --jobs threads, optionally one --shard i/n of them, and writes per image
// DIR/<name>/{patches.csv,summary.json,annotated.png[,atoms.csv]} plus the combined DIR/patches.csv and
// DIR/summary.json. Bad files are reported and skipped: exit 1 when some failed, 2 when none scored.
#include "cli_common.h"
#include "commands.h"

#include "core/batch/batch_runner.h"
#include "core/batch/input_collector.h"
#include "core/batch/shard_spec.h"
#include "run_spec_options.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace ds::cli {

namespace fs = std::filesystem;

namespace {

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
    std::vector<std::string> inputs, labelFiles;
    std::string model, outDir, shardText;
    int jobs = 1;
    RunSpecOptions run;
    opts.add_options()("help,h", "show this help")
        ("inputs", po::value(&inputs)->multitoken()->required(), "micrograph files, folders or glob patterns")
        ("out,o", po::value(&outDir)->required(), "output directory")
        ("recursive,r", "descend into subfolders of folder inputs (and match patterns there)");
    run.add(opts);
    opts.add_options()
        ("labels", po::value(&labelFiles)->multitoken(), "hand labels CSV (x,y,width,height,label), one per input file in order: the AUROC and threshold use them, and --train fits on them (needs --patch)")
        ("model", po::value(&model), "score with this saved model instead of fitting on each image")
        ("jobs,j", po::value(&jobs)->default_value(1), "images scored in parallel")
        ("shard", po::value(&shardText), "score only shard i of n (i/n, i from 0), e.g. $SLURM_ARRAY_TASK_ID/8")
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
    if (jobs < 1 || jobs > 256)
        return fail("--jobs must be between 1 and 256");

    BatchOptions options;
    if (!shardText.empty()) {
        auto shard = parseShard(shardText);
        if (!shard)
            return fail(shard.error());
        options.shard = *shard;
    }
    auto spec = run.toSpec(vm);
    if (!spec)
        return fail(spec.error());
    options.config = *spec;
    options.modelPath = model;
    options.jobs = jobs;
    options.figures = vm.count("no-figures") == 0;
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
    if (!labelFiles.empty()) {
        if (labelFiles.size() != inputs.size())
            return fail(std::to_string(labelFiles.size()) + " --labels files for " + std::to_string(inputs.size()) +
                        " inputs (give one per input file, in the same order)");
        if (!options.config.grid)
            return fail("--labels needs --patch (hand labels belong to a grid)");
        for (std::size_t i = 0; i < inputs.size(); ++i)
            options.labelFiles[fs::absolute(inputs[i]).lexically_normal().string()] = labelFiles[i];
    } else if (options.config.mode == RunMode::Trained) {
        return fail("--train needs --labels");
    }

    CollectedInputs collected = collectInputs(inputs, vm.count("recursive") > 0, {fs::path(outDir)});
    for (const InputProblem& p : collected.problems)
        std::cerr << "defectscope-cli: error: " << p.path << ": " << p.message << "\n";
    if (collected.files.empty())
        return fail("no micrographs to score");
    options.totalInputs = static_cast<int>(collected.files.size());
    options.inputsDigest = inputListDigest(collected.files);
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
