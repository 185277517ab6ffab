#include "core/detect/ring_support.h"

#include "core/common/robust_stats.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ds {

namespace {
// Direction (radians) of the bisector of the largest angular gap between the ring's neighbours.
bool largestGapDirection(const RingCentre& r, const std::vector<RingCentre>& all, double& direction) {
    std::vector<double> angle;
    for (int j : r.neighbours)
        angle.push_back(std::atan2(all[j].y - r.y, all[j].x - r.x));
    if (angle.size() < 2)
        return false;
    std::sort(angle.begin(), angle.end());
    double best = -1;
    for (std::size_t k = 0; k < angle.size(); ++k) {
        const double gap = k + 1 < angle.size() ? angle[k + 1] - angle[k] : angle[0] + 2 * M_PI - angle[k];
        if (gap > best) {
            best = gap;
            direction = angle[k] + 0.5 * gap;
        }
    }
    return true;
}
} // namespace

RingSupportFrame ringSupportFrame(const std::vector<RingCentre>& rings) {
    std::vector<double> strain;
    for (const RingCentre& r : rings)
        if (r.interior && r.ringSize == 6)
            strain.push_back(r.edgeStrain);
    RingSupportFrame f;
    if (strain.empty()) {
        f.spacingScatter = 0.1; // no hexagon to measure: assume a strongly distorted lattice
        return f;
    }
    // edgeStrain is a mean absolute deviation; 1.25 x MAD is the standard deviation of a normal.
    f.spacingScatter = std::max(0.01, 1.25 * medianInPlace(strain));
    return f;
}

std::vector<double> ringSupport(const std::vector<RingCentre>& rings, double latticeConst,
                                const RingSupportFrame& frame) {
    std::vector<double> support(rings.size(), 1.0);
    if (rings.empty() || !(latticeConst > 0))
        return support;
    // Bucket the centres (cell = one lattice constant) for the nearest-centre queries.
    const double cell = latticeConst;
    auto key = [&](double x, double y) {
        return (static_cast<long long>(std::floor(x / cell)) << 32) ^
               (static_cast<long long>(std::floor(y / cell)) & 0xffffffffLL);
    };
    std::unordered_map<long long, std::vector<int>> cells;
    for (std::size_t i = 0; i < rings.size(); ++i)
        cells[key(rings[i].x, rings[i].y)].push_back(static_cast<int>(i));
    for (std::size_t i = 0; i < rings.size(); ++i) {
        const RingCentre& r = rings[i];
        double direction = 0;
        if (r.ringSize >= 6 || !largestGapDirection(r, rings, direction))
            continue;
        // Where the missing sixth neighbour would sit if this were a hexagon beside a missed hole.
        const double sx = r.x + latticeConst * std::cos(direction), sy = r.y + latticeConst * std::sin(direction);
        double nearest = latticeConst; // the ring itself
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                auto it = cells.find(key(sx + dx * cell, sy + dy * cell));
                if (it == cells.end())
                    continue;
                for (int j : it->second)
                    nearest = std::min(nearest, std::hypot(rings[j].x - sx, rings[j].y - sy));
            }
        // Empty site (nearest = one lattice constant): support 0. A centre two scatter widths
        // nearer than a lattice neighbour can be: full support, with a linear ramp between.
        const double emptiness = nearest / latticeConst;
        support[i] = std::clamp((1.0 - emptiness) / (2.0 * frame.spacingScatter), 0.0, 1.0);
    }
    return support;
}

} // namespace ds
