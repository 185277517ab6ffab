#include "core/lattice/atom_lattice.h"

#include "core/common/atomic_file.h"
#include "core/common/guard.h"
#include "core/common/robust_stats.h"
#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unordered_map>

#include <opencv2/imgproc.hpp>

namespace ds {
namespace {

// Working scale: atoms are found on a copy resampled so a bond spans ~10 px. Large bonds cost
// quadratically more pixels and larger max-filters without adding topological information.
constexpr double kWorkingBondPx = 10.0;

double parabola(double a, double b, double c) {
    const double den = a - 2 * b + c;
    return den < 0 ? std::clamp(0.5 * (a - c) / den, -0.5, 0.5) : 0.0;
}

// Column intensity as a robust z-score against the columns around it: the column's amplitude minus
// the median amplitude of the columns within kContrastRadius bonds, over the robust spread of that
// difference across the frame. Comparing with neighbours rather than with the whole frame keeps a
// heavier atom (a Si dopant: ~2.6x a carbon column in HAADF, ~2x in HRTEM phase contrast) visible
// where contrast varies over the field, as it does with HRTEM focus/thickness and HAADF drift.
void columnContrast(std::vector<AtomColumn>& atoms, const std::vector<double>& amplitude, double bondPx) {
    constexpr double kContrastRadius = 3.0; // bonds: ~25 columns, enough for a stable median
    const int n = static_cast<int>(atoms.size());
    if (n == 0)
        return;
    const double cell = kContrastRadius * bondPx, r2 = cell * cell;
    auto key = [&](double x, double y) {
        return (static_cast<long long>(std::floor(x / cell)) << 32) ^ (static_cast<long long>(std::floor(y / cell)) & 0xffffffffLL);
    };
    std::unordered_map<long long, std::vector<int>> cells;
    for (int i = 0; i < n; ++i)
        cells[key(atoms[i].x, atoms[i].y)].push_back(i);
    // Columns with fewer than kMinContrastNeighbours others around them (isolated maxima in vacuum or
    // noise, the frame's corners) have no local reference: their contrast is unknown, not zero. Their
    // zeros used to join the spread below, narrowing it and inflating every z-score: a trial of a
    // noise-derived column threshold, which leaves many such columns, took a dopant from z 6.2 to
    // 13.8. They are left out of the spread and score 0.
    constexpr std::size_t kMinContrastNeighbours = 3; // the fewest a median and a spread can be read from
    std::vector<double> diff(n, 0.0), measured, near;
    std::vector<char> known(n, 0);
    for (int i = 0; i < n; ++i) {
        near.clear();
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                auto it = cells.find(key(atoms[i].x + dx * cell, atoms[i].y + dy * cell));
                if (it == cells.end())
                    continue;
                for (int j : it->second) {
                    const double ex = atoms[j].x - atoms[i].x, ey = atoms[j].y - atoms[i].y;
                    if (j != i && ex * ex + ey * ey <= r2)
                        near.push_back(amplitude[j]);
                }
            }
        if (near.size() < kMinContrastNeighbours)
            continue;
        diff[i] = amplitude[i] - medianInPlace(near);
        known[i] = 1;
        measured.push_back(diff[i]);
    }
    if (measured.empty())
        return; // no column has neighbours to compare with: every intensity stays 0
    const RobustScale r = robustScale(std::move(measured));
    const double mid = r.centre;
    const double spread = std::max(1e-6, r.sigma);
    for (int i = 0; i < n; ++i)
        atoms[i].intensity = known[i] ? (diff[i] - mid) / spread : 0.0;
}

void checkAtomInputs(const cv::Mat& image, const LatticeEstimate& estimate) {
    if (image.empty() || image.channels() != 1)
        fail(ErrorCode::InvalidArgument, "needs a non-empty single-channel image");
    if (!(estimate.bondPx > 1.0) || !std::isfinite(estimate.bondPx))
        fail(ErrorCode::InvalidArgument, "needs a lattice estimate with a bond length above 1 px");
}

// findAtomLattice on the robustNormalize()d frame; throws (callers wrap it in guarded()).
AtomLattice atomsOfNormalized(const cv::Mat& normalized, const LatticeEstimate& estimate, const RunControl& rc,
                              const AtomFindOptions& options) {
    rc.progress(0.0, "atoms: denoise");
    const double scale = std::min(1.0, kWorkingBondPx / estimate.bondPx);
    // `normalized` is the caller's and may be read by another finder at the same time: never
    // written, only resampled or negated into a new matrix.
    cv::Mat work;
    if (scale < 1.0) {
        cv::resize(normalized, work, cv::Size(), scale, scale, cv::INTER_AREA);
        if (!estimate.brightAtoms)
            work = -work;
    } else {
        work = estimate.brightAtoms ? normalized : cv::Mat(-normalized);
    }
    const double bond = estimate.bondPx * scale;
    cv::Mat smooth;
    cv::GaussianBlur(work, smooth, cv::Size(), std::max(0.5, options.smoothBonds * bond));
    rc.throwIfStopped();

    // Local maxima: no larger value within minSeparation / 2 ... a square max-filter is
    // separable (fast on 4k x 4k) and its corners only make suppression slightly stricter.
    const int radius = std::max(1, static_cast<int>(std::lround(0.5 * options.minSeparation * bond)));
    cv::Mat dil;
    cv::dilate(smooth, dil, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * radius + 1, 2 * radius + 1)));
    // Columns stand above their surroundings (the mean over about one hexagon), not above a global
    // level: intensity drifts, thickness changes and faint strained regions keep their columns,
    // while vacuum and holes (flat, at the local mean) give few.
    cv::Mat local;
    cv::GaussianBlur(smooth, local, cv::Size(), bond);
    rc.progress(0.3, "atoms: maxima");

    AtomLattice lattice;
    lattice.bondPx = estimate.bondPx;
    std::vector<double> amplitude;
    for (int y = 1; y < smooth.rows - 1; ++y) {
        if ((y & 63) == 0)
            rc.throwIfStopped();
        const float* s = smooth.ptr<float>(y);
        const float* d = dil.ptr<float>(y);
        const float* m = local.ptr<float>(y);
        for (int x = 1; x < smooth.cols - 1; ++x) {
            if (s[x] < d[x] || s[x] <= m[x])
                continue;
            // Plateaus: keep only the first pixel of equal maxima.
            if (s[x - 1] == s[x] || smooth.at<float>(y - 1, x) == s[x])
                continue;
            const double dx = parabola(s[x - 1], s[x], s[x + 1]);
            const double dy = parabola(smooth.at<float>(y - 1, x), s[x], smooth.at<float>(y + 1, x));
            AtomColumn a;
            a.x = (x + dx + 0.5) / scale;
            a.y = (y + dy + 0.5) / scale;
            lattice.atoms.push_back(a);
            // Matched-filter response (the smoothing is about one column wide) above the local
            // mean: slow background drift, thickness and HRTEM focus variation cancel here.
            amplitude.push_back(s[x] - m[x]);
        }
    }
    rc.throwIfStopped();
    columnContrast(lattice.atoms, amplitude, estimate.bondPx);
    rc.progress(0.6, "atoms: bond graph");
    rc.throwIfStopped();
    buildBondGraph(lattice, normalized.cols, normalized.rows, options.neighbourCut);
    rc.progress(1.0, "atoms: done");
    return lattice;
}

} // namespace

