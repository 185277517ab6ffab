#include "core/report/png_encoder.h"

#include "core/common/atomic_file.h"
#include "core/common/guard.h"
#include "core/common/huge_pages.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <libdeflate.h>

namespace ds {

namespace {

constexpr std::array<unsigned char, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

unsigned char* put32(unsigned char* out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        *out++ = static_cast<unsigned char>(v >> shift);
    return out;
}

// Writes a chunk's length and type at `out`; its n data bytes must follow. Returns the data's place.
unsigned char* chunkHead(unsigned char* out, const char (&type)[5], std::size_t n) {
    out = put32(out, static_cast<std::uint32_t>(n));
    std::memcpy(out, type, 4);
    return out + 4;
}

// Writes the CRC over the type and the n data bytes that precede `out`; returns the end.
unsigned char* chunkTail(unsigned char* out, std::size_t n) {
    return put32(out, libdeflate_crc32(0, out - n - 4, n + 4));
}

// Copies row y of the image into PNG sample order (RGB / RGBA / grey).
void pngRow(const cv::Mat& image, int y, unsigned char* dst) {
    const unsigned char* src = image.ptr<unsigned char>(y);
    const int ch = image.channels(), n = image.cols;
    if (ch == 1) {
        std::memcpy(dst, src, static_cast<std::size_t>(n));
        return;
    }
    for (int x = 0; x < n; ++x, src += ch, dst += ch) {
        dst[0] = src[2];
        dst[1] = src[1];
        dst[2] = src[0];
        if (ch == 4)
            dst[3] = src[3];
    }
}

inline unsigned char paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return static_cast<unsigned char>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

// Filters one row (`cur`, `prev` = the row above or zeros) with filter type f into out[0..n).
void filterRow(int f, const unsigned char* cur, const unsigned char* prev, int n, int bpp, unsigned char* out) {
    // The first pixel has no left neighbour (it counts as 0); the loops over the rest have no
    // branch, so the compiler vectorises them.
    const int head = std::min(bpp, n);
    switch (f) {
    case 0:
        std::memcpy(out, cur, static_cast<std::size_t>(n));
        break;
    case 1:
        std::memcpy(out, cur, static_cast<std::size_t>(head));
        for (int i = head; i < n; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - cur[i - bpp]);
        break;
    case 2:
        for (int i = 0; i < n; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - prev[i]);
        break;
    case 3:
        for (int i = 0; i < head; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - (prev[i] >> 1));
        for (int i = head; i < n; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - ((cur[i - bpp] + prev[i]) >> 1));
        break;
    default:
        for (int i = 0; i < head; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - prev[i]); // paeth(0, b, 0) = b
        for (int i = head; i < n; ++i)
            out[i] = static_cast<unsigned char>(cur[i] - paeth(cur[i - bpp], prev[i], prev[i - bpp]));
        break;
    }
}

std::uint64_t residualCost(const unsigned char* row, int n) {
    std::uint64_t s = 0;
    for (int i = 0; i < n; ++i)
        s += static_cast<std::uint64_t>(std::abs(static_cast<int>(static_cast<signed char>(row[i]))));
    return s;
}

// Bytes without zero-filling: these buffers are tens of MB and are overwritten completely.
struct Buffer {
    explicit Buffer(std::size_t n) : data(new unsigned char[n]), size(n) { adviseHugePages(data.get(), n); }
    std::unique_ptr<unsigned char[]> data;
    std::size_t size;
};

// The filtered image data: per row one filter-type byte followed by the filtered samples.
Buffer filterImage(const cv::Mat& image, PngFilter filter) {
    const int bpp = image.channels(), n = image.cols * bpp;
    const std::size_t stride = static_cast<std::size_t>(n) + 1;
    Buffer out(stride * static_cast<std::size_t>(image.rows));
    cv::parallel_for_(cv::Range(0, image.rows), [&](const cv::Range& r) {
        std::vector<unsigned char> prev(static_cast<std::size_t>(n), 0), cur(static_cast<std::size_t>(n));
        std::vector<unsigned char> trial(filter == PngFilter::Adaptive ? static_cast<std::size_t>(n) : 0);
        if (r.start > 0)
            pngRow(image, r.start - 1, prev.data());
        for (int y = r.start; y < r.end; ++y) {
            pngRow(image, y, cur.data());
            unsigned char* dst = out.data.get() + stride * static_cast<std::size_t>(y);
            int type = static_cast<int>(filter);
            if (filter == PngFilter::Adaptive) {
                std::uint64_t best = UINT64_MAX;
                for (int f = 0; f < 5; ++f) {
                    filterRow(f, cur.data(), prev.data(), n, bpp, trial.data());
                    if (const std::uint64_t c = residualCost(trial.data(), n); c < best)
                        best = c, type = f;
                }
            }
            dst[0] = static_cast<unsigned char>(type);
            filterRow(type, cur.data(), prev.data(), n, bpp, dst + 1);
            std::swap(prev, cur);
        }
    });
    return out;
}

// The whole file in one buffer, the deflated stream written in place as a single IDAT chunk.
struct EncodedPng {
    Buffer bytes;
    std::size_t size = 0;
};

EncodedPng encode(const cv::Mat& image, const PngOptions& options) {
    if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4))
        fail(ErrorCode::InvalidArgument, "needs an 8-bit grey, BGR or BGRA image");
    if (options.level < 1 || options.level > 12)
        fail(ErrorCode::InvalidArgument, "compression level must lie in 1..12");
    const Buffer filtered = filterImage(image, options.filter);
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
        libdeflate_alloc_compressor(options.level), libdeflate_free_compressor);
    if (!compressor)
        throw std::bad_alloc();
    const std::size_t bound = libdeflate_zlib_compress_bound(compressor.get(), filtered.size);
    if (bound > 0x7fffffffu)
        fail(ErrorCode::InvalidArgument, "image too large for a PNG data chunk");
    constexpr std::size_t kIhdr = 13, kOverhead = 12; // a chunk's length, type and CRC
    EncodedPng png{Buffer(kSignature.size() + kIhdr + 3 * kOverhead + bound), 0};
    unsigned char* p = png.bytes.data.get();
    p = std::copy(kSignature.begin(), kSignature.end(), p);

    p = chunkHead(p, "IHDR", kIhdr);
    p = put32(p, static_cast<std::uint32_t>(image.cols));
    p = put32(p, static_cast<std::uint32_t>(image.rows));
    const unsigned char colourType = image.channels() == 1 ? 0 : image.channels() == 3 ? 2 : 6;
    const unsigned char format[5] = {8, colourType, 0, 0, 0}; // depth, colour, deflate, filters, no interlace
    p = std::copy(format, format + 5, p);
    p = chunkTail(p, kIhdr);

    unsigned char* data = chunkHead(p, "IDAT", 0);
    const std::size_t packed = libdeflate_zlib_compress(compressor.get(), filtered.data.get(), filtered.size, data, bound);
    if (packed == 0)
        fail(ErrorCode::Internal, "compression failed");
    chunkHead(p, "IDAT", packed); // now that the length is known
    p = chunkTail(data + packed, packed);

    p = chunkTail(chunkHead(p, "IEND", 0), 0);
    png.size = static_cast<std::size_t>(p - png.bytes.data.get());
    return png;
}

} // namespace

Result<std::vector<unsigned char>> encodePng(const cv::Mat& image, const PngOptions& options) {
    return guarded("PNG", [&] {
        const EncodedPng png = encode(image, options);
        return std::vector<unsigned char>(png.bytes.data.get(), png.bytes.data.get() + png.size);
    });
}

Status writePng(const std::string& path, const cv::Mat& image, const PngOptions& options) {
    auto png = guarded(path, [&] { return encode(image, options); });
    if (!png)
        return png.error();
    return writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(png->bytes.data.get()), png->size));
}

} // namespace ds
