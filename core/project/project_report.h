#pragma once
// The report of one project image's shown run, in one place for the GUI's File > Export Report and
// `defectscope-cli report PROJECT`: the run's spec (with the user's threshold as a fixed value), its
// result, and the image's hand labels (when any) as the labels the AUROC and threshold use. Writing
// it gives the same files as `score` would, with a "reproduce" command line. Plain functions; any
// thread (the image is a copy).
#include "core/common/result.h"
#include "core/io/micrograph.h"
#include "core/project/project.h"
#include "core/report/report_writer.h"
#include "core/report/score_report.h"

#include <string>

namespace ds {

// The pixels a project image stands for: its frame of the file, or the synthetic demo image.
Result<Micrograph> readImagePixels(const ProjectImage& image);

// Fails with a message when the image has no shown run or the run does not match the pixels.
Result<ScoreReport> buildImageReport(const Micrograph& pixels, const ProjectImage& image);

// The report folder for `report` (see writeReportFolder); `files` says which files, the image's
// path goes into summary.json's "reproduce" command.
Status writeImageReport(const std::string& dir, const Micrograph& pixels, const ProjectImage& image,
                        const ScoreReport& report, ReportFiles files);

} // namespace ds
