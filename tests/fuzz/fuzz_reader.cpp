// libFuzzer harness for one micrograph reader (DS_FUZZ_READER names it; see CMakeLists.txt). The
// contract under test: any byte string yields either a consistent float32 image or an Error - never a
// crash, an ASan report, a hang, an allocation beyond libFuzzer's -malloc_limit_mb, or an Internal
// error (what a bad_alloc or an unexpected library exception turns into), which we abort on.
#include "core/common/guard.h"
#include "core/io/format_readers.h"

#include <cstdio>
#include <cstdlib>

namespace {

void readOnce(const std::uint8_t* data, std::size_t size, int frame) {
    ds::ReadOptions options;
    options.frame = frame;
    auto r = ds::guarded("fuzz", [&] { return ds::io::DS_FUZZ_READER(ds::ByteView{data, size}, options); });
    if (!r.ok()) {
        if (r.error().code == ds::ErrorCode::Internal) {
            std::fprintf(stderr, "Internal error: %s\n", r.error().message.c_str());
            std::abort();
        }
        return;
    }
    const ds::Micrograph& m = *r;
    if (m.pixels.empty() || m.pixels.type() != CV_32FC1 || m.frames < 1 || m.frameIndex != frame)
        std::abort();
    volatile double s = cv::sum(m.pixels)[0]; // touch every pixel so ASan sees any bad buffer
    (void)s;
    if (frame == 0 && m.frames > 1)
        readOnce(data, size, m.frames - 1); // the last frame exercises the largest offsets
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    readOnce(data, size, 0);
    return 0;
}
