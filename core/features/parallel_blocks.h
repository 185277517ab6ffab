#pragma once
// parallelBlocks(): runs fn(begin, end) over [0, n) in blocks on OpenCV's thread pool, polling the
// RunControl between blocks (so a stop is honoured within one block's work) and reporting monotone
// progress from the calling thread. fn must be thread-safe for disjoint ranges and must not throw.
#include "core/common/run_control.h"

#include <algorithm>
#include <functional>

#include <opencv2/core.hpp>

namespace ds {

inline void parallelBlocks(int n, int blockSize, const RunControl& rc, std::string_view step,
                           const std::function<void(int begin, int end)>& fn) {
    blockSize = std::max(1, blockSize);
    const int threads = std::max(1, cv::getNumThreads());
    const int chunk = blockSize * threads; // one chunk keeps every thread busy with one block
    for (int start = 0; start < n; start += chunk) {
        rc.throwIfStopped();
        const int stop = std::min(n, start + chunk);
        const int blocks = (stop - start + blockSize - 1) / blockSize;
        cv::parallel_for_(cv::Range(0, blocks), [&](const cv::Range& r) {
            for (int b = r.start; b < r.end; ++b)
                fn(start + b * blockSize, std::min(stop, start + (b + 1) * blockSize));
        });
        rc.progress(static_cast<double>(stop) / std::max(1, n), step);
    }
    rc.throwIfStopped();
}

} // namespace ds
