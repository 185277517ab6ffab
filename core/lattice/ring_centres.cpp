#include "core/lattice/ring_centres.h"

#include "core/common/guard.h"
#include "core/lattice/lattice_spectrum.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <opencv2/imgproc.hpp>

namespace ds {

Result<std::vector<RingCentre>> findRingCentres(const cv::Mat& image, const LatticeEstimate& estimate,
                                                const RunControl& rc) {
    return guarded("ring centres", [&]() -> std::vector<RingCentre> {
        if (image.empty() || image.channels() != 1 || !(estimate.bondPx > 1.0))
            fail(ErrorCode::InvalidArgument, "needs an image and a lattice estimate");
        // Work where a bond spans ~8 px: holes are ~1.7 bonds apart, plenty of pixels to locate them.
        const double scale = std::min(1.0, 8.0 / estimate.bondPx);
        cv::Mat work = robustNormalize(image);
        if (scale < 1.0)
            cv::resize(work, work, cv::Size(), scale, scale, cv::INTER_AREA);
        if (estimate.brightAtoms)
            work = -work; // holes become maxima
        const double bond = estimate.bondPx * scale, a = std::sqrt(3.0) * bond;
        cv::Mat smooth, local, dil;
        // Heavy smoothing: a hole is a ~bond-wide dip, the atoms around it may blur together.
        cv::GaussianBlur(work, smooth, cv::Size(), 0.35 * bond);
        cv::GaussianBlur(smooth, local, cv::Size(), a);
        cv::Mat dev;
        cv::absdiff(smooth, local, dev);
        double med = 0, spread = 1;
        robustStats(dev, med, spread);
        spread = std::max(1e-6, med);
        const int r = std::max(1, static_cast<int>(std::lround(0.3 * a)));
        cv::dilate(smooth, dil, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * r + 1, 2 * r + 1)));
        rc.throwIfStopped();

        std::vector<RingCentre> out;
        for (int y = 1; y < smooth.rows - 1; ++y) {
            const float* s = smooth.ptr<float>(y);
            const float* d = dil.ptr<float>(y);
            const float* m = local.ptr<float>(y);
            for (int x = 1; x < smooth.cols - 1; ++x) {
                if (s[x] < d[x] || s[x] <= m[x] || s[x - 1] == s[x] || smooth.at<float>(y - 1, x) == s[x])
                    continue;
                auto par = [](double l, double c, double rr) {
                    const double den = l - 2 * c + rr;
                    return den < 0 ? std::clamp(0.5 * (l - rr) / den, -0.5, 0.5) : 0.0;
                };
                RingCentre c;
                c.x = (x + par(s[x - 1], s[x], s[x + 1]) + 0.5) / scale;
                c.y = (y + par(smooth.at<float>(y - 1, x), s[x], smooth.at<float>(y + 1, x)) + 0.5) / scale;
                c.depth = (s[x] - m[x]) / spread;
                out.push_back(c);
            }
        }
        rc.throwIfStopped();
        if (out.size() < 3)
            return out;
        // Delaunay triangles; vertices are matched back to centres by their exact float coordinates.
        cv::Subdiv2D subdiv(cv::Rect(-2, -2, image.cols + 4, image.rows + 4));
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
            c.interior = c.x > margin && c.y > margin && c.x < image.cols - margin && c.y < image.rows - margin;
        }
        return out;
    });
}

} // namespace ds
