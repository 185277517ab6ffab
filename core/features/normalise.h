#pragma once
// Image normalisation before patching: subtract the median, divide by the scaled median absolute
// deviation (1.4826 MAD, a robust standard deviation), so images from different detectors and doses
// are comparable and a few hot pixels do not set the scale. Pure function; any thread.
#include <opencv2/core.hpp>

namespace ds {

// Returns CV_32F. Falls back to the standard deviation when MAD is 0 (e.g. a mostly flat image) and
// to scale 1 when that is 0 too. Non-finite pixels are ignored for the statistics and set to 0.
cv::Mat normaliseImage(const cv::Mat& image);

} // namespace ds
