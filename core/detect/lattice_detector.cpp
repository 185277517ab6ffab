#include "core/detect/lattice_detector.h"

#include "core/common/guard.h"
#include "core/detect/lattice_evidence.h"

#include <istream>
#include <ostream>

namespace ds {

namespace {
constexpr char kMagic[] = "lattice-detector-v1";

void requireImage(const FeatureMatrix& fm) {
    if (fm.image.empty() || fm.grid.empty())
        fail(ErrorCode::InvalidArgument, "needs the image and its patch grid (it cannot score pooled features)");
}
} // namespace

Status LatticeDetector::fit(const FeatureMatrix& features, std::span<const Label>, const RunControl& rc) {
    return guarded("lattice", [&] {
        requireImage(features);
        rc.throwIfStopped();
        // Nothing to learn: the reference is the ideal honeycomb itself.
    });
}

Result<std::vector<float>> LatticeDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("lattice", [&]() -> std::vector<float> {
        requireImage(features);
        auto ev = computeLatticeEvidence(features.image, rc, features.lattice);
        if (!ev)
            fail(ev.error().code, ev.error().message);
        rc.progress(1.0, "lattice: scored");
        return latticePatchScores(*ev, features.grid);
    });
}

Status LatticeDetector::save(std::ostream& out) const {
    return guarded("lattice", [&] {
        out << kMagic << "\n";
        if (!out)
            fail(ErrorCode::Io, "write failed");
    });
}

Status LatticeDetector::load(std::istream& in) {
    return guarded("lattice", [&] {
        std::string line;
        std::getline(in, line);
        if (line != kMagic)
            fail(ErrorCode::Format, "not a lattice detector model");
    });
}

} // namespace ds
