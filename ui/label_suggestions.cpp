#include "ui/label_suggestions.h"

#include "ui/detector_results.h"
#include "ui/micrograph_view.h"
#include "ui/patch_overlay_item.h"
#include "ui/session.h"

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

std::vector<int> rankLabelSuggestions(const std::vector<std::vector<float>>& scoresByDetector,
                                      const std::vector<Label>& labels, std::optional<double> threshold) {
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
    std::vector<std::pair<double, int>> priority;
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
        priority.emplace_back(uncertainty + disagreement, static_cast<int>(i));
    }
    std::stable_sort(priority.begin(), priority.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<int> out;
    out.reserve(priority.size());
    for (const auto& p : priority)
        out.push_back(p.second);
    return out;
}

LabelSuggestions::LabelSuggestions(Session* session, DetectorResults* results, MicrographView* view, QObject* parent)
    : QObject(parent), m_session(session), m_results(results), m_view(view) {
    connect(results, &DetectorResults::resultsChanged, this, [this] { m_visited.clear(); });
    connect(session, &Session::currentImageChanged, this, [this] { m_visited.clear(); });
}

std::vector<int> LabelSuggestions::ranking() const {
    const int index = m_session->currentIndex();
    const ProjectImage* img = m_session->image(index);
    if (!img || img->scores().empty())
        return {};
    std::vector<std::vector<float>> scores{img->scores()};
    const QString shown = m_results->shownDetector(index);
    for (const QString& id : m_results->detectors(index))
        if (id != shown)
            scores.push_back(m_results->result(index, id)->result.scores);
    return rankLabelSuggestions(scores, img->labels, m_results->threshold());
}

int LabelSuggestions::next() {
    const std::vector<int> ranked = ranking();
    int remaining = 0, pick = -1;
    for (int p : ranked)
        if (!m_visited.count(p)) {
            if (pick < 0)
                pick = p;
            ++remaining;
        }
    if (pick < 0) {
        m_visited.clear(); // every suggestion seen: start over from the top
        if (ranked.empty())
            return -1;
        pick = ranked.front();
        remaining = static_cast<int>(ranked.size());
    }
    m_visited.insert(pick);
    m_view->setSelection({pick});
    m_view->centerOn(m_view->overlay()->patchRect(pick).center());
    emit suggested(pick, remaining - 1);
    return pick;
}

} // namespace ds::ui
