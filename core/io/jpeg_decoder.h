#pragma once
// decodeJpeg: a whole JPEG held in memory, decoded with libjpeg(-turbo) into float luminance. Replaces
// OpenCV's imdecode (see png_decoder.h for why) with the same choices: grey files as grey, colour
// decoded to RGB (CMYK converted as OpenCV did) and then to luminance, and the EXIF orientation applied.
// libjpeg's errors (which longjmp) are contained here and come back as a Format CoreError; a file that
// ends before its image data does is refused instead of being padded with grey.
// Stateless; any thread (each call has its own libjpeg state).
#include "core/io/byte_view.h"
#include "core/io/decoded_image.h"

#include <cstdint>

namespace ds::io {

// `width` x `height` are the frame header's dimensions the caller checked; a file that libjpeg reads
// differently is refused before any pixel is allocated.
DecodedImage decodeJpeg(ByteView file, std::uint64_t width, std::uint64_t height);

} // namespace ds::io
