#pragma once
// Transparent huge pages for the large buffers of one image (a 4096^2 micrograph is 64 MB, its
// raw feature matrix 150 MB, its figure 50 MB). Debian's kernels grant huge pages only on request
// (THP "madvise" mode); without them every 4 KB of a fresh buffer costs a page fault, which on
// this kind of virtual machine was a third of `score`'s CPU time (165,000 faults for one image,
// 12,000 with huge pages). Requests are advice: where the kernel has no THP nothing changes.
// Process-wide; call once from main() before any worker thread starts.
#include <cstddef>

namespace ds {

// Advises the kernel to back the whole pages inside [data, data + bytes) with huge pages;
// does nothing below a few MB. Call before the buffer is first written.
void adviseHugePages(void* data, std::size_t bytes);

// Makes every large cv::Mat allocation of this process ask for huge pages (a cv::MatAllocator
// wrapping OpenCV's default one). Idempotent.
void useHugePagesForLargeMats();

} // namespace ds
