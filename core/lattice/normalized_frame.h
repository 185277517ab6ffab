#pragma once
// NormalizedFrame: a micrograph after robustNormalize() (lattice_spectrum.h), made once and handed to
// the atom-column and ring-centre finders, which otherwise each normalise the frame themselves (about
// 0.27 s apiece at 4096 x 4096). A plain value; any thread (the finders only read it).
#include <opencv2/core.hpp>

namespace ds {

struct NormalizedFrame {
    cv::Mat pixels; // CV_32F, single channel: robustNormalize() of the frame, same size
};

} // namespace ds
