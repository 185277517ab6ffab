#include "ui/actions/label_suggestions.h"

#include "ui/session/detector_results.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/session/session.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ds::ui {

namespace {

// Fraction of finite scores strictly below each score (ties share the same rank); NaN stays NaN.
std::vector<double> rankNormalise(const std::vector<float>& scores) {
    std::vector<int> order;
    for (int i = 0; i < static_cast<int>(scores.size()); ++i)
        if (std::isfinite(scores[static_cast<std::size_t>(i)]))
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return scores[static_cast<std::size_t>(a)] < scores[static_cast<std::size_t>(b)]; });
    std::vector<double> rank(scores.size(), std::nan(""));
    const double n = std::max<std::size_t>(1, order.size() - 1);
    for (std::size_t k = 0; k < order.size();) {
        std::size_t e = k;
        while (e + 1 < order.size() && scores[static_cast<std::size_t>(order[e + 1])] == scores[static_cast<std::size_t>(order[k])])
            ++e;
        const double r = (k + e) / 2.0 / n;
        for (std::size_t j = k; j <= e; ++j)
            rank[static_cast<std::size_t>(order[j])] = r;
        k = e + 1;
    }
    return rank;
}

} // namespace

std::vector<LabelSuggestion> rankLabelSuggestionsWithReasons(
    const std::vector<std::vector<float>>& scoresByDetector, const std::vector<Label>& labels,
    std::optional<double> threshold) {
    if (scoresByDetector.empty() || scoresByDetector[0].size() != labels.size())
        return {};
    const std::vector<float>& shown = scoresByDetector[0];
    std::vector<std::vector<double>> ranks;
    for (const auto& s : scoresByDetector)
        if (s.size() == labels.size())
            ranks.push_back(rankNormalise(s));
    // The threshold's rank in the shown detector's scores.
    double tRank = 0.5;
    if (threshold) {
        std::size_t below = 0, finite = 0;
        for (float s : shown)
            if (std::isfinite(s)) {
                ++finite;
                below += s < *threshold;
            }
        tRank = finite ? static_cast<double>(below) / finite : 0.5;
    }
    std::vector<LabelSuggestion> priority;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != Label::Unlabelled || !std::isfinite(ranks[0][i]))
            continue;
        const double uncertainty = 1.0 - std::min(1.0, 2.0 * std::abs(ranks[0][i] - tRank));
        double mean = 0, m2 = 0;
        int n = 0;
        for (const auto& r : ranks)
            if (std::isfinite(r[i])) {
                ++n;
                const double d = r[i] - mean;
                mean += d / n;
                m2 += d * (r[i] - mean);
            }
        const double disagreement = n > 1 ? 2.0 * std::sqrt(m2 / n) : 0.0; // sd of ranks, <= 0.5
        priority.push_back({static_cast<int>(i), uncertainty, disagreement});
    }
    std::stable_sort(priority.begin(), priority.end(), [](const auto& a, const auto& b) {
        return a.uncertainty + a.disagreement > b.uncertainty + b.disagreement;
    });
    return priority;
}

std::vector<int> rankLabelSuggestions(const std::vector<std::vector<float>>& scoresByDetector,
                                      const std::vector<Label>& labels, std::optional<double> threshold) {
    const auto ranked = rankLabelSuggestionsWithReasons(scoresByDetector, labels, threshold);
    std::vector<int> out;
    out.reserve(ranked.size());
    for (const LabelSuggestion& s : ranked)
        out.push_back(s.patch);
    return out;
}

LabelSuggestions::LabelSuggestions(Session* session, DetectorResults* results, MicrographView* view, QObject* parent)
    : QObject(parent), m_session(session), m_results(results), m_view(view) {
    connect(results, &DetectorResults::resultsChanged, this, [this] { m_visited.clear(); });
    connect(session, &Session::currentImageChanged, this, [this] { m_visited.clear(); });
}

std::vector<LabelSuggestion> LabelSuggestions::rankingWithReasons() const {
    const int index = m_session->currentIndex();
    const ProjectImage* img = m_session->image(index);
    if (!img || img->scores().empty())
        return {};
    std::vector<std::vector<float>> scores{img->scores()};
    const QString shown = m_results->shownDetector(index);
    for (const QString& id : m_results->detectors(index))
        if (id != shown)
            scores.push_back(m_results->result(index, id)->result.scores);
    return rankLabelSuggestionsWithReasons(scores, img->labels, m_results->threshold());
}

std::vector<int> LabelSuggestions::ranking() const {
    std::vector<int> out;
    for (const LabelSuggestion& s : rankingWithReasons())
        out.push_back(s.patch);
    return out;
}

QString LabelSuggestions::reason(const LabelSuggestion& s, int remaining) const {
    const ProjectImage* img = m_session->currentImage();
    const double score = img->scores()[static_cast<std::size_t>(s.patch)];
    const auto threshold = m_results->threshold();
    QStringList why;
    // Below this the ranking is driven by the other part; it would say nothing useful.
    constexpr double kNotable = 0.25;
    if (s.uncertainty >= kNotable || s.disagreement < kNotable)
        why << (threshold ? tr("its score %1 is close to the threshold %2, where the detector is "
                               "least sure")
                                .arg(QLocale().toString(score, 'g', 3),
                                     QLocale().toString(*threshold, 'g', 3))
                          : tr("its score %1 is close to the median, where the detector is least sure")
                                .arg(QLocale().toString(score, 'g', 3)));
    if (s.disagreement >= kNotable)
        why << tr("the detectors disagree about it");
    return tr("Suggested patch %1 (%2 more): %3. Press 1 for defect or 2 for perfect.")
        .arg(s.patch)
        .arg(remaining)
        .arg(why.join(tr("; ")));
}

int LabelSuggestions::next() {
    const std::vector<LabelSuggestion> ranked = rankingWithReasons();
    int remaining = 0;
    const LabelSuggestion* pick = nullptr;
    for (const LabelSuggestion& s : ranked)
        if (!m_visited.count(s.patch)) {
            if (!pick)
                pick = &s;
            ++remaining;
        }
    if (!pick) {
        m_visited.clear(); // every suggestion seen: start over from the top
        if (ranked.empty()) {
            const ProjectImage* img = m_session->currentImage();
            emit explained(!img || img->scores().empty()
                               ? tr("No suggestion: run a detector on this image first.")
                               : tr("No suggestion: every scored patch is labelled."));
            return -1;
        }
        pick = &ranked.front();
        remaining = static_cast<int>(ranked.size());
    }
    m_visited.insert(pick->patch);
    m_view->setSelection({pick->patch});
    m_view->focusPatch(pick->patch);
    emit suggested(pick->patch, remaining - 1);
    emit explained(reason(*pick, remaining - 1));
    return pick->patch;
}

} // namespace ds::ui
