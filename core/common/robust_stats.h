#pragma once
// Median and scaled median absolute deviation: the robust centre and spread used wherever the
// defects among the data must not set the scale (the auto detector's k-NN z-scores, the CAE's score
// units, thresholds, lattice noise, column contrast). The median is the element of rank n/2 (the
// upper middle for an even count): one nth_element, and the convention every caller already used.
// core/features/normalise.cpp keeps its own histogram selection because it must not copy a 4096^2
// image. Header-only; any thread.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ds {

// A normal distribution's standard deviation is 1.4826 x its median absolute deviation.
inline constexpr double kMadToSigma = 1.4826;

// The median of v, 0 when v is empty. Reorders v.
template <class T> double medianInPlace(std::vector<T>& v) {
    if (v.empty())
        return 0.0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return static_cast<double>(*mid);
}

template <class T> double medianOf(std::vector<T> v) { return medianInPlace(v); }

struct RobustScale {
    double centre = 0; // the median
    double sigma = 0;  // kMadToSigma x MAD: 0 for constant data, so callers put a floor under it
};

// Median and scaled MAD of v. Deviations are taken in T, as the callers did before this existed.
template <class T> RobustScale robustScale(std::vector<T> v) {
    RobustScale r;
    r.centre = medianInPlace(v);
    for (T& a : v)
        a = static_cast<T>(std::abs(a - static_cast<T>(r.centre)));
    r.sigma = kMadToSigma * medianInPlace(v);
    return r;
}

} // namespace ds
