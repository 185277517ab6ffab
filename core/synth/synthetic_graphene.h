#pragma once
// Synthetic graphene micrographs with ground truth: a seeded, physically plausible generator used by
// the demo and as the tests' main fixture. Pure function of its options (no global state, every
// random draw comes from std::mt19937_64 streams derived from `seed`); thread-agnostic.
#include "core/io/micrograph.h"
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
    // false: the expected image (no shot noise, no scan jitter) - what tests measure geometry on.
    // The atoms and defects do not depend on this flag, so a noisy and a clean render of the same
    // options show the same structure.
    bool noise = true;
};

// One atom column as rendered: position in pixels (x = column, y = row, origin at the top-left
// pixel's corner) and atomic number (6 = C, 14 = Si, 8 = O in contamination).
struct SynthAtom {
    double x = 0, y = 0;
    int z = 6;
};

struct SyntheticImage {
    cv::Mat pixels;                 // CV_32F
    std::vector<TruthPoint> truth;  // one point per defect (several along a grain boundary)
    cv::Mat mask;                   // CV_8U, non-zero where contamination covers the lattice (may be empty)
    double bondPx = 0;
    double rotationDeg = 0;
    double secondGrainRotationDeg = 0; // rotation of the second grain when there is a grain boundary
    std::vector<SynthAtom> atoms;      // every rendered column (ground truth for atom finders)
    double nmPerPixel = 0;             // graphene's 0.142 nm bond over bondPx
};

// Defects that could not be placed (too many for the field, or no room left away from borders and
// other defects) are skipped; `truth` lists exactly what was placed.
SyntheticImage synthesizeGraphene(const SynthOptions& options);

// The demo's embedded default: 1024 x 1024, every defect kind (vacancies, double vacancies,
// Stone-Wales, dopants, a grain boundary and a contamination blob).
SynthOptions demoSynthOptions(std::uint64_t seed = 1);

// The synthetic image as a calibrated Micrograph (nm per pixel from the bond length, empty path).
Micrograph toMicrograph(const SyntheticImage& image);

} // namespace ds
