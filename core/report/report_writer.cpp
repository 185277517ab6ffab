#include "core/report/report_writer.h"

#include "core/common/atomic_file.h"
#include "core/report/patch_csv.h"
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
    auto stage = [&](const char* name) -> AtomicFile& {
        staged.push_back(std::make_unique<AtomicFile>((fs::path(dir) / name).string()));
        return *staged.back();
    };
    if (files.patchesCsv)
        if (auto st = writePatchCsv(stage("patches.csv").tempPath(), report); !st)
            return st;
    if (files.annotatedPng)
        if (auto st = writeAnnotatedPng(stage("annotated.png").tempPath(), pixels, report, files.style); !st)
            return st;
    if (files.summaryJson) {
        nlohmann::json j = summaryJson(report);
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
