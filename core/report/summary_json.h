#pragma once
// The JSON summary of a report: image, calibration, grid, detector and parameters, AUROC with its
// interval where labels exist, threshold, defect patch count, defect density per nm^2, run time and
// the versions of DefectScope and its libraries. Plain functions; any thread.
#include "core/common/result.h"
#include "core/report/score_report.h"

#include <string>

#include <nlohmann/json.hpp>

namespace ds {

nlohmann::json summaryJson(const ScoreReport& report);
nlohmann::json versionsJson();

// Pretty-printed JSON, written to a temporary name and renamed into place.
Status writeJsonFile(const std::string& path, const nlohmann::json& json);

} // namespace ds
