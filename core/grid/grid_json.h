#pragma once
// The one JSON form of a patch grid, shared by .dsproj projects, summary.json, batch settings, run
// specs and model descriptions: {"side", "stride", "origin_x", "origin_y"} in pixels. Pure functions.
#include "core/common/result.h"
#include "core/grid/patch_grid.h"

#include <nlohmann/json.hpp>

namespace ds {

nlohmann::json gridSpecToJson(const GridSpec& spec);
// Fails with Format when a key is missing or not an integer; origins default to 0.
Result<GridSpec> gridSpecFromJson(const nlohmann::json& j);

} // namespace ds
