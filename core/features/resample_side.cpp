#include "core/features/resample_side.h"

#include <string>

namespace ds {

Status checkResampleSide(int resampleSide) {
    if (resampleSide < kMinResampleSide || resampleSide > kMaxResampleSide)
        return make_error(ErrorCode::InvalidArgument, "resample side must lie in [" + std::to_string(kMinResampleSide) +
                                                          ", " + std::to_string(kMaxResampleSide) + "] (got " +
                                                          std::to_string(resampleSide) + ")");
    return {};
}

} // namespace ds
