#pragma once
// Detector: one anomaly-scoring method. fit() learns from patches (and hand labels where the method
// can use them); score() returns one value per patch, higher = more anomalous. Implementations are
// synchronous; they poll the RunControl and report progress. A Detector object is used by one thread
// at a time; distinct objects are independent.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/features/feature_matrix.h"
#include "core/labels/label.h"

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ds {

// Describes one tunable parameter, so the GUI can build a form and the CLI can parse `--param k=v`.
struct ParamSpec {
    enum class Kind { Int, Real, Bool };
    std::string name;        // "nu", "gamma", "trees"...
    std::string label;       // short human label, English (the GUI translates its own chrome only)
    std::string description; // one sentence: what it changes
    Kind kind = Kind::Real;
    double minimum = 0, maximum = 1, defaultValue = 0;
};

class Detector {
public:
    virtual ~Detector() = default;

    virtual std::string id() const = 0;          // "iforest", "ocsvm", "dense", "cae", "knn", "lattice", ...
    virtual std::string displayName() const = 0; // "Isolation forest"
    virtual std::string defaultFeatures() const = 0; // feature id used when the caller gives none ("" = image only)
    virtual bool needsLabels() const { return false; } // true when fit() fails without both classes
    // True when fit() and score() read only the feature rows, never FeatureMatrix::image: runImage
    // then lets the normalised image go once the features exist (64 MB for a 4096^2 image, while
    // the model runs). False, the safe answer, for any detector that may look at the image.
    virtual bool readsOnlyRows() const { return false; }
    virtual std::vector<ParamSpec> parameters() const { return {}; }
    virtual Status setParameter(const std::string& name, double value);
    virtual double parameter(const std::string& name) const;

    // A score at or above which this detector itself calls a patch a defect, when its scores sit
    // on a calibrated scale (lattice evidence units; auto's flagged band); empty when the scores
    // only order patches. The default threshold when no labels choose one (core/report).
    virtual std::optional<double> calibratedThreshold() const { return std::nullopt; }

    // What the last fit() decided on its own that a user should read beside the scores (an image
    // too small to train on, a term left out); runImage adds them to RunResult::notes.
    virtual std::vector<std::string> notes() const { return {}; }

    // `labels` has one entry per row of `features` (may be all Unlabelled).
    virtual Status fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) = 0;
    virtual Result<std::vector<float>> score(const FeatureMatrix& features, const RunControl& rc) const = 0;

    // Model persistence of the fitted state (the container, with the run spec and the format version,
    // is core/analysis/model_file.h).
    virtual Status save(std::ostream& out) const = 0;
    virtual Status load(std::istream& in) = 0;

protected:
    std::map<std::string, double> m_params; // current values, initialised from parameters() defaults
    void initParameters();
};

} // namespace ds
