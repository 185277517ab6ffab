#include "core/io/png_decoder.h"

#include "core/common/guard.h"
#include "core/io/exif_orientation.h"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include <png.h>

namespace ds::io {

namespace {

// Everything libpng's callbacks and decodeRows touch. Lives in decodePng's frame, which a longjmp never skips.
struct PngState {
    ByteView file;
    std::size_t pos = 0;
    char message[200] = {};
    std::uint64_t width = 0, height = 0;
    std::vector<png_bytep> rowPointers; // interlaced images only
    ByteView exif;
    DecodedImage out;
};

void onError(png_structp png, png_const_charp message) {
    auto* s = static_cast<PngState*>(png_get_error_ptr(png));
    std::snprintf(s->message, sizeof s->message, "%s", message ? message : "unknown libpng error");
    png_longjmp(png, 1);
}

// Warnings concern ancillary chunks (a bad ICC profile, a CRC error in a text chunk) and change no
// pixel; core prints nothing to the terminal.
void onWarning(png_structp, png_const_charp) {}

void onRead(png_structp png, png_bytep out, png_size_t n) {
    auto* s = static_cast<PngState*>(png_get_io_ptr(png));
    if (n > s->file.size - s->pos)
        png_error(png, "the file ends inside the image data (truncated)");
    std::memcpy(out, s->file.data + s->pos, n);
    s->pos += n;
}

// Every libpng call happens here, after setjmp. The frames a longjmp skips (libpng's and the
// callbacks above) hold no object with a destructor; what this frame allocates lives in `s`.
// Returns false after a libpng error (the reason is in s.message).
bool decodeRows(png_structp png, png_infop info, PngState& s) {
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_set_read_fn(png, &s, onRead);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int depth = 0, colourType = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &colourType, nullptr, nullptr, nullptr);
    if (width != s.width || height != s.height) {
        std::snprintf(s.message, sizeof s.message, "IHDR says %u x %u but the header checked before said %llu x %llu",
                      static_cast<unsigned>(width), static_cast<unsigned>(height),
                      static_cast<unsigned long long>(s.width), static_cast<unsigned long long>(s.height));
        return false;
    }
#ifdef PNG_eXIf_SUPPORTED
    png_uint_32 exifSize = 0;
    png_bytep exif = nullptr;
    if (png_get_eXIf_1(png, info, &exifSize, &exif) && exif)
        s.exif = ByteView{exif, exifSize};
#endif
    // The transformations imdecode(IMREAD_ANYDEPTH | IMREAD_ANYCOLOR) asked for: native 16-bit samples,
    // no alpha, palettes as colour, 1/2/4-bit grey scaled to 8 bits, colour in BGR order, and grey with
    // alpha as three equal channels (so it is "colour" to the reader, with the grey value as luminance).
    if (depth == 16 && hostIsLittleEndian())
        png_set_swap(png);
    png_set_strip_alpha(png);
    if (colourType == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if ((colourType & PNG_COLOR_MASK_COLOR) == 0 && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (colourType & PNG_COLOR_MASK_COLOR)
        png_set_bgr(png);
    else if (colourType == PNG_COLOR_TYPE_GRAY_ALPHA)
        png_set_gray_to_rgb(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const int channels = png_get_channels(png, info);
    const int type = CV_MAKETYPE(depth == 16 ? CV_16U : CV_8U, channels);
    if ((channels != 1 && channels != 3) ||
        png_get_rowbytes(png, info) != width * static_cast<std::size_t>(channels) * (depth == 16 ? 2 : 1)) {
        std::snprintf(s.message, sizeof s.message, "unexpected sample layout after decoding (%d channels)", channels);
        return false;
    }
    s.out.samples.create(static_cast<int>(height), static_cast<int>(width), type);
    if (passes == 1) {
        for (png_uint_32 y = 0; y < height; ++y)
            png_read_row(png, s.out.samples.ptr(static_cast<int>(y)), nullptr);
    } else { // Adam7: every pass adds pixels to rows all over the image
        s.rowPointers.resize(height);
        for (png_uint_32 y = 0; y < height; ++y)
            s.rowPointers[y] = s.out.samples.ptr(static_cast<int>(y));
        png_read_image(png, s.rowPointers.data());
    }
    png_read_end(png, nullptr); // the chunks after the image data, up to IEND, checked as imdecode did
    return true;
}

} // namespace

DecodedImage decodePng(ByteView file, std::uint64_t width, std::uint64_t height) {
    PngState s;
    s.file = file;
    s.width = width;
    s.height = height;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, onError, onWarning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    struct Release {
        png_structp* png;
        png_infop* info;
        ~Release() { png_destroy_read_struct(png, info, nullptr); }
    } release{&png, &info};
    if (!png || !info)
        fail(ErrorCode::Internal, "libpng could not start (out of memory?)");
    if (!decodeRows(png, info, s))
        fail(ErrorCode::Format, std::string("PNG data cannot be decoded: ") + s.message);
    orientByExif(s.out, s.exif); // s.exif points into libpng's info struct, alive until `release`
    return std::move(s.out);
}

} // namespace ds::io
