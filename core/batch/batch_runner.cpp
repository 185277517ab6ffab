#include "core/batch/batch_runner.h"

#include "core/common/guard.h"
#include "core/common/heap_reuse.h"
#include "core/analysis/model_file.h"
#include "core/features/normalise.h"
#include "core/common/atomic_file.h"
#include "core/common/fnv1a.h"
#include "core/common/utf8_text.h"
#include "core/grid/grid_json.h"
#include "core/io/read_micrograph.h"
#include "core/labels/label_csv.h"
#include "core/labels/sidecar_truth.h"
#include "core/lattice/atom_lattice.h"
#include "core/report/patch_csv.h"
#include "core/report/report_writer.h"
#include "core/report/summary_json.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>


namespace ds {

namespace fs = std::filesystem;

namespace {

// A stable, platform-independent short hash for folder names.
std::string shortHash(const std::string& s) {
    const std::uint64_t h = fnv1a(s);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(h & 0xffffffffull));
    return buf;
}

// Labels from sidecar files next to the image: NAME.truth.csv (points) and NAME.mask.png (regions).
std::vector<Label> sidecarLabels(const std::string& path, const PatchGrid& grid) {
    const auto truth = unwrap(readSidecarTruth(path));
    return truth ? labelsFromTruth(grid, truth->points, truth->mask) : std::vector<Label>{};
}

// The atom columns and rings lattice-aware detectors reasoned about (atoms.csv), for anyone who
// wants to check a flagged patch atom by atom. Best effort: an image whose atoms cannot be found
// was still scored, so a failed search never fails the image (there is then no atoms.csv).
// Whether a run of this detector writes atoms.csv (the detectors that reason about atoms).
bool writesAtoms(const std::string& detectorId) { return detectorId == "lattice" || detectorId == "auto"; }

std::optional<AtomLattice> findAtoms(const cv::Mat& norm, const RunResult& scored, const RunControl& rc) {
    std::optional<LatticeEstimate> est = scored.lattice;
    if (!est) {
        auto e = estimateLattice(norm, rc);
        if (e)
            est = *e;
    }
    if (!est || est->bondPx <= 0)
        return std::nullopt;
    auto atoms = findAtomLattice(norm, *est, rc);
    return atoms ? std::optional<AtomLattice>(std::move(*atoms)) : std::nullopt;
}

ImageOutcome processOne(const std::string& path, const std::string& folder, const fs::path& outDir,
                        const BatchOptions& o, const SavedModel* model, const RunControl& rc) {
    ImageOutcome outcome;
    outcome.path = path;
    outcome.folder = folder;
    auto done = guarded(path, [&]() -> ScoreReport {
        ReadOptions read;
        read.frame = o.frame;
        Micrograph m = unwrap(readMicrograph(path, read));
        if (o.pixelSize)
            applyPixelSizeIfUncalibrated(m, *o.pixelSize, kCalibrationFromCommandLine);
        // Hand labels (--labels) need the grid before the run, so they need an explicit grid.
        const auto handRects = o.labelFiles.find(fs::absolute(path).lexically_normal().string());
        std::vector<Label> hand;
        if (handRects != o.labelFiles.end()) {
            if (!o.config.grid)
                fail(ErrorCode::InvalidArgument, "hand labels need an explicit grid (--patch)");
            const PatchGrid grid = unwrap(PatchGrid::create(*o.config.grid, m.width(), m.height()));
            hand = labelsFromRects(grid, unwrap(readLabelCsv(handRects->second)));
        }
        // The raw pixels are needed only for the figure's grey view: it is made first, then the pixels
        // are normalised in place and moved into the run (m keeps the calibration), which lets them
        // go once the features exist unless the detector reads the image. A 4096^2 image: 48 MB less
        // while the features are computed, 112 MB less while the model runs (the decoded and the
        // normalised copy, 64 MB each, against the 16 MB grey view).
        const bool atomsWanted =
            writesAtoms(model ? (model->detector ? model->detector->id() : "") : unwrap(makeDetector(o.config))->id());
        const cv::Mat grey = o.figures ? displayGrey(m.pixels) : cv::Mat();
        cv::Mat norm = std::move(m.pixels);
        normaliseInPlace(norm);
        const cv::Mat atomsImage = atomsWanted ? norm : cv::Mat();
        RunResult scored = model ? unwrap(runModel(m, *model, rc, std::move(norm)))
                                 : unwrap(runImage(m, o.config, RunInputs{hand, {}, std::move(norm)}, rc));
        std::vector<Label> labels = !hand.empty()   ? hand
                                    : o.truthFiles ? sidecarLabels(path, scored.grid)
                                                   : std::vector<Label>{};
        const std::string source = hand.empty() ? "truth" : "hand";
        RunSpec spec = o.config;
        if (model) { // the model's own settings are what scored the image
            spec.detector = model->spec.detector;
            spec.features = model->spec.features;
            spec.params = model->spec.params;
            spec.resample = model->spec.resample;
            spec.grid = model->spec.grid;
        }
        ScoreReport report = unwrap(buildScoreReport(m, path, spec, scored, std::move(labels), source));
        const fs::path dir = outDir / folder;
        ReportFiles files;
        files.annotatedPng = o.figures;
        files.displayGrey = grey;
        files.extraSummary = {{"folder", folder}};
        if (!model)
            files.imagePath = path;
        std::optional<AtomLattice> atoms;
        if (atomsWanted)
            atoms = findAtoms(atomsImage, scored, rc);
        if (atoms) // part of the report's set: a failed report (disk full) leaves no atoms.csv behind
            files.extraFiles.emplace_back("atoms.csv", [&atoms](const std::string& p) { return writeAtomsCsv(p, *atoms); });
        if (auto written = writeReportFolder(dir.string(), m.pixels, report, files); !written) { // summary.json last
            std::error_code ec;
            fs::remove(dir, ec); // the folder, when this run made it and left it empty
            check(written);
        }
        return report;
    });
    if (done) {
        outcome.report = std::move(*done);
    } else {
        // guarded() prefixes the path; readers often name the file too - say it once.
        std::string msg = done.error().message;
        const std::string twice = path + ": " + path + ": ";
        if (msg.rfind(twice, 0) == 0)
            msg.erase(0, path.size() + 2);
        outcome.error = msg;
    }
    return outcome;
}

Status writeCombined(const fs::path& outDir, const BatchResult& result, const BatchOptions& o) {
    {
        AtomicFile csv((outDir / "patches.csv").string());
        std::ofstream out(csv.tempPath(), std::ios::trunc);
        if (!out)
            return make_error(ErrorCode::Io, (outDir / "patches.csv").string() + ": cannot create file");
        out << kPatchCsvHeader << '\n';
        for (const ImageOutcome& i : result.images)
            if (i.report)
                writePatchRows(out, *i.report);
        out.close();
        if (!out)
            return make_error(ErrorCode::Io, (outDir / "patches.csv").string() + ": write failed");
        if (auto st = csv.commit(); !st)
            return st;
    }
    // Every input in order with its status, so a reader sees at a glance which ones failed and why.
    nlohmann::json images = nlohmann::json::array(), problems = nlohmann::json::array();
    int scored = 0;
    for (const InputProblem& p : o.inputProblems)
        problems.push_back({{"input", p.path}, {"error", p.message}});
    for (const ImageOutcome& i : result.images) {
        if (i.report) {
            nlohmann::json j = summaryJson(*i.report);
            j.erase("versions");
            j["status"] = "ok";
            j["folder"] = i.folder;
            j["patch"] = i.report->grid.spec().side;
            j["stride"] = i.report->grid.spec().stride;
            images.push_back(std::move(j));
            ++scored;
        } else {
            images.push_back({{"image", i.path}, {"status", "failed"}, {"error", i.error}});
        }
    }
    const nlohmann::json summary = {
        {"settings", batchSettingsJson(o)},
        {"shard", {{"index", o.shard.index}, {"count", o.shard.count}}},
        {"inputs", o.totalInputs},
        {"inputs_digest", o.inputsDigest},
        {"scored", scored},
        {"failed", result.failed},
        {"images", images},
        {"input_problems", problems},
        {"seconds", result.seconds},
        {"versions", versionsJson()},
    };
    return writeJsonFile((outDir / "summary.json").string(), summary);
}

} // namespace

