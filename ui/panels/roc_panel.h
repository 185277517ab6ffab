#pragma once
// RocPanel: how well each detector run on the current image separates the hand-labelled defects
// from the perfect patches - ROC and PR curves (Qt Charts, one series per detector, overlaid),
// AUROC with a bootstrap 95 % interval, and the operating point (TPR, FPR, precision) at the shared
// threshold. The charts have no legend (Qt elides its entries to "a…" when several detectors share
// a narrow dock): the text below the tabs names every detector in full beside its colour and
// numbers, and scrolls on its own so the plot keeps its height however long the text grows. Only honest scores count: patches a supervised fit saw carry out-of-fold scores.
// Updates live: label edits and new results are coalesced (short debounce) and computed on the
// thread pool; a result computed from an older state is dropped. Clicking the shown detector's
// curve sets the threshold. GUI thread.
#include "ui/jobs/latest_job.h"
#include "ui/jobs/roc_computation.h"

#include <QTimer>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QTabWidget;

namespace ds::ui {

class DetectorResults;
class Session;

class RocPanel : public QWidget {
    Q_OBJECT
public:
    RocPanel(Session* session, DetectorResults* results, QWidget* parent = nullptr);
    ~RocPanel() override;

    // The inputs for the current image right now (value snapshot).
    std::vector<RocInput> snapshotInputs(std::vector<Label>* labels) const;
    // Shows computed curves (normally called when the background computation lands).
    void showCurves(const std::vector<RocCurveResult>& curves);
    const std::vector<RocCurveResult>& curves() const { return m_curves; }
    // AUROC interval of the shown detector once computed (low > high while pending / unavailable).
    Interval interval() const { return m_aurocCi; }
    quint64 updates() const { return m_updates; } // completed updates, for tests
    QChartView* rocView() const { return m_rocView; }
    QChartView* prView() const { return m_prView; }
    QWidget* summaryArea() const; // the scrolling text below the tabs
    QString summaryText() const;

public slots:
    void scheduleUpdate();

signals:
    void updated(); // curves shown for the latest state
    void settled(); // ... and the AUROC interval computed (or none to compute)
    void thresholdRequested(double threshold);

private:
    void startComputation();
    void startInterval();
    void refreshText();
public:
    // Public for tests: what a click at `point` (chart values) on a detector's curve does.
    void onCurveClicked(const QString& detector, const QPointF& point, bool pr);
private:

    Session* m_session;
    DetectorResults* m_results;
    QTimer m_debounce;
    LatestJob<std::vector<RocCurveResult>> m_curveJob{this};
    LatestJob<Result<Interval>> m_intervalJob{this}; // the shown curve's bootstrap AUROC interval
    std::vector<RocCurveResult> m_curves;
    Interval m_aurocCi{1, 0};
    quint64 m_updates = 0;
    QTabWidget* m_tabs;
    QChart* m_rocChart;
    QChart* m_prChart;
    QChartView* m_rocView;
    QChartView* m_prView;
    QScatterSeries* m_rocOp;
    QScatterSeries* m_prOp;
    QLabel* m_text;
};

} // namespace ds::ui
