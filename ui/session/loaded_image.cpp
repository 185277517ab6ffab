#include "ui/session/loaded_image.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace ds::ui {

double ImageStats::percentile(double fraction) const {
    if (histogram.empty() || finite <= 0)
        return min;
    const double target = std::clamp(fraction, 0.0, 1.0) * static_cast<double>(finite);
    const double binWidth = (max - min) / static_cast<double>(histogram.size());
    double below = 0;
    for (std::size_t i = 0; i < histogram.size(); ++i) {
        const double n = histogram[i];
        if (below + n >= target && n > 0)
            return min + binWidth * (static_cast<double>(i) + (target - below) / n);
        below += n;
    }
    return max;
}

ImageStats ImageStats::compute(const cv::Mat& values, int bins) {
    ImageStats s;
    s.histogram.assign(static_cast<std::size_t>(std::max(1, bins)), 0);
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    for (int y = 0; y < values.rows; ++y) {
        const float* row = values.ptr<float>(y);
        for (int x = 0; x < values.cols; ++x) {
            const float v = row[x];
            if (!std::isfinite(v)) {
                ++s.nonFinite;
                continue;
            }
            lo = std::min<double>(lo, v);
            hi = std::max<double>(hi, v);
            sum += v;
            ++s.finite;
        }
    }
    if (s.finite == 0)
        return s;
    s.min = lo;
    s.max = hi > lo ? hi : lo + 1.0; // a flat image still gets a usable range
    s.mean = sum / static_cast<double>(s.finite);
    const double scale = static_cast<double>(s.histogram.size()) / (s.max - s.min);
    const int last = static_cast<int>(s.histogram.size()) - 1;
    for (int y = 0; y < values.rows; ++y) {
        const float* row = values.ptr<float>(y);
        for (int x = 0; x < values.cols; ++x)
            if (std::isfinite(row[x]))
                ++s.histogram[static_cast<std::size_t>(
                    std::clamp(static_cast<int>((row[x] - s.min) * scale), 0, last))];
    }
    return s;
}

LoadedImage LoadedImage::prepare(Micrograph micrograph) {
    LoadedImage li;
    li.micrograph = std::move(micrograph);
    li.pyramid.push_back(li.micrograph.pixels);
    while (std::max(li.pyramid.back().cols, li.pyramid.back().rows) > 256) {
        const cv::Mat& prev = li.pyramid.back();
        cv::Mat next;
        cv::resize(prev, next,
                   cv::Size(std::max(1, (prev.cols + 1) / 2), std::max(1, (prev.rows + 1) / 2)), 0,
                   0, cv::INTER_AREA);
        li.pyramid.push_back(std::move(next));
    }
    li.stats = ImageStats::compute(li.micrograph.pixels);
    return li;
}

} // namespace ds::ui
