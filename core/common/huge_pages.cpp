#include "core/common/huge_pages.h"

#include <cstdint>

#include <opencv2/core.hpp>

#include <sys/mman.h>
#include <unistd.h>

namespace ds {

namespace {

constexpr std::size_t kMinBytes = std::size_t{4} << 20; // two huge pages: smaller buffers gain little

// Forwards to OpenCV's standard allocator (which also frees the buffers: it stays their
// currAllocator) and adds the advice to large new buffers.
class HugePageMatAllocator final : public cv::MatAllocator {
public:
    explicit HugePageMatAllocator(cv::MatAllocator* base) : m_base(base) {}
    cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, size_t* step, cv::AccessFlag flags,
                           cv::UMatUsageFlags usage) const override {
        cv::UMatData* u = m_base->allocate(dims, sizes, type, data, step, flags, usage);
        if (u && !data)
            adviseHugePages(u->data, u->size);
        return u;
    }
    bool allocate(cv::UMatData* u, cv::AccessFlag flags, cv::UMatUsageFlags usage) const override {
        return m_base->allocate(u, flags, usage);
    }
    void deallocate(cv::UMatData* u) const override { m_base->deallocate(u); }

private:
    cv::MatAllocator* m_base;
};

} // namespace

void adviseHugePages(void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
    if (!data || bytes < kMinBytes)
        return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) / page * page;
    if (end > begin)
        (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice: failure is harmless
#else
    (void)data;
    (void)bytes;
#endif
}

void useHugePagesForLargeMats() {
    static HugePageMatAllocator allocator(cv::Mat::getStdAllocator());
    cv::Mat::setDefaultAllocator(&allocator);
}

} // namespace ds
