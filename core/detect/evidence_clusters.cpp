#include "core/detect/evidence_clusters.h"

#include <cmath>
#include <numeric>
#include <unordered_map>

namespace ds {

namespace {
bool topological(EvidenceKind k) { return k != EvidenceKind::BrightColumn; }

int findRoot(std::vector<int>& parent, int i) {
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}
} // namespace

std::vector<EvidencePoint> mergeCompactDefects(const std::vector<EvidencePoint>& points, double bondPx,
                                               double linkBonds, double maxRadiusBonds) {
    const int n = static_cast<int>(points.size());
    if (n == 0 || !(bondPx > 0))
        return points;
    const double link = linkBonds * bondPx, maxRadius = maxRadiusBonds * bondPx;
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    // Bucket grid with cells of the link distance: neighbours are in the 3 x 3 cells around.
    auto key = [&](double x, double y) {
        return (static_cast<long long>(std::floor(x / link)) << 32) ^
               (static_cast<long long>(std::floor(y / link)) & 0xffffffffLL);
    };
    std::unordered_map<long long, std::vector<int>> cells;
    for (int i = 0; i < n; ++i)
        if (topological(points[i].kind) && points[i].weight > 0)
            cells[key(points[i].x, points[i].y)].push_back(i);
    for (const auto& [k, members] : cells)
        for (int i : members)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    auto it = cells.find(key(points[i].x + dx * link, points[i].y + dy * link));
                    if (it == cells.end())
                        continue;
                    for (int j : it->second)
                        if (j > i && std::hypot(points[j].x - points[i].x, points[j].y - points[i].y) < link)
                            parent[findRoot(parent, j)] = findRoot(parent, i);
                }
    std::unordered_map<int, std::vector<int>> groups;
    for (const auto& [k, members] : cells)
        for (int i : members)
            groups[findRoot(parent, i)].push_back(i);

    std::vector<EvidencePoint> out;
    for (int i = 0; i < n; ++i)
        if (!topological(points[i].kind) || !(points[i].weight > 0))
            out.push_back(points[i]);
    for (auto& [root, members] : groups) {
        double w = 0, cx = 0, cy = 0;
        int heaviest = members.front();
        for (int i : members) {
            w += points[i].weight;
            cx += points[i].weight * points[i].x;
            cy += points[i].weight * points[i].y;
            if (points[i].weight > points[heaviest].weight)
                heaviest = i;
        }
        cx /= w;
        cy /= w;
        bool compact = members.size() > 1;
        for (int i : members)
            compact = compact && std::hypot(points[i].x - cx, points[i].y - cy) <= maxRadius;
        if (!compact) {
            for (int i : members)
                out.push_back(points[i]);
            continue;
        }
        EvidencePoint merged = points[heaviest];
        merged.x = cx;
        merged.y = cy;
        merged.weight = w;
        for (int i : members)
            merged.parts.emplace_back(cv::Point2d(points[i].x, points[i].y), points[i].weight);
        out.push_back(merged);
    }
    return out;
}

} // namespace ds
