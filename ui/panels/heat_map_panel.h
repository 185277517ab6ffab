#pragma once
// HeatMapPanel: how the detector scores are shown - which detector's scores the heat map shows
// (every run on the current image is kept), the colour-map legend, opacity and threshold sliders,
// the score histogram by label and the "label next" button. Keeps the overlay's threshold outline,
// the legend, the histogram and DetectorResults' shared threshold in step. GUI thread.
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace ds::ui {

class DetectorResults;
class HeatMapLegend;
class LabelSuggestions;
class MicrographView;
class ScoreHistogram;
class Session;

class HeatMapPanel : public QWidget {
    Q_OBJECT
public:
    HeatMapPanel(Session* session, DetectorResults* results, MicrographView* view, LabelSuggestions* suggestions,
                 QWidget* parent = nullptr);

    HeatMapLegend* legend() const { return m_legend; }
    ScoreHistogram* histogram() const { return m_histogram; }
    QSlider* thresholdSlider() const { return m_threshold; }
    QSlider* opacitySlider() const { return m_opacity; }

private:
    void refresh();           // scores or labels of the current image changed
    void refreshDetectors();  // results changed: the list of detectors to show
    void onThresholdChanged(double threshold);
    void onSliderMoved(int value);
    double sliderToScore(int value) const;
    int scoreToSlider(double score) const;

    Session* m_session;
    DetectorResults* m_results;
    MicrographView* m_view;
    QComboBox* m_shown;
    HeatMapLegend* m_legend;
    QSlider* m_opacity;
    QSlider* m_threshold;
    QLabel* m_thresholdText;
    ScoreHistogram* m_histogram;
    QPushButton* m_next;
    QLabel* m_nextText;
    bool m_syncing = false;
};

} // namespace ds::ui
