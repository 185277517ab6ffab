#include "core/detect/detector_registry.h"

#include "core/detect/auto_detector.h"
#include "core/detect/bragg_detector.h"
#include "core/detect/cae_detector.h"
#include "core/detect/dense_detector.h"
#include "core/detect/isolation_forest.h"
#include "core/detect/knn_detector.h"
#include "core/detect/lattice_detector.h"
#include "core/detect/one_class_svm.h"

#include <functional>

namespace ds {

namespace {

struct Entry {
    const char* id;
    std::function<std::unique_ptr<Detector>()> create;
};

// THE table of detectors. Adding a detector = one line here (plus its files in core/detect).
// Lattice engineer: add the lattice-aware detectors ("lattice", "bragg") and the default "auto"
// ensemble here, e.g.  {"lattice", [] { return std::make_unique<LatticeDetector>(); }},
const std::vector<Entry>& table() {
    static const std::vector<Entry> entries = {
        {"iforest", [] { return std::make_unique<IsolationForest>(); }},
        {"ocsvm", [] { return std::make_unique<OneClassSvm>(); }},
        {"knn", [] { return std::make_unique<KnnDetector>(); }},
        {"dense", [] { return std::make_unique<DenseDetector>(); }},
        {"cae", [] { return std::make_unique<CaeDetector>(); }},
        // ---- lattice-aware detectors ("lattice", "bragg", "auto") go below this line ----
        {"lattice", [] { return std::make_unique<LatticeDetector>(); }},
        {"auto", [] { return std::make_unique<AutoDetector>(); }},
        {"bragg", [] { return std::make_unique<BraggDetector>(); }},
    };
    return entries;
}

} // namespace

std::vector<DetectorInfo> availableDetectors() {
    std::vector<DetectorInfo> out;
    for (const Entry& e : table()) {
        const auto d = e.create();
        out.push_back({d->id(), d->displayName(), d->needsLabels(), d->calibratedThreshold()});
    }
    return out;
}

Result<std::unique_ptr<Detector>> createDetector(const std::string& id) {
    std::string known;
    for (const Entry& e : table()) {
        if (id == e.id)
            return e.create();
        known += (known.empty() ? "" : ", ") + std::string(e.id);
    }
    return make_error(ErrorCode::InvalidArgument, "unknown detector '" + id + "' (available: " + known + ")");
}

std::optional<double> calibratedThresholdOf(const std::string& id) {
    for (const Entry& e : table())
        if (id == e.id)
            return e.create()->calibratedThreshold();
    return std::nullopt;
}

} // namespace ds
