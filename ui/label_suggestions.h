#pragma once
// LabelSuggestions: "label next" - ranks the unlabelled patches of the current image by how much
// their label would tell the model: patches whose score rank is close to the threshold's rank
// (the detector is least sure about them) plus, when several detectors ran, patches the detectors
// disagree about (spread of their rank-normalised scores). next() steps through the ranking
// (key N): it selects the patch and centres the view on it, so 1 / 2 labels it at once.
// GUI thread.
#include "core/labels/label.h"

#include <QObject>

#include <optional>
#include <set>
#include <vector>

namespace ds::ui {

class DetectorResults;
class MicrographView;
class Session;

// Pure ranking (any thread): `scoresByDetector[0]` is the shown detector's; returns unlabelled
// patch indices, most informative first. `threshold` empty = the median score.
std::vector<int> rankLabelSuggestions(const std::vector<std::vector<float>>& scoresByDetector,
                                      const std::vector<Label>& labels, std::optional<double> threshold);

class LabelSuggestions : public QObject {
    Q_OBJECT
public:
    LabelSuggestions(Session* session, DetectorResults* results, MicrographView* view, QObject* parent = nullptr);

    std::vector<int> ranking() const;
    // Selects and centres the next suggestion not yet visited; returns it, or -1 when there is none.
    int next();

signals:
    void suggested(int patch, int remaining);

private:
    Session* m_session;
    DetectorResults* m_results;
    MicrographView* m_view;
    std::set<int> m_visited; // patches shown since the results last changed
};

} // namespace ds::ui
