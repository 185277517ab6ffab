#pragma once
// AtomLayout: the atom columns of a synthetic field before rendering - honeycomb generation, removal
// and neighbour queries through a uniform spatial hash. Removal only flags an atom, so indices stay
// stable while defects are being built. Single-threaded value type owned by one generator call.
#include "core/synth/synthetic_graphene.h"

#include <functional>
#include <vector>

#include <opencv2/core.hpp>

namespace ds::synth {

class AtomLayout {
public:
    // `cellPx` is the hash cell size (about one bond length); the field is width x height pixels.
    AtomLayout(int width, int height, double cellPx);

    int add(double x, double y, int z = 6);
    void remove(int index) { m_removed[index] = true; }
    bool removed(int index) const { return m_removed[index]; }
    int size() const { return static_cast<int>(m_atoms.size()); }
    SynthAtom& atom(int index) { return m_atoms[index]; }
    const SynthAtom& atom(int index) const { return m_atoms[index]; }

    // Moves an atom and keeps the spatial hash consistent.
    void move(int index, double x, double y);

    // Live atoms within `radius` of (x, y), excluding `except`.
    std::vector<int> within(double x, double y, double radius, int except = -1) const;

    // The live atoms, in index order.
    std::vector<SynthAtom> liveAtoms() const;

private:
    int cellOf(double x, double y) const;
    void unlink(int index);

    int m_width, m_height;
    double m_cell;
    int m_cols, m_rows;
    std::vector<SynthAtom> m_atoms;
    std::vector<bool> m_removed;
    std::vector<std::vector<int>> m_cells;
};

// Appends a honeycomb lattice (bond `bondPx`, rotated by `rotationDeg` about the field centre and
// shifted by `offset`) covering the field plus a margin of two bonds, keeping only the sites for
// which `keep(x, y)` is true.
void addHoneycomb(AtomLayout& layout, int width, int height, double bondPx, double rotationDeg,
                  cv::Point2d offset, const std::function<bool(double, double)>& keep);

} // namespace ds::synth
