#pragma once
// DecodedImage: what the PNG and JPEG decoders hand back to image_reader.cpp - the samples as OpenCV's
// imdecode(IMREAD_ANYDEPTH | IMREAD_ANYCOLOR) gave them before (8- or 16-bit; one channel for grey
// files, three in BGR order for everything else), so the conversion that follows is unchanged.
// A plain value.
#include <opencv2/core.hpp>

namespace ds::io {

struct DecodedImage {
    cv::Mat samples;         // CV_8UC1, CV_16UC1, CV_8UC3 or CV_16UC3 (BGR)
    int exifOrientation = 1; // the EXIF orientation already applied to `samples` (1 = as stored)
};

} // namespace ds::io
