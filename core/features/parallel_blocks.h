#pragma once
// parallelBlocks(): runs fn(begin, end) over [0, n) in blocks on OpenCV's thread pool, polling the
// RunControl between blocks (so a stop is honoured within one block's work) and reporting monotone
// progress from the calling thread. fn must be thread-safe for disjoint ranges and must not throw.
//
// Blocks are claimed one at a time from a shared counter by one task per pool thread, with no
// barrier between them: a thread that starts late (on a loaded machine the pool's workers wake
// milliseconds after the caller) takes the blocks that are left instead of leaving a fixed share
// to the caller, and no thread waits for another until the end. Which thread runs a block never
// changes what fn writes for it, so results do not depend on the schedule.
#include "core/common/run_control.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

#include <opencv2/core.hpp>

namespace ds {

inline void parallelBlocks(int n, int blockSize, const RunControl& rc, std::string_view step,
                           const std::function<void(int begin, int end)>& fn) {
    rc.throwIfStopped();
    blockSize = std::max(1, blockSize);
    const int blocks = n > 0 ? (n - 1) / blockSize + 1 : 0;
    const int tasks = std::clamp(cv::getNumThreads(), 1, std::max(1, blocks));
    std::atomic<int> next{0}, done{0};
    const std::thread::id caller = std::this_thread::get_id();
    cv::parallel_for_(cv::Range(0, tasks), [&](const cv::Range& r) {
        // The pool may hand one thread several tasks (or run them all on the caller): each simply
        // claims blocks until none are left.
        for (int task = r.start; task < r.end; ++task)
            for (int b; !rc.stopRequested() && (b = next.fetch_add(1, std::memory_order_relaxed)) < blocks;) {
                const int begin = b * blockSize, end = std::min(n, begin + blockSize);
                fn(begin, end);
                const int finished = done.fetch_add(end - begin, std::memory_order_relaxed) + (end - begin);
                if (std::this_thread::get_id() == caller) // the progress callback belongs to the caller
                    rc.progress(static_cast<double>(finished) / n, step);
            }
    });
    rc.throwIfStopped();
    if (n > 0)
        rc.progress(1.0, step);
}

} // namespace ds
