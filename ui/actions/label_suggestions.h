#pragma once
// LabelSuggestions: "label next" - ranks the unlabelled patches of the current image by how much
// their label would tell the model: patches whose score rank is close to the threshold's rank
// (the detector is least sure about them) plus, when several detectors ran, patches the detectors
// disagree about (spread of their rank-normalised scores). next() steps through the ranking
// (key N): it selects the patch, has the view outline and centre it, and says why it was chosen
// (`explained`, for the status bar), so 1 / 2 labels it at once. GUI thread.
#include "core/labels/label.h"

#include <QObject>

#include <optional>
#include <set>
#include <vector>

namespace ds::ui {

class DetectorResults;
class MicrographView;
class Session;

// One suggested patch and why: `uncertainty` (1 = its score sits at the threshold's rank, 0 = far
// from it) and `disagreement` (spread of the detectors' rank-normalised scores, 0..1; 0 with one
// detector). Priority is their sum.
struct LabelSuggestion {
    int patch = -1;
    double uncertainty = 0;
    double disagreement = 0;
};

// Pure ranking (any thread): `scoresByDetector[0]` is the shown detector's; returns the unlabelled
// patches, most informative first. `threshold` empty = the median score.
std::vector<LabelSuggestion> rankLabelSuggestionsWithReasons(
    const std::vector<std::vector<float>>& scoresByDetector, const std::vector<Label>& labels,
    std::optional<double> threshold);
// The same, patch indices only.
std::vector<int> rankLabelSuggestions(const std::vector<std::vector<float>>& scoresByDetector,
                                      const std::vector<Label>& labels, std::optional<double> threshold);

class LabelSuggestions : public QObject {
    Q_OBJECT
public:
    LabelSuggestions(Session* session, DetectorResults* results, MicrographView* view, QObject* parent = nullptr);

    std::vector<int> ranking() const;
    // Selects, outlines and centres the next suggestion not yet visited; returns it, or -1 when
    // there is none.
    int next();

signals:
    void suggested(int patch, int remaining);
    // Why the patch shown by next() was chosen (or why there is nothing to suggest), in words.
    void explained(const QString& message);

private:
    std::vector<LabelSuggestion> rankingWithReasons() const;
    QString reason(const LabelSuggestion& s, int remaining) const;

    Session* m_session;
    DetectorResults* m_results;
    MicrographView* m_view;
    std::set<int> m_visited; // patches shown since the results last changed
};

} // namespace ds::ui
