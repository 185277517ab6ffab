#pragma once
// Synthetic graphene micrographs with ground truth: a seeded, physically plausible generator used by
// the demo and as the tests' main fixture. Pure function of its options; thread-agnostic.
#include "core/labels/truth_points.h"

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

struct SynthOptions {
    int width = 512, height = 512;
    double bondPx = 14.0;      // C-C bond length in pixels
    double rotationDeg = 0.0;  // lattice rotation
    enum class Contrast { Haadf, Hrtem } contrast = Contrast::Haadf;
    double dose = 200.0;       // expected electron counts at a carbon column peak (Poisson noise)
    double scanJitterPx = 0.3; // rms horizontal shift per scan line
    std::uint64_t seed = 1;
    // Defects: how many of each, placed at random non-overlapping sites away from the borders.
    int singleVacancies = 2, doubleVacancies = 1, stoneWales = 2, dopants = 2;
    bool grainBoundary = false; // two grains rotated against each other, boundary across the field
    bool contamination = false; // an amorphous blob
};

struct SyntheticImage {
    cv::Mat pixels;                 // CV_32F
    std::vector<TruthPoint> truth;  // one point per defect (several along a grain boundary)
    cv::Mat mask;                   // CV_8U, non-zero where contamination covers the lattice (may be empty)
    double bondPx = 0;
    double rotationDeg = 0;
};

SyntheticImage synthesizeGraphene(const SynthOptions& options);

} // namespace ds
