#pragma once
// The EXIF orientation tag (0x0112 in IFD0) of PNG eXIf chunks and JPEG APP1 segments, and turning an
// image accordingly. OpenCV's imdecode applied it; the PNG/JPEG decoders keep doing so, reading the tag
// the way OpenCV did (IFD0 only; anything unreadable means "as stored"). Stateless; any thread.
#include "core/io/byte_view.h"
#include "core/io/decoded_image.h"

#include <opencv2/core.hpp>

namespace ds::io {

// `tiff` starts at the TIFF header ("II*\0" or "MM\0*"). Returns 1..8; 1 when absent or unreadable.
int exifOrientation(ByteView tiff);

// Turns `image` so that row 0 is the visual top and column 0 the visual left.
void applyExifOrientation(cv::Mat& image, int orientation);

// Reads the orientation from `exif` (empty: none) and applies it to the decoded samples.
void orientByExif(DecodedImage& decoded, ByteView exif);

} // namespace ds::io
