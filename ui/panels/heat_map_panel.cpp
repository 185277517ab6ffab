#include "ui/panels/heat_map_panel.h"

#include "core/analysis/threshold_rule.h"
#include "ui/session/detector_results.h"
#include "ui/panels/heat_map_legend.h"
#include "ui/actions/label_suggestions.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/panels/score_histogram.h"
#include "ui/session/session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {
constexpr int kSliderSteps = 1000;
} // namespace

HeatMapPanel::HeatMapPanel(Session* session, DetectorResults* results, MicrographView* view,
                           LabelSuggestions* suggestions, QWidget* parent)
    : QWidget(parent), m_session(session), m_results(results), m_view(view), m_shown(new QComboBox(this)),
      m_legend(new HeatMapLegend(this)), m_opacity(new QSlider(Qt::Horizontal, this)),
      m_threshold(new QSlider(Qt::Horizontal, this)), m_thresholdText(new QLabel(this)),
      m_histogram(new ScoreHistogram(this)), m_next(new QPushButton(tr("Label &next (N)"), this)),
      m_nextText(new QLabel(this)) {
    setObjectName(QStringLiteral("HeatMapPanel"));
    m_shown->setToolTip(tr("Whose scores the heat map shows (every detector run on this image is kept)"));
    m_opacity->setRange(0, 100);
    m_opacity->setValue(55);
    m_opacity->setToolTip(tr("Heat-map opacity"));
    m_threshold->setRange(0, kSliderSteps);
    m_threshold->setToolTip(tr("Patches scoring at or above the threshold are outlined in green"));
    m_next->setToolTip(tr("Select and centre the unlabelled patch whose label would tell the detector most "
                          "(score nearest the threshold, or detectors disagreeing); then press 1 or 2"));
    m_nextText->setWordWrap(true);
    QSizePolicy nextPolicy = m_nextText->sizePolicy();
    nextPolicy.setHeightForWidth(false); // the dock's scroll area would size the panel to its hints
    m_nextText->setSizePolicy(nextPolicy);
    m_shown->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_shown->setMinimumContentsLength(6);
    view->overlay()->setHeatMapOpacity(0.55);
    m_legend->setLut(Lut::Magma);
    view->overlay()->setHeatMapLut(Lut::Magma);

    auto* form = new QFormLayout;
    form->addRow(tr("Scores of"), m_shown);
    form->addRow(tr("Opacity"), m_opacity);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdText);
    form->addRow(tr("Threshold"), thresholdRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_legend);
    layout->addLayout(form);
    layout->addWidget(m_histogram, 1);
    auto* nextRow = new QHBoxLayout;
    nextRow->addWidget(m_next);
    nextRow->addWidget(m_nextText, 1);
    layout->addLayout(nextRow);

    connect(m_opacity, &QSlider::valueChanged, this,
            [this](int v) { m_view->overlay()->setHeatMapOpacity(v / 100.0); });
    connect(m_threshold, &QSlider::valueChanged, this, &HeatMapPanel::onSliderMoved);
    connect(m_histogram, &ScoreHistogram::thresholdRequested, results, &DetectorResults::setThreshold);
    connect(results, &DetectorResults::thresholdChanged, this, &HeatMapPanel::onThresholdChanged);
    connect(results, &DetectorResults::resultsChanged, this, &HeatMapPanel::refreshDetectors);
    connect(m_shown, &QComboBox::activated, this, [this] {
        const int index = m_session->currentIndex();
        m_session->showRun(index, m_shown->currentText().toStdString());
    });
    connect(session, &Session::changed, this, [this](Session::Changes what, int index) {
        if (index == m_session->currentIndex() || index < 0)
            if (what & (Session::Scores | Session::Labels | Session::Grid | Session::ImageList))
                refresh();
    });
    connect(session, &Session::currentImageChanged, this, [this] {
        refreshDetectors();
        refresh();
    });
    connect(m_next, &QPushButton::clicked, suggestions, &LabelSuggestions::next);
    connect(suggestions, &LabelSuggestions::suggested, this, [this](int patch, int remaining) {
        m_nextText->setText(tr("patch %1 (%2 more)").arg(patch).arg(remaining));
    });
    refreshDetectors(); // built on an open project (a language switch): show its runs
    refresh();
}

double HeatMapPanel::sliderToScore(int value) const {
    return m_legend->low() + (m_legend->high() - m_legend->low()) * value / kSliderSteps;
}

int HeatMapPanel::scoreToSlider(double score) const {
    const double span = m_legend->high() - m_legend->low();
    return span > 0 ? static_cast<int>(std::lround(std::clamp((score - m_legend->low()) / span, 0.0, 1.0) * kSliderSteps))
                    : kSliderSteps;
}

void HeatMapPanel::refreshDetectors() {
    const int index = m_session->currentIndex();
    const QStringList ids = m_results->detectors(index);
    m_shown->clear();
    m_shown->addItems(ids);
    m_shown->setCurrentText(m_results->shownDetector(index));
    m_shown->setEnabled(ids.size() > 1);
}

void HeatMapPanel::refresh() {
    const ProjectImage* img = m_session->currentImage();
    const std::vector<float> scores = img ? img->scores() : std::vector<float>{};
    m_legend->setScores(scores);
    m_histogram->setData(scores, img ? img->labels : std::vector<Label>{});
    m_shown->setCurrentText(m_results->shownDetector(m_session->currentIndex()));
    m_threshold->setEnabled(m_legend->hasRange());
    if (!m_legend->hasRange()) {
        m_thresholdText->clear();
        m_view->overlay()->setThreshold(std::nullopt);
        return;
    }
    // Each run keeps its own threshold (the user's, or the rule the CLI and the exported report
    // use), so the outlines match the report.
    const auto threshold = m_results->threshold();
    onThresholdChanged(threshold ? *threshold : m_legend->high());
}

void HeatMapPanel::onThresholdChanged(double threshold) {
    m_syncing = true;
    m_threshold->setValue(scoreToSlider(threshold));
    m_syncing = false;
    m_thresholdText->setText(QLocale().toString(threshold, 'g', 3));
    m_legend->setThreshold(threshold);
    m_histogram->setThreshold(threshold);
    m_view->overlay()->setThreshold(static_cast<float>(threshold));
}

void HeatMapPanel::onSliderMoved(int value) {
    if (m_syncing || !m_legend->hasRange())
        return;
    m_results->setThreshold(sliderToScore(value));
}

} // namespace ds::ui
