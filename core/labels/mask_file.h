#pragma once
// readMaskFile: a region mask image (any format readMicrograph reads, usually NAME.mask.png) as CV_8U,
// 255 where the file's pixel is non-zero (anomalous) and 0 elsewhere. The one rule for reading masks,
// for `evaluate --mask` and for the NAME.mask.png sidecar. Plain function; any thread.
#include "core/common/result.h"

#include <string>

#include <opencv2/core.hpp>

namespace ds {

// An unreadable file is an error naming the file and the reason.
Result<cv::Mat> readMaskFile(const std::string& path);

} // namespace ds
