#include "core/features/normalise.h"

#include "core/common/huge_pages.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ds {

namespace {

double medianOf(std::vector<float>& v) {
    if (v.empty())
        return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    double m = *mid;
    if (v.size() % 2 == 0)
        m = 0.5 * (m + *std::max_element(v.begin(), mid));
    return m;
}

} // namespace

cv::Mat normaliseImage(const cv::Mat& image) {
    cv::Mat f;
    if (image.channels() > 1) {
        std::vector<cv::Mat> ch;
        cv::split(image, ch);
        ch[0].convertTo(f, CV_32F);
    } else {
        image.convertTo(f, CV_32F);
    }
    if (f.empty())
        return f;
    if (!f.isContinuous())
        f = f.clone();
    std::vector<float> values;
    values.reserve(f.total());
    adviseHugePages(values.data(), f.total() * sizeof(float));
    for (const float* p = f.ptr<float>(), *e = p + f.total(); p != e; ++p)
        if (std::isfinite(*p))
            values.push_back(*p);
    const double median = medianOf(values);
    double sumSq = 0;
    for (float& v : values) {
        sumSq += (v - median) * (v - median);
        v = std::abs(v - static_cast<float>(median));
    }
    double scale = 1.4826 * medianOf(values);
    if (!(scale > 0) && !values.empty())
        scale = std::sqrt(sumSq / static_cast<double>(values.size()));
    if (!(scale > 0))
        scale = 1;
    const float m = static_cast<float>(median), inv = static_cast<float>(1.0 / scale);
    for (float* p = f.ptr<float>(), *e = p + f.total(); p != e; ++p)
        *p = std::isfinite(*p) ? (*p - m) * inv : 0.0f;
    return f;
}

} // namespace ds
