#pragma once
// LoadedImage: a micrograph ready for display - the float pixels, a pyramid of 2x-reduced copies
// (level of detail, so a 4096 x 4096 image zoomed out draws from 1024 x 1024 data) and the
// statistics the contrast panel needs (full-range histogram, min/max, percentiles). Built once on a
// worker thread by ImageLoader and then shared read-only (std::shared_ptr<const LoadedImage>).
#include "core/io/micrograph.h"

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace ds::ui {

struct ImageStats {
    double min = 0, max = 1, mean = 0;
    std::vector<std::uint32_t> histogram; // equal-width bins over [min, max], finite values only
    std::int64_t finite = 0, nonFinite = 0;

    // The value below which `fraction` of the finite pixels lie (interpolated within a bin).
    double percentile(double fraction) const;
    static ImageStats compute(const cv::Mat& values, int bins = 1024);
};

struct LoadedImage {
    Micrograph micrograph;
    std::vector<cv::Mat>
        pyramid; // [0] = micrograph.pixels, [k] = 2^-k size (INTER_AREA), down to ~256 px
    ImageStats stats;

    // Builds pyramid and stats (seconds of work for huge images: call off the GUI thread).
    static LoadedImage prepare(Micrograph micrograph);
};

} // namespace ds::ui
