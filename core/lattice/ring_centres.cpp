#include "core/lattice/ring_centres.h"

#include "core/common/guard.h"
#include "core/common/robust_stats.h"
#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {

// The hole filters of findRingCentres, in bond lengths. The columns of a regular n-membered carbon
// ring sit one circumradius from its centre, 1 / (2 sin(pi / n)) bonds: a hexagon's 1.0, a
// pentagon's 0.85, a heptagon's 1.15. An atom column is about 0.3 bond wide (rms) at atomic
// resolution: each filter's rim is a ring at its circumradius with the cross-section of a column,
// its centre a disc well inside the columns (0.35 of the circumradius: 0.35 bond for a hexagon).
constexpr double kHoleCentreOfCircumradius = 0.35;
constexpr double kHoleRimWidthBonds = 0.25;
// The rings a carbon sheet is made of: hexagons, and the pentagons and heptagons of grain
// boundaries, dislocations and Stone-Wales defects. A pentagon's hole is small and its columns
// crowd it: through the hexagon's filter alone (rim outside its columns) the grain boundary's
// pentagons went missing in many noise realisations at 3 counts/px (4 of its 8 in Poisson seed 2),
// each missed pentagon turning its heptagon into an apparent hexagon. Larger rings (8 and more, at
// vacancies) are deep holes the hexagon's filter finds: an octagon's filter changed nothing on the
// synthetic divacancies (auto AUROC 0.959 with or without it).
constexpr int kRingSizesSearched[] = {6, 5, 7};
double circumradiusBonds(int n) { return 1.0 / (2.0 * std::sin(M_PI / n)); }
// A hole counts only where the lattice signal in the filter response carries at least as much power
// as the noise (local response power over the noise power >= 1 + this): in vacuum, holes in the
// sheet and amorphous or flat regions the response is noise alone (ratio ~1) and its maxima are not
// holes. The local power is averaged over one lattice constant, a few holes.
constexpr double kMinLatticeToNoisePower = 1.0;

// A normalised 2-D Gaussian of `sigma` on a side x side grid (side odd).
cv::Mat gaussianKernel(int side, double sigma) {
    const cv::Mat g = cv::getGaussianKernel(side, sigma, CV_32F);
    return g * g.t();
}

// A ring of radius `radius` with a Gaussian cross-section of `width`, normalised to sum 1.
cv::Mat rimKernel(double radius, double width) {
    const int h = static_cast<int>(std::ceil(radius + 3 * width));
    cv::Mat k(2 * h + 1, 2 * h + 1, CV_32F);
    for (int y = -h; y <= h; ++y)
        for (int x = -h; x <= h; ++x) {
            const double d = std::hypot(x, y) - radius;
            k.at<float>(y + h, x + h) = static_cast<float>(std::exp(-d * d / (2 * width * width)));
        }
    return k / cv::sum(k)[0];
}

// The white-noise standard deviation of one pixel of `m`: the robust spread of the differences of
// horizontally adjacent pixels, over sqrt(2). Resampled to ~8 px per bond the lattice changes little
// from one pixel to the next, so at low dose the differences are noise; at high dose the lattice
// adds to them and the estimate errs high, where the lattice stands far above it anyway.
double pixelNoise(const cv::Mat& m) {
    std::vector<float> d;
    const int step = std::max(1, static_cast<int>(m.total() / 262144)); // ~256k samples suffice
    d.reserve(m.total() / step + 1);
    for (int y = 0; y < m.rows; ++y) {
        const float* row = m.ptr<float>(y);
        for (int x = (y * 7) % step; x + 1 < m.cols; x += step)
            d.push_back(row[x + 1] - row[x]);
    }
    return robustScale(std::move(d)).sigma / std::sqrt(2.0);
}

void checkRingInputs(const cv::Mat& image, const LatticeEstimate& estimate) {
    if (image.empty() || image.channels() != 1 || !(estimate.bondPx > 1.0))
        fail(ErrorCode::InvalidArgument, "needs an image and a lattice estimate");
}

