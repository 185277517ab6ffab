#include "core/io/exif_orientation.h"

namespace ds::io {

int exifOrientation(ByteView tiff) {
    try {
        ByteCursor c(tiff, true);
        const std::uint16_t order = c.u16();
        if (order != 0x4949 && order != 0x4D4D)
            return 1;
        c.setBigEndian(order == 0x4D4D);
        c.skip(2); // 42
        c.seek(c.u32());
        const std::uint16_t entries = c.u16();
        for (int i = 0; i < entries; ++i) {
            const std::uint64_t at = c.pos();
            if (c.u16() == 0x0112) {
                c.skip(6); // type, count; a SHORT value sits in the first two bytes of the value field
                const int v = c.u16();
                return v >= 1 && v <= 8 ? v : 1;
            }
            c.seek(at + 12);
        }
    } catch (const CoreError&) {
        // A truncated or lying EXIF block only loses the orientation, as it did with OpenCV.
    }
    return 1;
}

void applyExifOrientation(cv::Mat& image, int orientation) {
    if (orientation < 2 || orientation > 8)
        return;
    if (orientation >= 5) { // 5..8: rows and columns are exchanged
        cv::Mat turned;
        cv::transpose(image, turned);
        image = turned;
    }
    // Then flip: 1 = left-right, 0 = top-bottom, -1 = both, 2 = nothing (OpenCV's ApplyExifOrientation).
    static constexpr int kFlip[9] = {2, 2, 1, -1, 0, 2, 1, -1, 0};
    if (kFlip[orientation] != 2)
        cv::flip(image, image, kFlip[orientation]);
}

void orientByExif(DecodedImage& decoded, ByteView exif) {
    decoded.exifOrientation = exif.size ? exifOrientation(exif) : 1;
    applyExifOrientation(decoded.samples, decoded.exifOrientation);
}

} // namespace ds::io
