#include "core/analysis/image_side_rule.h"

#include <string>

namespace ds {

Status checkImageSide(int cols, int rows) {
    if (cols >= kMinImageSide && rows >= kMinImageSide)
        return {};
    return make_error(ErrorCode::InvalidArgument, "the image is " + std::to_string(cols) + " x " + std::to_string(rows) +
                                                      " px; scoring needs at least " + std::to_string(kMinImageSide) +
                                                      " px in each direction");
}

} // namespace ds
