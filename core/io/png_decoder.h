#pragma once
// decodePng: a whole PNG held in memory, decoded with libpng into float luminance. Replaces OpenCV's
// imdecode so that programs no longer load libopencv_imgcodecs (and the GDAL library tree it pulls in,
// about 0.1 s of every process start). The transformations are the ones imdecode applied: 1/2/4-bit
// grey scaled to 8 bits, 16-bit kept, palettes expanded, alpha dropped, colour to luminance.
// libpng's errors (which longjmp) are contained here and come back as a Format CoreError.
// Stateless; any thread (each call has its own libpng state).
#include "core/io/byte_view.h"
#include "core/io/decoded_image.h"

#include <cstdint>

namespace ds::io {

// `width` x `height` are the dimensions the caller checked (pixel limit, compression ratio) from the
// header; a file whose IHDR as libpng reads it differs is refused before any pixel is allocated.
DecodedImage decodePng(ByteView file, std::uint64_t width, std::uint64_t height);

} // namespace ds::io
