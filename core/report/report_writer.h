#pragma once
// writeReportFolder(): the whole report of one scored image into one folder - patches.csv,
// annotated.png, labels.csv (the hand labels, when they chose the threshold or trained the
// detector: the "reproduce" command reads them) and summary.json - as a set: every file is written under a temporary name first
// and renamed into place only when all of them succeeded, summary.json last, so a folder with a
// summary is always complete. Used by the CLI (demo, score) and by the GUI's File > Export Report.
// Plain function; any thread (one call per folder at a time). patches.csv is written on a thread of
// its own while the figure is drawn; both are done when the function returns.
#include "core/common/result.h"
#include "core/report/annotated_image.h"
#include "core/report/score_report.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

namespace ds {

struct ReportFiles {
    bool patchesCsv = true;
    bool annotatedPng = true;
    bool summaryJson = true;
    AnnotationStyle style;
    // displayGrey() of the micrograph when the caller made it before it overwrote the pixels (the
    // batch normalises them in place): the figure is drawn over it, and `pixels` is not read.
    cv::Mat displayGrey;
    nlohmann::json extraSummary = nlohmann::json::object(); // merged into summary.json (e.g. batch folder)
    // The micrograph file, named in summary.json's "reproduce" command ("" = no file: no command).
    std::string imagePath;
    // More files of the set (the batch's atoms.csv): a name in the folder and a writer that fills the
    // temporary path it is given. Published with the others, before summary.json; when any file of
    // the set fails, none of them appears.
    std::vector<std::pair<std::string, std::function<Status(const std::string& path)>>> extraFiles;
};

// Creates `dir` when missing. `pixels` is the micrograph the report was scored on (for the figure,
// unless files.displayGrey is set).
Status writeReportFolder(const std::string& dir, const cv::Mat& pixels, const ScoreReport& report,
                         const ReportFiles& files = {});

} // namespace ds
