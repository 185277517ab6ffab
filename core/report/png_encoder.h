#pragma once
// encodePng(): a lossless PNG encoder for the report figures, built on libdeflate instead of
// OpenCV's zlib path. A 4096 x 4096 annotated micrograph is ~50 MB of pixels; OpenCV's defaults
// (zlib with the run-length strategy, which finds no repeats in a noisy image) wrote a figure of
// the grain-boundary image tiled 8 x 8 as 45 MB; here the rows are filtered in parallel with the
// filter that suits micrographs (see PngOptions) and the whole stream is deflated by libdeflate,
// which finds the repeats zlib's RLE strategy misses and is faster than zlib at equal ratio.
// Plain functions; any thread (the filter step uses OpenCV's thread pool).
#include "core/common/result.h"

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// The PNG row filters (PNG spec, section 9). Adaptive tries all five per row and keeps the one with
// the smallest sum of absolute residuals (libpng's heuristic).
enum class PngFilter { None, Sub, Up, Average, Paeth, Adaptive };

struct PngOptions {
    // libdeflate level 1..12. On 4096^2 figures (a noisy synthetic micrograph and a tiled real one)
    // level 1 writes files 3-15 % larger than levels 2-6 in 60-80 % of their time: shot noise
    // does not compress, so the higher levels buy little. tests/bench/report_bench measures it.
    int level = 1;
    // Average: micrographs are smooth at the pixel scale with noise on top; predicting a sample
    // by the mean of its left and upper neighbours halves the noise in the prediction, which gave
    // the smallest files of the fixed filters on every figure measured (synthetic 4096^2, tiled
    // and the three real images), within 1 % of Adaptive at less cost.
    PngFilter filter = PngFilter::Average;
};

// 8-bit images only: CV_8UC1 (grey), CV_8UC3 (BGR, OpenCV order) or CV_8UC4 (BGRA). Returns the
// complete PNG file contents.
Result<std::vector<unsigned char>> encodePng(const cv::Mat& image, const PngOptions& options = {});

// Encodes and writes the PNG atomically (temporary file, then rename); errors name the path.
Status writePng(const std::string& path, const cv::Mat& image, const PngOptions& options = {});

} // namespace ds
