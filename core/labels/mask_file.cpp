#include "core/labels/mask_file.h"

#include "core/io/read_micrograph.h"

namespace ds {

Result<cv::Mat> readMaskFile(const std::string& path) {
    auto m = readMicrograph(path);
    if (!m)
        return m.error();
    cv::Mat nonZero;
    cv::compare(m->pixels, 0, nonZero, cv::CMP_NE);
    return nonZero;
}

} // namespace ds
