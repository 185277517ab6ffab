#include "core/lattice/atom_lattice.h"

#include "core/common/guard.h"
#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <fstream>

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

} // namespace

Result<AtomLattice> findAtomLattice(const cv::Mat& image, const LatticeEstimate& estimate, const RunControl& rc,
                                    const AtomFindOptions& options) {
    return guarded("atom columns", [&]() -> AtomLattice {
        if (image.empty() || image.channels() != 1)
            fail(ErrorCode::InvalidArgument, "needs a non-empty single-channel image");
        if (!(estimate.bondPx > 1.0) || !std::isfinite(estimate.bondPx))
            fail(ErrorCode::InvalidArgument, "needs a lattice estimate with a bond length above 1 px");
        rc.progress(0.0, "atoms: denoise");
        const double scale = std::min(1.0, kWorkingBondPx / estimate.bondPx);
        cv::Mat work = robustNormalize(image);
        if (scale < 1.0)
            cv::resize(work, work, cv::Size(), scale, scale, cv::INTER_AREA);
        if (!estimate.brightAtoms)
            work = -work;
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
        std::vector<double> peak;
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
                peak.push_back(s[x]);
            }
        }
        // Column intensity as a robust z-score among all columns: dopants (Si in HAADF) stand out.
        if (!peak.empty()) {
            std::vector<double> v = peak;
            auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
            std::nth_element(v.begin(), mid, v.end());
            const double pm = *mid;
            for (double& t : v)
                t = std::fabs(t - pm);
            std::nth_element(v.begin(), mid, v.end());
            const double ps = std::max(1e-6, 1.4826 * *mid);
            for (std::size_t i = 0; i < peak.size(); ++i)
                lattice.atoms[i].intensity = (peak[i] - pm) / ps;
        }
        rc.progress(0.6, "atoms: bond graph");
        rc.throwIfStopped();
        buildBondGraph(lattice, image.cols, image.rows, options.neighbourCut);
        rc.progress(1.0, "atoms: done");
        return lattice;
    });
}

Status writeAtomsCsv(const std::string& path, const AtomLattice& lattice) {
    return guarded(path, [&] {
        std::ofstream out(path);
        if (!out)
            fail(ErrorCode::Io, "cannot open for writing");
        out << "x,y,intensity,coordination,ring_sizes,bond_strain,angle_strain\n";
        char buf[160];
        for (const AtomColumn& a : lattice.atoms) {
            std::string rings;
            for (int r : a.ringSizes)
                rings += (rings.empty() ? "" : ";") + std::to_string(r);
            std::snprintf(buf, sizeof buf, "%.2f,%.2f,%.3f,%d,", a.x, a.y, a.intensity, a.coordination);
            out << buf << rings;
            std::snprintf(buf, sizeof buf, ",%.4f,%.2f\n", a.bondStrain, a.angleStrain);
            out << buf;
        }
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

} // namespace ds
