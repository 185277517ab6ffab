#pragma once
// checkGridSpec(): whether a GridSpec could be a grid on some image - positive side and stride, origin
// not negative - for PatchGrid::create and for loaders that must judge a stored grid before any
// image is known (model files). Pure function.
#include "core/common/result.h"
#include "core/grid/patch_grid.h"

namespace ds {

Status checkGridSpec(const GridSpec& spec);

} // namespace ds
