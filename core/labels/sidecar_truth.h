#pragma once
// Truth files that sit beside a micrograph: NAME.truth.csv (points, x,y,kind) and optionally
// NAME.mask.png (region mask, non-zero = anomalous), where NAME is the image's path without its
// extension. The one place that knows these names: `score` labels its report with them and
// `export-patches` / `evaluate --cross-image` label patches with them. Plain functions; any thread.
#include "core/common/result.h"
#include "core/labels/truth_points.h"

#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace ds {

struct SidecarTruth {
    std::vector<TruthPoint> points;
    cv::Mat mask; // CV_8U, empty when there is no NAME.mask.png
    std::string pointsPath, maskPath; // maskPath empty when there is no mask
};

// The truth files next to `imagePath`; nullopt when there is no NAME.truth.csv. A truth or mask
// file that exists but cannot be read is an error naming that file.
Result<std::optional<SidecarTruth>> readSidecarTruth(const std::string& imagePath);

} // namespace ds