// findRingCentres on the robustNormalize()d frame; throws (callers wrap it in guarded()).
std::vector<RingCentre> ringsOfNormalized(const cv::Mat& normalized, const LatticeEstimate& estimate,
                                          const RunControl& rc) {
    // Work where a bond spans ~8 px: holes are ~1.7 bonds apart, plenty of pixels to locate them.
    const double scale = std::min(1.0, 8.0 / estimate.bondPx);
    // `normalized` is the caller's and may be read by another finder at the same time: never
    // written, only resampled or negated (holes become maxima) into a new matrix.
    cv::Mat work;
    if (scale < 1.0) {
        cv::resize(normalized, work, cv::Size(), scale, scale, cv::INTER_AREA);
        if (estimate.brightAtoms)
            work = -work;
    } else {
        work = estimate.brightAtoms ? cv::Mat(-normalized) : normalized;
    }
    const double bond = estimate.bondPx * scale, a = std::sqrt(3.0) * bond;
    // Matched filters for a hole, one per ring size: the mean over the hole minus the mean over the
    // ring of columns around it. Under shot noise this contrast is what tells a hole from its
    // surroundings. The earlier plain blur compared with a wide local mean (which averages in the
    // neighbouring holes) lost about 1.5x in signal to noise. Each kernel sums to zero, so the
    // response is free of background drift and a hole is a positive maximum. Each response is
    // measured in its own noise (the frame's pixel noise through the kernel: white noise, sigma
    // times the kernel's L2 norm), so the three compare as evidence; `depth` is that z-score.
    // A hole of any searched size is a maximum of the largest of the three z-scores.
    const double pixelSigma = pixelNoise(work);
    cv::Mat z, power;
    for (int sides : kRingSizesSearched) {
        const double radius = circumradiusBonds(sides) * bond, centreSigma = kHoleCentreOfCircumradius * radius;
        const cv::Mat rim = rimKernel(radius, kHoleRimWidthBonds * bond);
        cv::Mat centre, surround, zn;
        cv::GaussianBlur(work, centre, cv::Size(), centreSigma);
        cv::filter2D(work, surround, CV_32F, rim, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
        const double noise = std::max(1e-6, pixelSigma * cv::norm(gaussianKernel(rim.rows, centreSigma) - rim));
        cv::subtract(centre, surround, zn);
        zn *= 1.0 / noise;
        rc.throwIfStopped();
        if (z.empty()) {
            // Lattice presence from the hexagon filter (searched first): the local power of its
            // response in units of the noise power (see kMinLatticeToNoisePower).
            cv::multiply(zn, zn, power);
            cv::GaussianBlur(power, power, cv::Size(), a);
            z = zn;
        } else {
            cv::max(z, zn, z);
        }
    }
    const float minPower = static_cast<float>(1.0 + kMinLatticeToNoisePower);
    const int r = std::max(1, static_cast<int>(std::lround(0.3 * a)));
    cv::Mat dil;
    cv::dilate(z, dil, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * r + 1, 2 * r + 1)));
    rc.throwIfStopped();

    std::vector<RingCentre> out;
    for (int y = 1; y < z.rows - 1; ++y) {
        const float* s = z.ptr<float>(y);
        const float* d = dil.ptr<float>(y);
        const float* p = power.ptr<float>(y);
        for (int x = 1; x < z.cols - 1; ++x) {
            if (s[x] < d[x] || s[x] <= 0.0f || p[x] < minPower || s[x - 1] == s[x] || z.at<float>(y - 1, x) == s[x])
                continue;
            auto par = [](double l, double c, double rr) {
                const double den = l - 2 * c + rr;
                return den < 0 ? std::clamp(0.5 * (l - rr) / den, -0.5, 0.5) : 0.0;
            };
            RingCentre c;
            c.x = (x + par(s[x - 1], s[x], s[x + 1]) + 0.5) / scale;
            c.y = (y + par(z.at<float>(y - 1, x), s[x], z.at<float>(y + 1, x)) + 0.5) / scale;
            c.depth = s[x];
            out.push_back(c);
        }
    }
    rc.throwIfStopped();
    if (out.size() < 3)
        return out;
    // Delaunay triangles; vertices are matched back to centres by their exact float coordinates.
    cv::Subdiv2D subdiv(cv::Rect(-2, -2, normalized.cols + 4, normalized.rows + 4));
    std::map<std::pair<float, float>, int> idOf;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const cv::Point2f p(static_cast<float>(out[i].x), static_cast<float>(out[i].y));
        if (idOf.emplace(std::make_pair(p.x, p.y), static_cast<int>(i)).second)
            subdiv.insert(p);
    }
    std::vector<cv::Vec6f> triangles;
    subdiv.getTriangleList(triangles);
    std::vector<std::set<int>> nb(out.size());
    const double aPx = std::sqrt(3.0) * estimate.bondPx;
    for (const cv::Vec6f& t : triangles) {
        int id[3];
        bool ok = true;
        for (int k = 0; k < 3; ++k) {
            auto it = idOf.find({t[2 * k], t[2 * k + 1]});
            ok = ok && it != idOf.end();
            id[k] = ok ? it->second : -1;
        }
        if (!ok)
            continue; // a triangle touching Subdiv2D's virtual outer vertices
        for (int k = 0; k < 3; ++k) {
            const int o1 = id[k], o2 = id[(k + 1) % 3];
            // Long edges across vacuum or along the hull join rings that do not touch.
            if (std::hypot(out[o1].x - out[o2].x, out[o1].y - out[o2].y) > 1.6 * aPx)
                continue;
            nb[o1].insert(o2);
            nb[o2].insert(o1);
        }
    }
    const double margin = 1.5 * aPx;
    for (std::size_t i = 0; i < out.size(); ++i) {
        RingCentre& c = out[i];
        c.ringSize = static_cast<int>(nb[i].size());
        c.neighbours.assign(nb[i].begin(), nb[i].end());
        double strain = 0;
        for (int j : nb[i])
            strain += std::fabs(std::hypot(out[j].x - c.x, out[j].y - c.y) / aPx - 1.0);
        c.edgeStrain = nb[i].empty() ? 1.0 : strain / nb[i].size();
        c.interior = c.x > margin && c.y > margin && c.x < normalized.cols - margin && c.y < normalized.rows - margin;
    }
    return out;
}

} // namespace

Result<std::vector<RingCentre>> findRingCentres(const cv::Mat& image, const LatticeEstimate& estimate,
                                                const RunControl& rc) {
    return guarded("ring centres", [&] {
        checkRingInputs(image, estimate);
        return ringsOfNormalized(robustNormalize(image), estimate, rc);
    });
}

Result<std::vector<RingCentre>> findRingCentres(const NormalizedFrame& frame, const LatticeEstimate& estimate,
                                                const RunControl& rc) {
    return guarded("ring centres", [&] {
        checkRingInputs(frame.pixels, estimate);
        return ringsOfNormalized(frame.pixels, estimate, rc);
    });
}

} // namespace ds
