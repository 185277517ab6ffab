#include "core/io/jpeg_decoder.h"

#include "core/common/guard.h"
#include "core/io/exif_orientation.h"

#include <csetjmp>
#include <cstdio>
#include <vector>

// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <jerror.h>

namespace ds::io {

namespace {

// Everything libjpeg's callbacks and decodeRows touch. Lives in decodeJpeg's frame, which a longjmp never skips.
struct JpegState {
    jpeg_error_mgr errors{}; // first member: the callbacks get a pointer to it
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    bool truncated = false;
    std::uint64_t width = 0, height = 0;
    std::vector<std::uint8_t> cmykRow;
    ByteView exif;
    DecodedImage out;
};

void onError(j_common_ptr c) {
    auto* s = reinterpret_cast<JpegState*>(c->err);
    (*c->err->format_message)(c, s->message);
    std::longjmp(s->jump, 1);
}

// Warnings print nothing (core never writes to the terminal). The one that matters is the data ending
// before the image does: libjpeg would fill the rest with grey, which is not the micrograph.
void onMessage(j_common_ptr c, int level) {
    if (level < 0) {
        ++c->err->num_warnings;
        if (c->err->msg_code == JWRN_JPEG_EOF)
            reinterpret_cast<JpegState*>(c->err)->truncated = true;
    }
}

// OpenCV's CMYK (inverted, as Adobe writes it) to one BGR channel.
inline std::uint8_t fromCmyk(int colour, int black) {
    return static_cast<std::uint8_t>(black - ((255 - colour) * black >> 8));
}

// Every libjpeg call happens here, after setjmp. The frames a longjmp skips (libjpeg's and the
// callbacks above) hold no object with a destructor; what this frame allocates lives in `s`.
// Returns false after a libjpeg error (the reason is in s.message).
bool decodeRows(jpeg_decompress_struct& info, ByteView file, JpegState& s) {
    if (setjmp(s.jump))
        return false;
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, file.data, static_cast<unsigned long>(file.size));
    jpeg_save_markers(&info, JPEG_APP0 + 1, 0xffff);
    jpeg_read_header(&info, TRUE);
    if (info.image_width != s.width || info.image_height != s.height) {
        std::snprintf(s.message, sizeof s.message, "the frame header says %u x %u but the one checked before said %llu x %llu",
                      info.image_width, info.image_height, static_cast<unsigned long long>(s.width),
                      static_cast<unsigned long long>(s.height));
        return false;
    }
    // As OpenCV did: the first APP1 segment, after its 6 bytes of "Exif\0\0", holds the EXIF block.
    for (jpeg_saved_marker_ptr m = info.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1) {
            if (m->data_length > 6)
                s.exif = ByteView{m->data + 6, m->data_length - 6};
            break;
        }
    // As imdecode(IMREAD_ANYCOLOR) decoded: grey files as grey, CMYK converted below, the rest as BGR.
    const int components = info.num_components;
    info.out_color_space = components == 1 ? JCS_GRAYSCALE : components == 4 ? JCS_CMYK : JCS_EXT_BGR;
    jpeg_start_decompress(&info);
    const int w = static_cast<int>(info.output_width), h = static_cast<int>(info.output_height);
    const int channels = info.output_components;
    s.out.samples.create(h, w, components == 1 ? CV_8UC1 : CV_8UC3);
    if (channels == 4)
        s.cmykRow.resize(static_cast<std::size_t>(w) * 4);
    for (int y = 0; y < h; ++y) {
        JSAMPROW row = channels == 4 ? s.cmykRow.data() : s.out.samples.ptr(y);
        if (jpeg_read_scanlines(&info, &row, 1) != 1 || s.truncated) {
            std::snprintf(s.message, sizeof s.message, "the file ends before the image does (row %d of %d)", y, h);
            return false;
        }
        if (channels == 4) {
            std::uint8_t* bgr = s.out.samples.ptr(y);
            for (int x = 0; x < w; ++x, bgr += 3) {
                const std::uint8_t* p = row + 4 * x;
                bgr[2] = fromCmyk(p[0], p[3]);
                bgr[1] = fromCmyk(p[1], p[3]);
                bgr[0] = fromCmyk(p[2], p[3]);
            }
        }
    }
    jpeg_finish_decompress(&info);
    return true;
}

} // namespace

DecodedImage decodeJpeg(ByteView file, std::uint64_t width, std::uint64_t height) {
    JpegState s;
    s.width = width;
    s.height = height;
    jpeg_decompress_struct info{};
    info.err = jpeg_std_error(&s.errors);
    s.errors.error_exit = onError;
    s.errors.emit_message = onMessage;
    struct Release { // safe on a struct libjpeg never initialised (its memory manager is null)
        jpeg_decompress_struct* info;
        ~Release() { jpeg_destroy_decompress(info); }
    } release{&info};
    if (!decodeRows(info, file, s))
        fail(ErrorCode::Format, std::string("JPEG data cannot be decoded: ") + s.message);
    orientByExif(s.out, s.exif); // s.exif points into libjpeg's saved markers, alive until `release`
    return std::move(s.out);
}

} // namespace ds::io
