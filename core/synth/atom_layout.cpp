#include "core/synth/atom_layout.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ds::synth {

namespace {
constexpr int kMarginCells = 3; // atoms may sit a little outside the field (they still light its edge)
}

AtomLayout::AtomLayout(int width, int height, double cellPx)
    : m_width(width), m_height(height), m_cell(std::max(1.0, cellPx)) {
    m_cols = static_cast<int>(std::ceil(width / m_cell)) + 2 * kMarginCells;
    m_rows = static_cast<int>(std::ceil(height / m_cell)) + 2 * kMarginCells;
    m_cells.resize(static_cast<size_t>(m_cols) * m_rows);
}

int AtomLayout::cellOf(double x, double y) const {
    const int c = std::clamp(static_cast<int>(std::floor(x / m_cell)) + kMarginCells, 0, m_cols - 1);
    const int r = std::clamp(static_cast<int>(std::floor(y / m_cell)) + kMarginCells, 0, m_rows - 1);
    return r * m_cols + c;
}

int AtomLayout::add(double x, double y, int z) {
    const int index = size();
    m_atoms.push_back({x, y, z});
    m_removed.push_back(false);
    m_cells[cellOf(x, y)].push_back(index);
    return index;
}

void AtomLayout::unlink(int index) {
    auto& cell = m_cells[cellOf(m_atoms[index].x, m_atoms[index].y)];
    cell.erase(std::remove(cell.begin(), cell.end(), index), cell.end());
}

void AtomLayout::move(int index, double x, double y) {
    unlink(index);
    m_atoms[index].x = x;
    m_atoms[index].y = y;
    m_cells[cellOf(x, y)].push_back(index);
}

std::vector<int> AtomLayout::within(double x, double y, double radius, int except) const {
    std::vector<int> out;
    const int reach = static_cast<int>(std::ceil(radius / m_cell));
    const int c0 = static_cast<int>(std::floor(x / m_cell)) + kMarginCells;
    const int r0 = static_cast<int>(std::floor(y / m_cell)) + kMarginCells;
    const double r2 = radius * radius;
    for (int r = std::max(0, r0 - reach); r <= std::min(m_rows - 1, r0 + reach); ++r)
        for (int c = std::max(0, c0 - reach); c <= std::min(m_cols - 1, c0 + reach); ++c)
            for (int i : m_cells[static_cast<size_t>(r) * m_cols + c]) {
                if (i == except || m_removed[i])
                    continue;
                const double dx = m_atoms[i].x - x, dy = m_atoms[i].y - y;
                if (dx * dx + dy * dy <= r2)
                    out.push_back(i);
            }
    std::sort(out.begin(), out.end()); // hash order depends on moves; callers want determinism
    return out;
}

std::vector<SynthAtom> AtomLayout::liveAtoms() const {
    std::vector<SynthAtom> out;
    out.reserve(m_atoms.size());
    for (int i = 0; i < size(); ++i)
        if (!m_removed[i])
            out.push_back(m_atoms[i]);
    return out;
}

void addHoneycomb(AtomLayout& layout, int width, int height, double bondPx, double rotationDeg,
                  cv::Point2d offset, const std::function<bool(double, double)>& keep) {
    // Lattice vectors a1 = a(sqrt3, 0), a2 = a(sqrt3/2, 3/2); basis atoms at (0,0) and (0,a): every
    // atom then has three neighbours at exactly one bond length.
    const double a = bondPx, s3 = std::sqrt(3.0);
    const double th = rotationDeg * std::numbers::pi / 180.0, ct = std::cos(th), st = std::sin(th);
    const cv::Point2d centre(width / 2.0 + offset.x, height / 2.0 + offset.y);
    const double reach = std::hypot(width, height) / 2.0 + 4 * a;
    const int n = static_cast<int>(std::ceil(reach / (1.5 * a))) + 2;
    const double basis[2][2] = {{0.0, 0.0}, {0.0, a}};
    for (int j = -n; j <= n; ++j)
        for (int i = -2 * n; i <= 2 * n; ++i)
            for (const auto& b : basis) {
                const double lx = i * s3 * a + j * s3 / 2 * a + b[0];
                const double ly = j * 1.5 * a + b[1];
                if (std::abs(lx) > reach || std::abs(ly) > reach)
                    continue;
                const double x = centre.x + ct * lx - st * ly, y = centre.y + st * lx + ct * ly;
                if (x < -2 * a || y < -2 * a || x > width + 2 * a || y > height + 2 * a)
                    continue;
                if (keep(x, y))
                    layout.add(x, y);
            }
}

} // namespace ds::synth