std::vector<std::string> outputFolderNames(const std::vector<std::string>& allFiles) {
    // Folder names are written into summary.json, so they are valid UTF-8 (utf8_text.h); names that
    // differ only in their invalid bytes then collide, and get the hash suffix like any duplicate.
    const auto stemOf = [](const std::string& f) { return validUtf8(fs::path(f).stem().string()); };
    std::map<std::string, int> stems;
    for (const std::string& f : allFiles)
        ++stems[stemOf(f)];
    std::vector<std::string> out;
    out.reserve(allFiles.size());
    for (const std::string& f : allFiles) {
        std::string stem = stemOf(f);
        const bool duplicate = stems[stem] > 1;
        if (stem.empty() || stem[0] == '.')
            stem = "image" + stem;
        out.push_back(duplicate ? stem + "-" + shortHash(f) : stem);
    }
    return out;
}

nlohmann::json batchSettingsJson(const BatchOptions& o) {
    nlohmann::json grid = o.config.grid ? gridSpecToJson(*o.config.grid) : nlohmann::json(nullptr);
    return {{"detector", o.modelPath.empty() ? o.config.detector : std::string()},
            {"features", o.modelPath.empty() ? o.config.features : std::string()},
            {"model", o.modelPath.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.modelPath)},
            {"grid", o.modelPath.empty() ? grid : nlohmann::json("model")},
            {"resample", o.config.resample},
            {"parameters", o.config.params},
            {"seed", o.config.seed},
            {"truth_files", o.truthFiles},
            {"figures", o.figures},
            {"mode", runModeName(o.config.mode)},
            {"threshold", o.config.threshold.value ? nlohmann::json(*o.config.threshold.value) : nlohmann::json(nullptr)},
            {"contamination", o.config.threshold.contamination ? nlohmann::json(*o.config.threshold.contamination) : nlohmann::json(nullptr)},
            {"nm_per_px", o.pixelSize ? nlohmann::json{o.pixelSize->xNm, o.pixelSize->yNm} : nlohmann::json(nullptr)},
            {"frame", o.frame}};
}

