// PNG and JPEG reader (libpng / libjpeg through png_decoder and jpeg_decoder): 8- and 16-bit grayscale
// as is, colour as luminance. The header's dimensions are checked against the file size and the pixel
// limit before a decoder allocates anything, and a PNG pHYs chunk in metres is the only calibration
// these formats can carry.
#include "core/io/format_readers.h"
#include "core/io/jpeg_decoder.h"
#include "core/io/png_decoder.h"
#include "core/io/sample_type.h"

#include <cstring>

#include <opencv2/imgproc.hpp>

namespace ds::io {

namespace {

struct Header {
    std::uint64_t width = 0, height = 0, channels = 1, bytesPerSample = 1;
    std::optional<double> metresPerPixelX, metresPerPixelY;
};

Header pngHeader(ByteView file) {
    ByteCursor c(file, true, 8);
    Header h;
    bool sawHeader = false;
    // Walk the chunks: length, type, data, CRC. Stop at IDAT; pHYs must precede it.
    for (int chunk = 0; chunk < 10000 && c.remaining() >= 12; ++chunk) {
        const std::uint32_t length = c.u32();
        const std::string type = c.bytes(4);
        const std::uint64_t dataAt = c.pos();
        if (type == "IHDR" && length >= 13) {
            h.width = c.u32();
            h.height = c.u32();
            const int depth = c.u8(), colour = c.u8();
            h.bytesPerSample = depth > 8 ? 2 : 1;
            h.channels = colour == 2 ? 3 : colour == 4 ? 2 : colour == 6 ? 4 : colour == 3 ? 3 : 1;
            sawHeader = true;
        } else if (type == "pHYs" && length >= 9) {
            const std::uint32_t ppx = c.u32(), ppy = c.u32();
            if (c.u8() == 1 && ppx > 0 && ppy > 0) { // unit 1 = metre
                h.metresPerPixelX = 1.0 / ppx;
                h.metresPerPixelY = 1.0 / ppy;
            }
        } else if (type == "IDAT" || type == "IEND") {
            break;
        }
        c.seek(dataAt);
        c.skip(static_cast<std::uint64_t>(length) + 4);
    }
    if (!sawHeader)
        fail(ErrorCode::Format, "PNG has no IHDR chunk");
    return h;
}

Header jpegHeader(ByteView file) {
    ByteCursor c(file, true, 2);
    Header h;
    for (int marker = 0; marker < 10000 && c.remaining() >= 4; ++marker) {
        if (c.u8() != 0xFF)
            fail(ErrorCode::Format, "JPEG marker expected at offset " + std::to_string(c.pos() - 1));
        std::uint8_t m = c.u8();
        while (m == 0xFF && c.remaining())
            m = c.u8();
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01)
            continue;
        const std::uint16_t length = c.u16();
        if (length < 2)
            fail(ErrorCode::Format, "JPEG segment with length < 2");
        const std::uint64_t next = c.pos() + length - 2;
        const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            h.bytesPerSample = c.u8() > 8 ? 2 : 1;
            h.height = c.u16();
            h.width = c.u16();
            h.channels = c.u8();
            return h;
        }
        c.seek(next);
    }
    fail(ErrorCode::Format, "JPEG has no frame header (SOF)");
}

} // namespace

Micrograph readImage(ByteView file, const ReadOptions& options) {
    const bool png = file.size >= 8 && std::memcmp(file.data, "\x89PNG\r\n\x1a\n", 8) == 0;
    const bool jpeg = file.size >= 3 && std::memcmp(file.data, "\xff\xd8\xff", 3) == 0;
    if (!png && !jpeg)
        fail(ErrorCode::Format, "not a PNG or JPEG file (bad signature)");
    const Header h = png ? pngHeader(file) : jpegHeader(file);
    // Deflate and JPEG cannot expand data by much more than ~1000:1; a header beyond that is lying.
    requireFits(h.height, h.width * h.channels, 1, h.bytesPerSample == 2 ? SampleType::U16 : SampleType::U8,
                static_cast<std::uint64_t>(file.size) * 1100 + (1u << 20), png ? "PNG image" : "JPEG image");
    requirePixelLimit(h.height, h.width, options, png ? "PNG image" : "JPEG image");
    requireFrame(options.frame, 1);
    DecodedImage decoded = png ? decodePng(file, h.width, h.height) : decodeJpeg(file, h.width, h.height);
    cv::Mat& samples = decoded.samples;
    Micrograph m;
    const int depth = samples.depth();
    m.dtype = depth == CV_16U ? "uint16" : "uint8";
    if (samples.channels() == 3) {
        cv::cvtColor(samples, samples, cv::COLOR_BGR2GRAY); // OpenCV's weights and rounding, as before
        m.dtype = depth == CV_16U ? "rgb16" : "rgb8";
        m.metadata["color"] = "converted to luminance";
    }
    samples.convertTo(m.pixels, CV_32F);
    if (decoded.exifOrientation != 1)
        m.metadata["exif_orientation"] = std::to_string(decoded.exifOrientation) + " (applied)";
    if (h.metresPerPixelX && h.metresPerPixelY) {
        m.x = {*h.metresPerPixelX, 0.0, "m"};
        m.y = {*h.metresPerPixelY, 0.0, "m"};
        m.metadata["calibration_source"] = "PNG pHYs";
    }
    return m;
}

} // namespace ds::io
