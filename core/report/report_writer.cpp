#include "core/report/report_writer.h"

#include "core/common/atomic_file.h"
#include "core/labels/label_csv.h"
#include "core/report/patch_csv.h"
#include "core/report/png_encoder.h"
#include "core/report/reproduce.h"
#include "core/report/summary_json.h"

#include <filesystem>
#include <future>
#include <memory>
#include <system_error>
#include <vector>

namespace ds {

namespace fs = std::filesystem;

Status writeReportFolder(const std::string& dir, const cv::Mat& pixels, const ScoreReport& report,
                         const ReportFiles& files) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec))
        return make_error(ErrorCode::Io, "cannot create output directory '" + dir + "': " +
                                             (ec ? ec.message() : std::string("exists and is not a directory")));
    // Staged files, in the order they are published (summary last).
    std::vector<std::unique_ptr<AtomicFile>> staged;
    auto stage = [&](const std::string& name) -> AtomicFile& {
        staged.push_back(std::make_unique<AtomicFile>((fs::path(dir) / name).string()));
        return *staged.back();
    };
    // patches.csv is written on a second thread while the figure is drawn: the figure's deflate runs
    // on one core (a 4096^2 image: ~0.1 s), which leaves the other free for the CSV (~0.05 s).
    std::future<Status> csv;
    if (files.patchesCsv) {
        const std::string path = stage("patches.csv").tempPath();
        try {
            csv = std::async(std::launch::async, [path, &report] { return writePatchCsv(path, report); });
        } catch (const std::system_error&) { // no thread to be had: write it here
            csv = std::async(std::launch::deferred, [path, &report] { return writePatchCsv(path, report); });
        }
    }
    Status figure;
    if (files.annotatedPng && !files.displayGrey.empty()) {
        auto drawn = renderAnnotatedGrey(files.displayGrey, report, files.style);
        figure = drawn ? writePng(stage("annotated.png").tempPath(), *drawn) : Status(drawn.error());
    } else if (files.annotatedPng) {
        figure = writeAnnotatedPng(stage("annotated.png").tempPath(), pixels, report, files.style);
    }
    if (csv.valid())
        if (auto st = csv.get(); !st)
            return st;
    if (!figure)
        return figure;
    std::string labelsCsv;
    if (report.labelSource == "hand" && files.summaryJson) { // for the summary's "reproduce" command
        labelsCsv = (fs::path(dir) / "labels.csv").string();
        if (auto st = writeLabelCsv(stage("labels.csv").tempPath(), rectsFromLabels(report.grid, report.labels)); !st)
            return st;
    }
    for (const auto& [name, write] : files.extraFiles)
        if (auto st = write(stage(name).tempPath()); !st)
            return st;
    if (files.summaryJson) {
        nlohmann::json j = summaryJson(report);
        const auto argv = reproduceArgv(report, files.imagePath, labelsCsv);
        j["reproduce"] = argv.empty() ? nlohmann::json(nullptr) : nlohmann::json(argv);
        j.update(files.extraSummary);
        if (auto st = writeJsonFile(stage("summary.json").tempPath(), j); !st)
            return st;
    }
    for (auto& f : staged)
        if (auto st = f->commit(); !st)
            return st;
    return {};
}

} // namespace ds
