#include "core/analysis/run_spec.h"

#include "core/common/guard.h"
#include "core/detect/detector_registry.h"
#include "core/features/resample_side.h"
#include "core/grid/grid_json.h"

#include <cmath>

namespace ds {

Result<std::unique_ptr<Detector>> makeDetector(const RunSpec& spec) {
    return guarded("", [&]() -> std::unique_ptr<Detector> {
        auto detector = unwrap(createDetector(spec.detector));
        for (const auto& [name, value] : spec.params)
            check(detector->setParameter(name, value));
        if (!spec.params.count("seed"))
            for (const ParamSpec& p : detector->parameters())
                if (p.name == "seed") // parameters are at most 1e9 (ParamSpec range)
                    check(detector->setParameter("seed", static_cast<double>(spec.seed % 1000000000ull)));
        return detector;
    });
}

Result<RunSpec> resolveRunSpec(const RunSpec& spec) {
    return guarded("", [&]() -> RunSpec {
        check(checkResampleSide(spec.resample));
        if (spec.folds < 2 || spec.folds > 100)
            fail(ErrorCode::InvalidArgument, "folds " + std::to_string(spec.folds) + " is outside 2..100");
        const auto detector = unwrap(makeDetector(spec));
        RunSpec out = spec;
        if (out.features.empty())
            out.features = detector->defaultFeatures();
        for (const ParamSpec& p : detector->parameters())
            out.params[p.name] = detector->parameter(p.name);
        return out;
    });
}

const char* runModeName(RunMode mode) { return mode == RunMode::Trained ? "trained" : "self"; }

nlohmann::json runSpecToJson(const RunSpec& s) {
    nlohmann::json threshold = nlohmann::json::object();
    if (s.threshold.value)
        threshold["value"] = *s.threshold.value;
    if (s.threshold.contamination)
        threshold["contamination"] = *s.threshold.contamination;
    return {{"detector", s.detector},
            {"features", s.features},
            {"parameters", s.params},
            {"seed", s.seed},
            {"resample", s.resample},
            {"grid", s.grid ? gridSpecToJson(*s.grid) : nlohmann::json("auto")},
            {"mode", runModeName(s.mode)},
            {"folds", s.folds},
            {"threshold", threshold}};
}

Result<RunSpec> runSpecFromJson(const nlohmann::json& j) {
    return guarded("run spec", [&]() -> RunSpec {
        if (!j.is_object())
            fail(ErrorCode::Format, "not a JSON object");
        RunSpec s;
        s.detector = j.at("detector").get<std::string>();
        s.features = j.value("features", std::string());
        if (j.contains("parameters"))
            for (const auto& [name, value] : j.at("parameters").items()) {
                const double v = value.get<double>();
                if (!std::isfinite(v))
                    fail(ErrorCode::Format, "parameter '" + name + "' is not a finite number");
                s.params[name] = v;
            }
        s.seed = j.value("seed", std::uint64_t{0});
        s.resample = j.value("resample", kDefaultResample);
        if (j.contains("grid") && !j.at("grid").is_string())
            s.grid = unwrap(gridSpecFromJson(j.at("grid")));
        const std::string mode = j.value("mode", std::string("self"));
        if (mode != "self" && mode != "trained")
            fail(ErrorCode::Format, "mode '" + mode + "' is neither \"self\" nor \"trained\"");
        s.mode = mode == "trained" ? RunMode::Trained : RunMode::Self;
        s.folds = j.value("folds", kDefaultFolds);
        if (j.contains("threshold")) {
            const auto& t = j.at("threshold");
            if (t.contains("value"))
                s.threshold.value = t.at("value").get<double>();
            if (t.contains("contamination"))
                s.threshold.contamination = t.at("contamination").get<double>();
        }
        return s;
    });
}

} // namespace ds