Result<AtomLattice> findAtomLattice(const cv::Mat& image, const LatticeEstimate& estimate, const RunControl& rc,
                                    const AtomFindOptions& options) {
    return guarded("atom columns", [&] {
        checkAtomInputs(image, estimate);
        return atomsOfNormalized(robustNormalize(image), estimate, rc, options);
    });
}

Result<AtomLattice> findAtomLattice(const NormalizedFrame& frame, const LatticeEstimate& estimate, const RunControl& rc,
                                    const AtomFindOptions& options) {
    return guarded("atom columns", [&] {
        checkAtomInputs(frame.pixels, estimate);
        return atomsOfNormalized(frame.pixels, estimate, rc, options);
    });
}

Status writeAtomsCsv(const std::string& path, const AtomLattice& lattice) {
    // Built in memory and written atomically: a full disk never leaves a truncated table. Errors of
    // writeFileAtomically name the path.
    std::string text = "x,y,intensity,coordination,ring_sizes,bond_strain,angle_strain\n";
    char buf[160];
    for (const AtomColumn& a : lattice.atoms) {
        std::string rings;
        for (int r : a.ringSizes)
            rings += (rings.empty() ? "" : ";") + std::to_string(r);
        std::snprintf(buf, sizeof buf, "%.2f,%.2f,%.3f,%d,", a.x, a.y, a.intensity, a.coordination);
        text += buf + rings;
        std::snprintf(buf, sizeof buf, ",%.4f,%.2f\n", a.bondStrain, a.angleStrain);
        text += buf;
    }
    return writeFileAtomically(path, text);
}

} // namespace ds
