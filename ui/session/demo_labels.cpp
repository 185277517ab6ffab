#include "ui/session/demo_labels.h"

#include "core/synth/synthetic_graphene.h"
#include "ui/session/session.h"

#include <QtConcurrent/QtConcurrent>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace ds::ui {

DemoLabelChoice chooseDemoLabels(const PatchGrid& grid, const std::vector<TruthPoint>& truth, const cv::Mat& mask,
                                 int defects, int perfect) {
    DemoLabelChoice out;
    if (grid.empty())
        return out;
    const std::vector<Label> protocol = labelsFromTruth(grid, truth, mask);
    // Defects: for each truth point the patch whose centre is nearest; kinds taken in turn so the
    // few labels cover vacancies, dopants, Stone-Wales and the boundary alike.
    std::map<std::string, std::vector<int>> byKind;
    for (const TruthPoint& t : truth) {
        int best = -1;
        double bestD = std::numeric_limits<double>::infinity();
        for (int i : grid.patchesContaining(t.x, t.y)) {
            const cv::Rect r = grid.rect(i);
            const double d = std::hypot(r.x + r.width / 2.0 - t.x, r.y + r.height / 2.0 - t.y);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        if (best >= 0)
            byKind[t.kind].push_back(best);
    }
    for (std::size_t round = 0; static_cast<int>(out.defects.size()) < defects; ++round) {
        bool any = false;
        for (auto& [kind, patches] : byKind)
            if (round < patches.size() && static_cast<int>(out.defects.size()) < defects) {
                any = true;
                const int p = patches[round];
                if (std::find(out.defects.begin(), out.defects.end(), p) == out.defects.end())
                    out.defects.push_back(p);
            }
        if (!any)
            break;
    }
    // Perfect: the patch and its 8 neighbours are Perfect, so the label is beyond doubt.
    std::vector<int> clean;
    for (int i = 0; i < grid.size(); ++i) {
        const int c = grid.column(i), r = grid.row(i);
        bool ok = true;
        for (int dr = -1; dr <= 1 && ok; ++dr)
            for (int dc = -1; dc <= 1 && ok; ++dc) {
                const int cc = c + dc, rr = r + dr;
                if (cc >= 0 && rr >= 0 && cc < grid.columns() && rr < grid.rows())
                    ok = protocol[static_cast<std::size_t>(grid.index(cc, rr))] == Label::Perfect;
            }
        if (ok)
            clean.push_back(i);
    }
    const int n = std::min<int>(perfect, static_cast<int>(clean.size()));
    for (int k = 0; k < n; ++k)
        out.perfect.push_back(clean[static_cast<std::size_t>((2 * k + 1) * clean.size() / (2 * n))]);
    return out;
}

DemoLabels::DemoLabels(Session* session, int imageIndex) : QObject(session), m_session(session), m_image(imageIndex) {}

void DemoLabels::apply(Session* session, int imageIndex, std::uint64_t seed) {
    auto* self = new DemoLabels(session, imageIndex);
    session->beginJob();
    connect(session, &Session::changed, self, [self](Session::Changes what, int) {
        if (what & (Session::Grid | Session::Image | Session::ImageList))
            self->tryApply();
    });
    QtConcurrent::run([seed] {
        SyntheticImage img = synthesizeGraphene(demoSynthOptions(seed));
        return std::make_pair(std::move(img.truth), img.mask);
    }).then(self, [self](std::pair<std::vector<TruthPoint>, cv::Mat> truth) {
        self->m_truth = std::move(truth.first);
        self->m_mask = truth.second;
        self->m_truthReady = true;
        self->tryApply();
    });
}

void DemoLabels::tryApply() {
    if (!m_truthReady)
        return;
    const PatchGrid grid = m_session->grid(m_image);
    const ProjectImage* img = m_session->image(m_image);
    if (!img || !img->synthSeed) { // the project changed under us: nothing to label
        m_session->endJob();
        deleteLater();
        return;
    }
    if (m_session->currentIndex() != m_image || grid.empty() || (!m_mask.empty() && m_mask.cols != grid.imageWidth()))
        return; // size not known yet
    const DemoLabelChoice choice = chooseDemoLabels(grid, m_truth, m_mask);
    m_session->setLabels(choice.defects, Label::Defect);
    m_session->setLabels(choice.perfect, Label::Perfect);
    m_truthReady = false;
    m_session->endJob();
    deleteLater();
}

} // namespace ds::ui
