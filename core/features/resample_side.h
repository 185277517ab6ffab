#pragma once
// The side patches are resampled to before features are computed: [8, 1024] px. One rule for run
// specs, CLI options and model files. Pure function.
#include "core/common/result.h"

namespace ds {

inline constexpr int kMinResampleSide = 8;
inline constexpr int kMaxResampleSide = 1024;

// InvalidArgument "resample side must lie in [8, 1024] (got N)" outside the range.
Status checkResampleSide(int resampleSide);

} // namespace ds
