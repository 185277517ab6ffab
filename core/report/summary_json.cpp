#include "core/report/summary_json.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/common/utf8_text.h"
#include "core/grid/grid_json.h"

#include <fstream>


namespace ds {

namespace {

nlohmann::json axisJson(const AxisCalibration& a) {
    return {{"scale", a.scale}, {"origin", a.origin}, {"unit", a.unit}};
}

template <class T> nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json versionsJson() { return runVersions(); }

nlohmann::json summaryJson(const ScoreReport& r) {
    nlohmann::json j;
    j["image"] = validUtf8(r.image);
    j["width"] = r.imageWidth;
    j["height"] = r.imageHeight;
    j["frame"] = r.frame;
    j["frames"] = r.frames;
    j["calibration"] = {{"x", axisJson(r.x)},
                        {"y", axisJson(r.y)},
                        {"nm_per_pixel", orNull(r.x.nmPerPixel())},
                        {"source", r.calibrationSource}};
    j["grid"] = gridSpecToJson(r.grid.spec());
    j["grid"]["columns"] = r.grid.columns();
    j["grid"]["rows"] = r.grid.rows();
    j["patches"] = r.grid.size();
    j["detector"] = r.detector;
    j["features"] = r.features;
    j["parameters"] = r.spec.params;
    j["seed"] = r.spec.seed;
    j["mode"] = runModeName(r.spec.mode);
    j["run"] = runSpecToJson(r.spec);
    if (r.lattice)
        j["lattice"] = {{"bond_px", r.lattice->bondPx},
                        {"orientation_deg", r.lattice->orientationDeg},
                        {"confidence", r.lattice->confidence}};
    else
        j["lattice"] = nullptr;
    j["labels"] = r.labelSource.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.labelSource);
    j["labelled_defect_patches"] = r.labels.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.labelledDefects());
    j["auroc"] = orNull(r.auroc);
    j["auroc_kind"] = r.auroc ? nlohmann::json(r.aurocKind) : nlohmann::json(nullptr);
    j["auroc_ci95"] = r.aurocCi ? nlohmann::json::array({r.aurocCi->low, r.aurocCi->high}) : nlohmann::json(nullptr);
    j["threshold"] = r.threshold;
    j["threshold_rule"] = r.thresholdRule;
    j["defect_patches"] = r.predictedDefects();
    j["defect_sites"] = r.defectSites();
    j["analysed_area_nm2"] = orNull(r.analysedAreaNm2());
    j["defect_density_per_nm2"] = orNull(r.defectDensityPerNm2());
    j["notes"] = r.notes; // e.g. why the automatic grid did not come from the lattice
    j["seconds"] = r.seconds;
    j["versions"] = r.versions.empty() ? versionsJson() : nlohmann::json(r.versions);
    return j;
}

Status writeJsonFile(const std::string& path, const nlohmann::json& json) {
    return guarded(path, [&] {
        AtomicFile file(path);
        {
            std::ofstream out(file.tempPath(), std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "cannot create file");
            out << dumpJson(json) << '\n';
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        if (auto st = file.commit(); !st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
