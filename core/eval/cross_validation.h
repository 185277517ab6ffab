#pragma once
// Splits for honest validation: stratified k-fold over labelled patches and leave-one-image-out over
// patches pooled from several images. Plain functions returning index lists; any thread.
#include "core/common/result.h"
#include "core/labels/label.h"

#include <cstdint>
#include <span>
#include <vector>

namespace ds {

struct Fold {
    std::vector<int> train; // row indices to fit on
    std::vector<int> test;  // row indices to evaluate on
};

// k folds; Defect and Perfect rows are each shuffled (seeded) and dealt round-robin so every fold
// keeps the class ratio. Unlabelled rows always go to `train` (one-class detectors can use them).
// Fails when k < 2 or a class has fewer than k rows.
Result<std::vector<Fold>> stratifiedKFold(std::span<const Label> labels, int k, std::uint64_t seed = 0);

// One fold per distinct image id: test = rows of that image, train = all other rows.
Result<std::vector<Fold>> leaveOneImageOut(std::span<const int> imageOfRow);

} // namespace ds
