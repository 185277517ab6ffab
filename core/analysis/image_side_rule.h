#pragma once
// The narrowest image a run accepts, in both directions, for runImage() and runModel() and so for
// every front end: patches are resampled to at least kMinResampleSide (8 px), and a patch narrower
// than that would be made up by interpolation. Without it a 1 x 100000 image got 100000 one-pixel
// patches wherever a grid is shrunk to fit the image (the GUI), while the CLI refused it. Pure function.
#include "core/common/result.h"
#include "core/features/resample_side.h"

namespace ds {

inline constexpr int kMinImageSide = kMinResampleSide;

// InvalidArgument naming the size when `cols` x `rows` is below kMinImageSide in either direction.
Status checkImageSide(int cols, int rows);

} // namespace ds
