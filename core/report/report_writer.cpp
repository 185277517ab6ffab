#include "core/report/report_writer.h"

#include "core/common/atomic_file.h"
#include "core/labels/label_csv.h"
#include "core/report/patch_csv.h"
#include "core/report/reproduce.h"
#include "core/report/summary_json.h"

#include <filesystem>
#include <memory>
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
    if (files.patchesCsv)
        if (auto st = writePatchCsv(stage("patches.csv").tempPath(), report); !st)
            return st;
    if (files.annotatedPng)
        if (auto st = writeAnnotatedPng(stage("annotated.png").tempPath(), pixels, report, files.style); !st)
            return st;
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
