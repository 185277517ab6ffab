#include "core/features/normalise.h"

#include "core/common/robust_stats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ds {

namespace {

// An unsigned key with the order of the float (for finite values; -0 sorts just below +0).
inline std::uint32_t orderKey(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

inline float fromKey(std::uint32_t k) {
    const std::uint32_t u = (k & 0x80000000u) ? (k & 0x7fffffffu) : ~k;
    float v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

// The values of ranks lo and hi (0-based, lo <= hi < count) among map(x) for the finite x of
// [p, p + n), exactly: a histogram of the keys' top 16 bits finds the buckets holding the ranks,
// then only the values in those buckets are sorted out. Two passes over the image and no copy of
// it (a full nth_element needed a 64 MB copy of a 4096^2 image, twice).
template <class Map> std::array<float, 2> selectRanks(const float* p, std::size_t n, Map map, std::size_t lo, std::size_t hi) {
    std::vector<std::size_t> hist(std::size_t{1} << 16, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(p[i]))
            ++hist[orderKey(map(p[i])) >> 16];
    const std::size_t ranks[2] = {lo, hi};
    std::uint32_t bucket[2] = {0, 0};
    std::size_t below[2] = {0, 0};
    for (int r = 0; r < 2; ++r) {
        std::size_t b = 0, seen = 0;
        while (seen + hist[b] <= ranks[r])
            seen += hist[b++];
        bucket[r] = static_cast<std::uint32_t>(b);
        below[r] = seen;
    }
    std::vector<std::uint32_t> inBucket[2];
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(p[i])) {
            const std::uint32_t k = orderKey(map(p[i]));
            for (int r = 0; r < (bucket[1] == bucket[0] ? 1 : 2); ++r)
                if (k >> 16 == bucket[r])
                    inBucket[r].push_back(k & 0xffffu);
        }
    std::array<float, 2> out{};
    for (int r = 0; r < 2; ++r) {
        auto& v = inBucket[bucket[1] == bucket[0] ? 0 : r];
        const auto at = v.begin() + static_cast<std::ptrdiff_t>(ranks[r] - below[r]);
        std::nth_element(v.begin(), at, v.end());
        out[static_cast<std::size_t>(r)] = fromKey(bucket[r] << 16 | *at);
    }
    return out;
}

// The median of map(x) over the finite x (the mean of the two middle values for an even count).
template <class Map> double medianOf(const float* p, std::size_t n, std::size_t finite, Map map) {
    if (finite == 0)
        return 0;
    const auto [a, b] = selectRanks(p, n, map, (finite - 1) / 2, finite / 2);
    return finite % 2 ? static_cast<double>(b) : 0.5 * (static_cast<double>(a) + b);
}

} // namespace

cv::Mat normaliseImage(const cv::Mat& image) {
    cv::Mat src = image;
    if (image.channels() > 1) {
        std::vector<cv::Mat> ch;
        cv::split(image, ch);
        src = ch[0];
    }
    if (src.empty())
        return cv::Mat(src.size(), CV_32F);
    if (src.type() != CV_32F || !src.isContinuous()) {
        cv::Mat converted; // a new, continuous float buffer (float images are read in place)
        src.convertTo(converted, CV_32F);
        src = converted;
    }
    const float* p = src.ptr<float>();
    const std::size_t n = src.total();
    const std::size_t finite = static_cast<std::size_t>(std::count_if(p, p + n, [](float v) { return std::isfinite(v); }));

    const double median = medianOf(p, n, finite, [](float v) { return v; });
    const float fm = static_cast<float>(median);
    double scale = kMadToSigma * medianOf(p, n, finite, [fm](float v) { return std::abs(v - fm); });
    if (!(scale > 0) && finite > 0) {
        double sumSq = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(p[i]))
                sumSq += (p[i] - median) * (p[i] - median);
        scale = std::sqrt(sumSq / static_cast<double>(finite));
    }
    if (!(scale > 0))
        scale = 1;
    const float inv = static_cast<float>(1.0 / scale);
    cv::Mat out(src.size(), CV_32F);
    float* o = out.ptr<float>();
    for (std::size_t i = 0; i < n; ++i)
        o[i] = std::isfinite(p[i]) ? (p[i] - fm) * inv : 0.0f;
    return out;
}

} // namespace ds
