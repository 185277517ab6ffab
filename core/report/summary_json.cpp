#include "core/report/summary_json.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"

#include <fstream>

#include <dlib/revision.h>
#include <opencv2/core/version.hpp>

namespace ds {

namespace {

nlohmann::json axisJson(const AxisCalibration& a) {
    return {{"scale", a.scale}, {"origin", a.origin}, {"unit", a.unit}};
}

template <class T> nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json versionsJson() {
    return {{"defectscope", DEFECTSCOPE_VERSION},
            {"opencv", CV_VERSION},
            {"dlib", std::to_string(DLIB_MAJOR_VERSION) + "." + std::to_string(DLIB_MINOR_VERSION) + "." +
                         std::to_string(DLIB_PATCH_VERSION)},
            {"nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_PATCH)}};
}

nlohmann::json summaryJson(const ScoreReport& r) {
    nlohmann::json j;
    j["image"] = r.image;
    j["width"] = r.imageWidth;
    j["height"] = r.imageHeight;
    j["calibration"] = {{"x", axisJson(r.x)},
                        {"y", axisJson(r.y)},
                        {"nm_per_pixel", orNull(r.x.nmPerPixel())},
                        {"source", r.calibrationSource}};
    const GridSpec& g = r.grid.spec();
    j["grid"] = {{"side", g.side},          {"stride", g.stride},         {"origin_x", g.originX},
                 {"origin_y", g.originY},   {"columns", r.grid.columns()}, {"rows", r.grid.rows()}};
    j["patches"] = r.grid.size();
    j["detector"] = r.detector;
    j["features"] = r.features;
    j["parameters"] = r.params;
    j["seed"] = r.seed;
    if (r.lattice)
        j["lattice"] = {{"bond_px", r.lattice->bondPx},
                        {"orientation_deg", r.lattice->orientationDeg},
                        {"confidence", r.lattice->confidence}};
    else
        j["lattice"] = nullptr;
    j["labels"] = r.labelSource.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.labelSource);
    j["labelled_defect_patches"] = r.labels.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.labelledDefects());
    j["auroc"] = orNull(r.auroc);
    j["auroc_ci95"] = r.aurocCi ? nlohmann::json::array({r.aurocCi->low, r.aurocCi->high}) : nlohmann::json(nullptr);
    j["threshold"] = r.threshold;
    j["threshold_rule"] = r.thresholdRule;
    j["defect_patches"] = r.predictedDefects();
    j["defect_sites"] = r.defectSites();
    j["analysed_area_nm2"] = orNull(r.analysedAreaNm2());
    j["defect_density_per_nm2"] = orNull(r.defectDensityPerNm2());
    j["notes"] = r.notes; // e.g. why the automatic grid did not come from the lattice
    j["seconds"] = r.seconds;
    j["versions"] = versionsJson();
    return j;
}

Status writeJsonFile(const std::string& path, const nlohmann::json& json) {
    return guarded(path, [&] {
        AtomicFile file(path);
        {
            std::ofstream out(file.tempPath(), std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "cannot create file");
            out << json.dump(2) << '\n';
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        if (auto st = file.commit(); !st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
