#pragma once
// The confusion counts of the labelled patches when a threshold splits the scores (score >= threshold
// is called a defect; unlabelled patches take no part). Shared by the threshold rules (Youden's J of
// a calibrated threshold) and the GUI's operating point, so both count the same way. Header-only;
// any thread.
#include "core/labels/label.h"

#include <cstddef>
#include <span>

namespace ds {

struct Confusion {
    double truePositives = 0, falsePositives = 0, defects = 0, perfect = 0;

    double tpr() const { return defects > 0 ? truePositives / defects : 0; }
    double fpr() const { return perfect > 0 ? falsePositives / perfect : 0; }
    // 1 when nothing is called a defect: no call is wrong.
    double precision() const {
        const double called = truePositives + falsePositives;
        return called > 0 ? truePositives / called : 1;
    }
};

inline Confusion confusionAt(std::span<const float> scores, std::span<const Label> labels, double threshold) {
    Confusion c;
    for (std::size_t i = 0; i < scores.size() && i < labels.size(); ++i) {
        const bool called = scores[i] >= threshold;
        if (labels[i] == Label::Defect) {
            ++c.defects;
            c.truePositives += called;
        } else if (labels[i] == Label::Perfect) {
            ++c.perfect;
            c.falsePositives += called;
        }
    }
    return c;
}

} // namespace ds
