#include "core/report/reproduce.h"

#include <cstdio>

namespace ds {

namespace {
// Shortest text that reads back to the same double (17 significant digits).
std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
} // namespace

std::vector<std::string> reproduceArgv(const ScoreReport& r, const std::string& imagePath,
                                       const std::string& labelsCsv) {
    if (imagePath.empty())
        return {};
    const RunSpec& s = r.spec;
    const GridSpec& g = r.grid.spec();
    std::vector<std::string> argv = {"defectscope-cli", "score", imagePath, "--out", "OUT",
                                     "--detector", s.detector, "--features", r.features,
                                     "--resample", std::to_string(s.resample), "--seed", std::to_string(s.seed),
                                     // The grid the scores belong to, also when it was automatic:
                                     // the command then does not depend on the lattice estimate.
                                     "--patch", std::to_string(g.side), "--stride", std::to_string(g.stride),
                                     "--origin", std::to_string(g.originX) + "," + std::to_string(g.originY)};
    if (r.frame != 0)
        argv.insert(argv.end(), {"--frame", std::to_string(r.frame)});
    for (const auto& [name, value] : s.params) {
        argv.push_back("--param");
        argv.push_back(name + "=" + number(value));
    }
    if (!labelsCsv.empty()) {
        argv.insert(argv.end(), {"--labels", labelsCsv, "--no-truth"});
        if (s.mode == RunMode::Trained)
            argv.insert(argv.end(), {"--train", "--folds", std::to_string(s.folds)});
    } else if (r.labelSource != "truth") {
        argv.push_back("--no-truth");
    }
    if (s.threshold.value)
        argv.insert(argv.end(), {"--threshold", number(*s.threshold.value)});
    else if (s.threshold.contamination)
        argv.insert(argv.end(), {"--contamination", number(*s.threshold.contamination)});
    return argv;
}

} // namespace ds
