#pragma once
// checkRecordedSize(): whether an image file, as read now, is the size its project recorded - the
// size its grid, labels and runs belong to. For every loader that pairs a project image with its
// pixels (report, export-patches). Pure function.
#include "core/common/result.h"
#include "core/project/project.h"

namespace ds {

// InvalidArgument naming the image and both sizes when `fileWidth` x `fileHeight` differs from the
// recorded size; a size not known yet (0) matches anything.
Status checkRecordedSize(const ProjectImage& image, int fileWidth, int fileHeight);

} // namespace ds
