#pragma once
// The per-patch CSV every scoring front end writes: `image,index,x,y,width,height,score,label`,
// one row per patch of the grid (label empty when unknown). Plain function; any thread.
#include "core/common/result.h"
#include "core/detect/pipeline.h"
#include "core/labels/label.h"

#include <span>
#include <string>

namespace ds {

Status writePatchTable(const std::string& path, const std::string& imageName, const ImageScores& scores,
                       std::span<const Label> labels = {});

} // namespace ds
