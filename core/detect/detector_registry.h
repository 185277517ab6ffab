#pragma once
// The list of detectors the product offers, by id. One table in detector_registry.cpp; adding a
// detector means adding one line there.
#include "core/common/result.h"
#include "core/detect/detector.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct DetectorInfo {
    std::string id;
    std::string displayName;
    bool needsLabels = false;
    std::optional<double> calibratedThreshold; // see Detector::calibratedThreshold()
};

std::vector<DetectorInfo> availableDetectors();
Result<std::unique_ptr<Detector>> createDetector(const std::string& id);
// The calibrated threshold of detector `id`; empty for rank-only detectors and unknown ids.
std::optional<double> calibratedThresholdOf(const std::string& id);

} // namespace ds
