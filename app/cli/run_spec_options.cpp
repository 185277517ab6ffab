#include "run_spec_options.h"

#include "core/detect/detector_registry.h"

#include <cmath>
#include <cstdio>

namespace ds::cli {

namespace {

Error usage(const std::string& message) { return Error{ErrorCode::InvalidArgument, message}; }

// A whole-string number, so "3x" or "" is refused rather than read as 3 or 0.
std::optional<double> parseNumber(const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size())
            return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string knownDetectors() {
    std::string known;
    for (const auto& d : availableDetectors())
        known += (known.empty() ? "" : ", ") + d.id;
    return known;
}

} // namespace

RunSpecOptions::RunSpecOptions(Enabled enabled) : m_enabled(enabled) {}

void RunSpecOptions::add(po::options_description& opts) {
    auto detector = po::value(&m_detector);
    if (m_enabled.detectorRequired)
        detector->required();
    opts.add_options()
        ("detector", detector, m_enabled.detectorRequired ? "detector id" : "detector id (default: auto)")
        ("features", po::value(&m_features), "feature id (default: the detector's own)")
        ("param", po::value(&m_params)->multitoken(), "detector parameter name=value (repeatable)")
        ("patch", po::value(&m_patch), "patch side in pixels (default: 4 bond lengths from the lattice estimate)")
        ("stride", po::value(&m_stride), "stride in pixels (default: patch / 2)")
        ("origin", po::value(&m_origin), "pixel X,Y of the first patch's top-left corner (default: 0,0)")
        ("resample", po::value(&m_resample)->default_value(kDefaultResample), "patches are resampled to this side")
        ("seed", po::value(&m_seed)->default_value(0), "random seed");
    if (m_enabled.mode)
        opts.add_options()
            ("train", "fit on the hand labels (--labels); labelled patches are scored out-of-fold")
            ("folds", po::value(&m_folds)->default_value(kDefaultFolds), "k of the out-of-fold scores with --train");
    if (m_enabled.threshold)
        opts.add_options()
            ("threshold", po::value<std::string>(), "fixed score threshold for 'predicted' (default: Youden with labels, else the detector's calibrated threshold (auto, lattice), else median + 3 MAD)")
            ("contamination", po::value<std::string>(), "flag this fraction of each image's patches, e.g. 0.05");
}

Result<RunSpec> RunSpecOptions::toSpec(const po::variables_map& vm) const {
    RunSpec spec;
    spec.detector = m_detector.empty() ? "auto" : m_detector;
    spec.features = m_features;
    spec.seed = m_seed;
    spec.resample = m_resample;
    spec.folds = m_folds;
    if (vm.count("train"))
        spec.mode = RunMode::Trained;
    if (vm.count("stride") && !vm.count("patch"))
        return usage("--stride needs --patch");
    if (vm.count("origin") && !vm.count("patch"))
        return usage("--origin needs --patch");
    if (vm.count("patch") && m_patch <= 0)
        return usage("--patch must be a positive number of pixels (got " + std::to_string(m_patch) + ")");
    if (vm.count("stride") && m_stride <= 0)
        return usage("--stride must be a positive number of pixels (got " + std::to_string(m_stride) + ")");
    if (vm.count("patch")) {
        GridSpec g{m_patch, vm.count("stride") ? m_stride : std::max(1, m_patch / 2), 0, 0};
        if (!m_origin.empty() && std::sscanf(m_origin.c_str(), "%d,%d", &g.originX, &g.originY) != 2)
            return usage("--origin expects X,Y in pixels (got '" + m_origin + "')");
        if (g.originX < 0 || g.originY < 0)
            return usage("--origin must not be negative");
        spec.grid = g;
    }
    for (const std::string& item : m_params) {
        const auto eq = item.find('=');
        const auto value = eq == std::string::npos || eq == 0 ? std::nullopt : parseNumber(item.substr(eq + 1));
        if (!value || !std::isfinite(*value))
            return usage("--param expects name=number (got '" + item + "')");
        spec.params[item.substr(0, eq)] = *value;
    }
    if (vm.count("threshold") && vm.count("contamination"))
        return usage("give either --threshold or --contamination, not both");
    if (vm.count("threshold")) {
        const auto t = parseNumber(vm["threshold"].as<std::string>());
        if (!t || !std::isfinite(*t))
            return usage("--threshold must be a finite number (got '" + vm["threshold"].as<std::string>() + "')");
        spec.threshold.value = *t;
    }
    if (vm.count("contamination")) {
        const auto c = parseNumber(vm["contamination"].as<std::string>());
        if (!c || !(*c > 0 && *c < 1))
            return usage("--contamination must be between 0 and 1 (got '" + vm["contamination"].as<std::string>() + "')");
        spec.threshold.contamination = *c;
    }
    if (!createDetector(spec.detector))
        return usage("unknown detector '" + spec.detector + "' (available: " + knownDetectors() + ")");
    auto resolved = resolveRunSpec(spec);
    if (!resolved)
        return usage(resolved.error().message);
    return resolved;
}

} // namespace ds::cli
