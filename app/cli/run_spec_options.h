#pragma once
// The command-line form of a RunSpec, shared by score, evaluate and train so that every GUI run has
// one command that reproduces it: --detector --features --param name=value --patch --stride
// --origin --resample --seed --train --folds --threshold --contamination. add() declares the
// options; toSpec() checks them (with messages naming the option) and resolves every default.
#include "cli_common.h"

#include "core/analysis/run_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::cli {

class RunSpecOptions {
public:
    struct Enabled {
        bool detectorRequired = false; // train: no default detector
        bool mode = true;              // --train / --folds
        bool threshold = true;         // --threshold / --contamination
    };
    explicit RunSpecOptions(Enabled enabled);
    RunSpecOptions() : RunSpecOptions(Enabled{}) {}

    void add(po::options_description& opts);
    // The resolved spec, or a one-line message for the user.
    Result<RunSpec> toSpec(const po::variables_map& vm) const;

private:
    Enabled m_enabled;
    std::string m_detector, m_features, m_origin;
    std::vector<std::string> m_params;
    int m_patch = 0, m_stride = 0, m_resample = kDefaultResample, m_folds = kDefaultFolds;
    std::uint64_t m_seed = 0;
};

} // namespace ds::cli