Result<BatchResult> runBatch(const std::vector<std::string>& files, const std::vector<std::string>& folders,
                             const std::string& outDir, const BatchOptions& options, const BatchCallback& onImageDone,
                             const RunControl& rc) {
    if (folders.size() != files.size())
        return make_error(ErrorCode::InvalidArgument, "one output folder name per input is needed");
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec || !fs::is_directory(outDir, ec))
        return make_error(ErrorCode::Io, "cannot create output directory '" + outDir + "': " +
                                             (ec ? ec.message() : std::string("exists and is not a directory")));
    if (!options.modelPath.empty()) {
        auto probe = loadModel(options.modelPath); // fail early, before any worker starts
        if (!probe)
            return probe.error();
    }
    const auto t0 = std::chrono::steady_clock::now();
    BatchResult result;
    result.images.resize(files.size());
    std::atomic<size_t> next{0};
    std::mutex mutex;
    int done = 0;
    const int total = static_cast<int>(files.size());

    auto worker = [&] {
        std::optional<SavedModel> model; // a Detector serves one thread at a time: one copy per worker
        if (!options.modelPath.empty()) {
            auto m = loadModel(options.modelPath);
            if (m)
                model = std::move(*m);
        }
        bool first = true;
        for (size_t i = next++; i < files.size() && !rc.stopRequested(); i = next++) {
            // The CLI keeps freed blocks for reuse (heap_reuse.h): the holes one image leaves are not
            // always of a size the next can use, and a 12-image batch of mixed sizes peaked ~90 MB
            // above its largest image. Before every image but a worker's first, they go back.
            if (!std::exchange(first, false))
                returnFreedHeapMemory();
            ImageOutcome outcome = (!options.modelPath.empty() && !model)
                                       ? ImageOutcome{files[i], folders[i], std::nullopt, "cannot load the model"}
                                       : processOne(files[i], folders[i], outDir, options, model ? &*model : nullptr,
                                                    RunControl(rc.stopToken()));
            std::lock_guard lock(mutex);
            result.images[i] = std::move(outcome);
            ++done;
            rc.progress(static_cast<double>(done) / std::max(1, total), "scoring");
            if (onImageDone)
                onImageDone(done, total, result.images[i]);
        }
    };
    const int jobs = std::clamp(options.jobs, 1, std::max(1, total));
    if (jobs == 1) {
        worker();
    } else {
        std::vector<std::jthread> threads;
        for (int j = 0; j < jobs; ++j)
            threads.emplace_back(worker);
    } // jthreads join here
    if (rc.stopRequested())
        return make_error(ErrorCode::Cancelled, "batch cancelled; no combined summary written");
    for (const ImageOutcome& o : result.images)
        result.failed += !o.report;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (auto st = writeCombined(outDir, result, options); !st)
        return st.error();
    return result;
}

} // namespace ds
