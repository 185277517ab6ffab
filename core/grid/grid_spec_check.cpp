#include "core/grid/grid_spec_check.h"

#include <string>

namespace ds {

Status checkGridSpec(const GridSpec& spec) {
    if (spec.side <= 0 || spec.stride <= 0)
        return make_error(ErrorCode::InvalidArgument, "patch side and stride must be positive (got side " +
                                                          std::to_string(spec.side) + ", stride " +
                                                          std::to_string(spec.stride) + ")");
    if (spec.originX < 0 || spec.originY < 0)
        return make_error(ErrorCode::InvalidArgument, "grid origin must not be negative");
    return {};
}

} // namespace ds
