// buildBondGraph(): neighbours within a cut-off, rings as faces of the planar bond graph, strain.
#include "core/lattice/atom_lattice.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ds {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Uniform grid of cells one cut-off wide: neighbour queries touch 3 x 3 cells.
class CellIndex {
public:
    CellIndex(const std::vector<AtomColumn>& atoms, double cell) : m_cell(cell) {
        for (int i = 0; i < static_cast<int>(atoms.size()); ++i)
            m_cells[key(cellOf(atoms[i].x), cellOf(atoms[i].y))].push_back(i);
    }
    template <class F> void forNear(double x, double y, F&& f) const {
        const long cx = cellOf(x), cy = cellOf(y);
        for (long dy = -1; dy <= 1; ++dy)
            for (long dx = -1; dx <= 1; ++dx) {
                auto it = m_cells.find(key(cx + dx, cy + dy));
                if (it != m_cells.end())
                    for (int j : it->second)
                        f(j);
            }
    }

private:
    long cellOf(double v) const { return static_cast<long>(std::floor(v / m_cell)); }
    static long long key(long x, long y) { return (static_cast<long long>(x) << 32) ^ (y & 0xffffffffLL); }
    double m_cell;
    std::unordered_map<long long, std::vector<int>> m_cells;
};

} // namespace

void buildBondGraph(AtomLattice& lattice, int imageWidth, int imageHeight, double neighbourCut) {
    auto& atoms = lattice.atoms;
    const double bond = lattice.bondPx;
    const double cut = neighbourCut * bond;
    const int n = static_cast<int>(atoms.size());
    CellIndex index(atoms, cut);
    for (int i = 0; i < n; ++i) {
        AtomColumn& a = atoms[i];
        a.neighbours.clear();
        a.ringSizes.clear();
        index.forNear(a.x, a.y, [&](int j) {
            if (j != i && std::hypot(atoms[j].x - a.x, atoms[j].y - a.y) < cut)
                a.neighbours.push_back(j);
        });
        // Angular order around the atom: the face walk below relies on it.
        std::sort(a.neighbours.begin(), a.neighbours.end(), [&](int p, int q) {
            return std::atan2(atoms[p].y - a.y, atoms[p].x - a.x) < std::atan2(atoms[q].y - a.y, atoms[q].x - a.x);
        });
        a.coordination = static_cast<int>(a.neighbours.size());
        const double margin = 1.2 * bond;
        a.interior = a.x > margin && a.y > margin && a.x < imageWidth - margin && a.y < imageHeight - margin;
        a.bondStrain = 0;
        a.angleStrain = 0;
        const int deg = a.coordination;
        for (int k = 0; k < deg; ++k) {
            const AtomColumn& b = atoms[a.neighbours[k]];
            a.bondStrain = std::max(a.bondStrain, std::fabs(std::hypot(b.x - a.x, b.y - a.y) / bond - 1.0));
            if (deg >= 2) {
                const AtomColumn& c = atoms[a.neighbours[(k + 1) % deg]];
                double d = std::atan2(c.y - a.y, c.x - a.x) - std::atan2(b.y - a.y, b.x - a.x);
                if (d <= 0)
                    d += 2 * kPi;
                a.angleStrain = std::max(a.angleStrain, std::fabs(d * 180.0 / kPi - 120.0));
            }
        }
    }

    // Faces: leave u along (u -> v), turn to the neighbour of v that precedes u in v's angular order.
    // Every directed edge belongs to exactly one face; in image coordinates (y down) the bounded
    // faces all share one orientation and the unbounded boundary walk has the other.
    std::vector<std::vector<char>> used(n);
    for (int i = 0; i < n; ++i)
        used[i].assign(atoms[i].neighbours.size(), 0);
    auto slot = [&](int v, int u) {
        const auto& nb = atoms[v].neighbours;
        return static_cast<int>(std::find(nb.begin(), nb.end(), u) - nb.begin());
    };
    lattice.rings.clear();
    std::vector<int> face;
    for (int s = 0; s < n; ++s) {
        for (int e = 0; e < static_cast<int>(atoms[s].neighbours.size()); ++e) {
            if (used[s][e])
                continue;
            face.clear();
            int u = s, k = e;
            double area2 = 0;
            bool closed = false;
            for (int step = 0; step <= 4 * AtomLattice::kMaxRing; ++step) {
                used[u][k] = 1;
                face.push_back(u);
                const int v = atoms[u].neighbours[k];
                area2 += atoms[u].x * atoms[v].y - atoms[v].x * atoms[u].y;
                const int deg = static_cast<int>(atoms[v].neighbours.size());
                const int back = slot(v, u);
                const int next = (back - 1 + deg) % deg;
                u = v;
                k = next;
                if (u == s && k == e) {
                    closed = true;
                    break;
                }
                if (used[u][k])
                    break; // walked into a face already recorded (non-planar crossing): give up
            }
            if (!closed || face.size() < 3 || static_cast<int>(face.size()) > AtomLattice::kMaxRing || area2 <= 0)
                continue;
            AtomRing ring;
            ring.atoms = face;
            for (int a : face) {
                ring.centre.x += atoms[a].x / face.size();
                ring.centre.y += atoms[a].y / face.size();
                ring.interior = ring.interior && atoms[a].interior;
            }
            lattice.rings.push_back(std::move(ring));
        }
    }
    for (const AtomRing& r : lattice.rings)
        for (int a : r.atoms)
            atoms[a].ringSizes.push_back(static_cast<int>(r.atoms.size()));
}

} // namespace ds
