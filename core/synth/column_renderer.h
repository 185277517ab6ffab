#pragma once
// Rendering of atom columns into detector counts: HAADF (bright Gaussian columns, intensity ~ Z^1.7)
// or HRTEM-like (dark atoms on a bright, slowly varying background with contrast-transfer ringing),
// then scan-line jitter and Poisson shot noise. Pure functions; thread-agnostic.
#include "core/synth/synthetic_graphene.h"

#include <random>
#include <vector>

#include <opencv2/core.hpp>

namespace ds::synth {

// Expected counts per pixel (no noise): a carbon column peaks at about `options.dose`.
cv::Mat renderColumns(const std::vector<SynthAtom>& atoms, const SynthOptions& options, std::mt19937_64& rng);

// Shifts every scan line horizontally by a correlated random offset with rms `rmsPx` (the probe's
// fly-back does not land in the same place each line).
void applyScanJitter(cv::Mat& image, double rmsPx, std::mt19937_64& rng);

// Replaces each expected count by a Poisson sample of it.
void applyShotNoise(cv::Mat& image, std::mt19937_64& rng);

} // namespace ds::synth
