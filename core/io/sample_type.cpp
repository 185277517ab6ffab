#include "core/io/sample_type.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <sys/mman.h>

namespace ds {

std::size_t sampleSize(SampleType t) {
    switch (t) {
    case SampleType::U8: case SampleType::I8: return 1;
    case SampleType::U16: case SampleType::I16: case SampleType::F16: return 2;
    case SampleType::U32: case SampleType::I32: case SampleType::F32: return 4;
    case SampleType::U64: case SampleType::I64: case SampleType::F64: return 8;
    }
    return 1;
}

std::string sampleName(SampleType t) {
    switch (t) {
    case SampleType::U8: return "uint8";
    case SampleType::I8: return "int8";
    case SampleType::U16: return "uint16";
    case SampleType::I16: return "int16";
    case SampleType::U32: return "uint32";
    case SampleType::I32: return "int32";
    case SampleType::U64: return "uint64";
    case SampleType::I64: return "int64";
    case SampleType::F16: return "float16";
    case SampleType::F32: return "float32";
    case SampleType::F64: return "float64";
    }
    return "unknown";
}

float halfToFloat(std::uint16_t h) {
    const int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
    float v;
    if (exp == 0)
        v = std::ldexp(static_cast<float>(mant), -24); // subnormal
    else if (exp == 31)
        v = mant ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
    else
        v = std::ldexp(static_cast<float>(mant | 0x400), exp - 25);
    return sign ? -v : v;
}

namespace {

template <class T> void convertTyped(const std::uint8_t* src, bool swap, std::size_t count, float* dst) {
    constexpr std::size_t n = sizeof(T);
    if (!swap) {
        // The hot path (native order): memcpy per sample compiles to a plain load and vectorises.
        for (std::size_t i = 0; i < count; ++i) {
            T v;
            std::memcpy(&v, src + i * n, n);
            dst[i] = static_cast<float>(v);
        }
        return;
    }
    for (std::size_t i = 0; i < count; ++i) {
        std::uint8_t buf[n];
        for (std::size_t b = 0; b < n; ++b)
            buf[b] = src[i * n + n - 1 - b];
        T v;
        std::memcpy(&v, buf, n);
        dst[i] = static_cast<float>(v);
    }
}

} // namespace

// OpenCV's SIMD conversion for the common native-order types (2-3x faster than the scalar loop).
bool convertWithOpenCv(const std::uint8_t* src, SampleType t, std::size_t count, float* dst) {
    int depth;
    switch (t) {
    case SampleType::U8: depth = CV_8U; break;
    case SampleType::I8: depth = CV_8S; break;
    case SampleType::U16: depth = CV_16U; break;
    case SampleType::I16: depth = CV_16S; break;
    case SampleType::I32: depth = CV_32S; break;
    case SampleType::F32: depth = CV_32F; break;
    case SampleType::F64: depth = CV_64F; break;
    default: return false;
    }
    // Rows of at most 2^30 elements keep the Mat dimensions inside int.
    constexpr std::size_t kRow = std::size_t(1) << 30;
    for (std::size_t done = 0; done < count; done += kRow) {
        const int n = static_cast<int>(std::min(kRow, count - done));
        const cv::Mat in(1, n, depth, const_cast<std::uint8_t*>(src + done * sampleSize(t)));
        cv::Mat out(1, n, CV_32F, dst + done);
        in.convertTo(out, CV_32F);
    }
    return true;
}

void convertSamples(const std::uint8_t* src, SampleType t, bool bigEndian, std::size_t count, float* dst) {
    const bool swap = bigEndian == hostIsLittleEndian();
    if (!swap && count >= 64 && convertWithOpenCv(src, t, count, dst))
        return;
    switch (t) {
    case SampleType::U8: return convertTyped<std::uint8_t>(src, false, count, dst);
    case SampleType::I8: return convertTyped<std::int8_t>(src, false, count, dst);
    case SampleType::U16: return convertTyped<std::uint16_t>(src, swap, count, dst);
    case SampleType::I16: return convertTyped<std::int16_t>(src, swap, count, dst);
    case SampleType::U32: return convertTyped<std::uint32_t>(src, swap, count, dst);
    case SampleType::I32: return convertTyped<std::int32_t>(src, swap, count, dst);
    case SampleType::U64: return convertTyped<std::uint64_t>(src, swap, count, dst);
    case SampleType::I64: return convertTyped<std::int64_t>(src, swap, count, dst);
    case SampleType::F32: return convertTyped<float>(src, swap, count, dst);
    case SampleType::F64: return convertTyped<double>(src, swap, count, dst);
    case SampleType::F16:
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint8_t a = src[2 * i], b = src[2 * i + 1];
            const std::uint16_t h = bigEndian ? static_cast<std::uint16_t>(a << 8 | b)
                                              : static_cast<std::uint16_t>(b << 8 | a);
            dst[i] = halfToFloat(h);
        }
        return;
    }
}

void requireFits(std::uint64_t rows, std::uint64_t cols, std::uint64_t frames, SampleType t,
                 std::uint64_t available, const std::string& what) {
    if (rows == 0 || cols == 0 || frames == 0)
        fail(ErrorCode::Format, what + " has an empty dimension (" + std::to_string(cols) + " x " +
                                    std::to_string(rows) + " x " + std::to_string(frames) + ")");
    if (rows > static_cast<std::uint64_t>(std::numeric_limits<int>::max()) ||
        cols > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        fail(ErrorCode::Unsupported, what + " is larger than 2^31 pixels along one axis");
    // Divide instead of multiplying so that absurd header values cannot overflow the check itself.
    const std::uint64_t limit = available / sampleSize(t);
    if (cols > limit || rows > limit / cols || frames > limit / cols / rows)
        fail(ErrorCode::Format, what + " claims " + std::to_string(cols) + " x " + std::to_string(rows) + " x " +
                                    std::to_string(frames) + " " + sampleName(t) + " samples but only " +
                                    std::to_string(available) + " bytes of data are present (truncated?)");
}

cv::Mat newImage(int rows, int cols) {
    cv::Mat out(rows, cols, CV_32F);
    // A fresh 64 MB image costs 16k page faults on first write - more than the conversion itself.
    // Asking for transparent huge pages on the 2 MB-aligned interior cuts that several-fold
    // (THP is in "madvise" mode on Debian). Advice only: failure changes nothing.
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(out.data);
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1), last = (begin + out.total() * 4) & ~(kHuge - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
    return out;
}

cv::Mat decodePlane(ByteView view, std::uint64_t offset, int rows, int cols, SampleType t, bool bigEndian) {
    requireFits(static_cast<std::uint64_t>(rows), static_cast<std::uint64_t>(cols), 1, t,
                offset <= view.size ? view.size - offset : 0, "image plane");
    const std::uint64_t bytes = static_cast<std::uint64_t>(rows) * cols * sampleSize(t);
    const ByteView plane = view.sub(offset, bytes);
    cv::Mat out = newImage(rows, cols);
    convertSamples(plane.data, t, bigEndian, static_cast<std::size_t>(rows) * cols, out.ptr<float>());
    return out;
}

} // namespace ds
