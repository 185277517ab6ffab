#pragma once
// Spectral helpers shared by the lattice estimate and the Bragg detector: robust normalisation of a
// micrograph, a Welch-averaged (Hann-windowed, zero-padded) power spectrum, and sub-bin peak
// refinement. Pure functions; thread-agnostic.
#include "core/common/run_control.h"

#include <opencv2/core.hpp>

namespace ds {

// Returns a CV_32F copy with NaN/Inf replaced by the median, shifted by the median and divided by
// the robust spread (1.4826 MAD), then clipped to [-clip, +clip] so that a few very bright or dark
// regions (dopants, contamination, holes) cannot dominate a spectrum.
cv::Mat robustNormalize(const cv::Mat& image, double clip = 6.0);

// Median and robust sigma (1.4826 x MAD) of the finite values of a CV_32F image (subsampled when big).
void robustStats(const cv::Mat& image, double& median, double& sigma);

struct PowerSpectrum {
    cv::Mat power;   // F x F, CV_32F, zero frequency at (F/2, F/2) (fft-shifted)
    int fftSize = 0; // F: a spot at offset (kx, ky) from the centre is the frequency (kx/F, ky/F) cycles/px
    int tileSize = 0; // side of the square tiles that were windowed and averaged
};

// Averages the power spectra of up to maxTiles x maxTiles square tiles of side min(w, h, maxTile)
// spread evenly over `normalized`; each tile is mean-subtracted, Hann-windowed and zero-padded to
// at least minFft. Averaging tiles keeps one contaminated corner from hiding the lattice.
PowerSpectrum welchPowerSpectrum(const cv::Mat& normalized, const RunControl& rc, int maxTile = 1024,
                                 int maxTiles = 2, int minFft = 1024);

// Bilinear sample of a CV_32F image at (x, y); returns 0 outside.
float sampleBilinear(const cv::Mat& m, double x, double y);

// Position of the maximum of `m` within `radius` pixels of (x, y), refined to sub-pixel precision by
// fitting a parabola to the logarithm of the 3 x 3 neighbourhood along each axis.
cv::Point2d refinePeak(const cv::Mat& m, double x, double y, double radius);

} // namespace ds
