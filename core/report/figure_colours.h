#pragma once
// The colours a scientist learns on screen, for everything that draws patches: the GUI's overlay
// and the annotated figure of a report use these same values, so a figure reads like the screen.
// Plain constants (RGB, 8 bit); no Qt, no OpenCV.
#include "core/labels/label.h"

#include <cstdint>

namespace ds {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

inline constexpr Rgb kDefectColour{235, 40, 40};     // hand/truth label "defect"
inline constexpr Rgb kPerfectColour{30, 160, 255};   // hand/truth label "perfect"
inline constexpr Rgb kThresholdColour{60, 255, 120}; // outline of patches at or above the threshold:
                                                     // unlike the labels and every magma colour

// The label's colour; black for Unlabelled (which is never drawn).
inline constexpr Rgb labelRgb(Label l) {
    return l == Label::Defect ? kDefectColour : l == Label::Perfect ? kPerfectColour : Rgb{};
}

} // namespace ds
