#include "core/common/heap_reuse.h"

#include <climits> // also defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ds {

void reuseFreedHeapMemory() {
#if defined(__GLIBC__)
    // Advice to the allocator only: on failure glibc keeps its defaults, which are merely slower.
    (void)mallopt(M_MMAP_MAX, 0);             // large blocks from the heap, not separate mappings
    (void)mallopt(M_TRIM_THRESHOLD, INT_MAX); // and the heap's free top kept for the next buffer
#endif
}

void returnFreedHeapMemory() {
#if defined(__GLIBC__)
    (void)malloc_trim(0); // every arena: the free top given back, free pages inside madvised away
#endif
}

} // namespace ds
