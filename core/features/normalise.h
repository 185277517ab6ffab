#pragma once
// Image normalisation before patching: subtract the median, divide by the scaled median absolute
// deviation (1.4826 MAD, a robust standard deviation), so images from different detectors and doses
// are comparable and a few hot pixels do not set the scale. Pure function; any thread.
#include <opencv2/core.hpp>

namespace ds {

// Returns CV_32F. Falls back to the standard deviation when MAD is 0 (e.g. a mostly flat image) and
// to scale 1 when that is 0 too. Non-finite pixels are ignored for the statistics and set to 0.
cv::Mat normaliseImage(const cv::Mat& image);

// The same values written over `image` itself when it is one continuous CV_32FC1 buffer (every
// header sharing that buffer sees them), otherwise into a new buffer that replaces `image`. For a
// caller that needs the raw pixels no more: a 4096^2 image then costs 64 MB less at once.
void normaliseInPlace(cv::Mat& image);

// What normaliseImage() does, in words, for files that carry normalised pixels (dataset.json).
inline constexpr const char* kNormalisationDescription =
    "per image: (pixel - median) / (1.4826 x median absolute deviation); the standard deviation when the "
    "MAD is 0, then 1; non-finite pixels are left out of the statistics and set to 0";

} // namespace ds
