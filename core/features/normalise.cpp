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

// Runs fn(begin, end) over [0, n) in one contiguous part per thread of OpenCV's pool (one part for
// small images); fn(part, begin, end) may keep per-part state.
template <class Fn> void forParts(std::size_t n, int parts, Fn fn) {
    cv::parallel_for_(cv::Range(0, parts), [&](const cv::Range& r) {
        for (int k = r.start; k < r.end; ++k)
            fn(k, n * static_cast<std::size_t>(k) / parts, n * static_cast<std::size_t>(k + 1) / parts);
    });
}

int partsFor(std::size_t n) {
    return static_cast<int>(std::clamp<std::size_t>(n >> 20, 1, static_cast<std::size_t>(std::max(1, cv::getNumThreads()))));
}

// The values of ranks ranksOf(count) = {lo, hi} (0-based, lo <= hi < count) among map(x) for the
// `count` finite x of [p, p + n), exactly, and that count: a histogram of the keys' top 16 bits
// finds the buckets holding the ranks, then only the values in those buckets are sorted out. Two
// passes over the image, each split over the threads, and no copy of it (a full nth_element needed
// a 64 MB copy of a 4096^2 image, twice). With no finite x both values are 0.
template <class Map, class Ranks>
std::pair<std::array<float, 2>, std::size_t> selectRanks(const float* p, std::size_t n, Map map, Ranks ranksOf) {
    const int parts = partsFor(n);
    std::vector<std::vector<std::size_t>> partHist(static_cast<std::size_t>(parts));
    forParts(n, parts, [&](int k, std::size_t begin, std::size_t end) {
        auto& h = partHist[static_cast<std::size_t>(k)];
        h.assign(std::size_t{1} << 16, 0);
        for (std::size_t i = begin; i < end; ++i)
            if (std::isfinite(p[i]))
                ++h[orderKey(map(p[i])) >> 16];
    });
    std::vector<std::size_t> hist = std::move(partHist[0]);
    for (int k = 1; k < parts; ++k)
        for (std::size_t b = 0; b < hist.size(); ++b)
            hist[b] += partHist[static_cast<std::size_t>(k)][b];
    std::size_t finite = 0;
    for (std::size_t c : hist)
        finite += c;
    if (finite == 0)
        return {{0.f, 0.f}, 0};
    const auto [lo, hi] = ranksOf(finite);
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
    const int wanted = bucket[1] == bucket[0] ? 1 : 2;
    std::vector<std::array<std::vector<std::uint32_t>, 2>> partBucket(static_cast<std::size_t>(parts));
    forParts(n, parts, [&](int k, std::size_t begin, std::size_t end) {
        auto& in = partBucket[static_cast<std::size_t>(k)];
        for (std::size_t i = begin; i < end; ++i)
            if (std::isfinite(p[i])) {
                const std::uint32_t key = orderKey(map(p[i]));
                for (int r = 0; r < wanted; ++r)
                    if (key >> 16 == bucket[r])
                        in[static_cast<std::size_t>(r)].push_back(key & 0xffffu);
            }
    });
    std::array<float, 2> out{};
    for (int r = 0; r < 2; ++r) {
        const int from = wanted == 1 ? 0 : r;
        std::vector<std::uint32_t> v; // which values a bucket holds, not their order, decides the rank
        for (const auto& part : partBucket)
            v.insert(v.end(), part[static_cast<std::size_t>(from)].begin(), part[static_cast<std::size_t>(from)].end());
        const auto at = v.begin() + static_cast<std::ptrdiff_t>(ranks[r] - below[r]);
        std::nth_element(v.begin(), at, v.end());
        out[static_cast<std::size_t>(r)] = fromKey(bucket[r] << 16 | *at);
    }
    return {out, finite};
}

// The median of map(x) over the finite x (the mean of the two middle values for an even count),
// and the number of finite x.
template <class Map> std::pair<double, std::size_t> finiteMedian(const float* p, std::size_t n, Map map) {
    const auto [v, finite] = selectRanks(p, n, map, [](std::size_t count) {
        return std::pair<std::size_t, std::size_t>{(count - 1) / 2, count / 2};
    });
    if (finite == 0)
        return {0, 0};
    return {finite % 2 ? static_cast<double>(v[1]) : 0.5 * (static_cast<double>(v[0]) + v[1]), finite};
}

// Normalises the finite float samples of `src` into `out` (which may be `src` itself: each sample is
// read before it is written, and the statistics are taken before anything is written).
void normaliseInto(const cv::Mat& src, cv::Mat& out) {
    const float* p = src.ptr<float>();
    const std::size_t n = src.total();
    const auto [median, finite] = finiteMedian(p, n, [](float v) { return v; });
    const float fm = static_cast<float>(median);
    double scale = kMadToSigma * finiteMedian(p, n, [fm](float v) { return std::abs(v - fm); }).first;
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
    if (out.data != src.data)
        out.create(src.size(), CV_32F);
    float* o = out.ptr<float>();
    forParts(n, partsFor(n), [&](int, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            o[i] = std::isfinite(p[i]) ? (p[i] - fm) * inv : 0.0f;
    });
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
    cv::Mat out;
    normaliseInto(src, out);
    return out;
}

void normaliseInPlace(cv::Mat& image) {
    if (image.type() != CV_32FC1 || !image.isContinuous() || image.empty()) {
        image = normaliseImage(image);
        return;
    }
    normaliseInto(image, image);
}

} // namespace ds
