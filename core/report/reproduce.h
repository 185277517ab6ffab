#pragma once
// The `defectscope-cli score` command line that recomputes a report's scores from its image: every
// resolved parameter, the seed, resampling, the grid, the mode, the threshold policy and, where
// hand labels chose the threshold or trained the detector, the labels file the report wrote beside
// itself. summary.json records it as "reproduce", so any number the GUI shows has one command.
// Pure function; any thread.
#include "core/report/score_report.h"

#include <string>
#include <vector>

namespace ds {

// `imagePath` is the micrograph file; `labelsCsv` the hand labels written with the report ("" when
// the report has none). Empty when the image is no file (the GUI's synthetic demo image).
std::vector<std::string> reproduceArgv(const ScoreReport& report, const std::string& imagePath,
                                       const std::string& labelsCsv);

} // namespace ds
