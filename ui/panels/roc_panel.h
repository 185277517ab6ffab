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
// Held-out mode (a check box, for projects with hand labels on several images): the shown detector
// is trained on the OTHER images' hand labels and scores this image, drawn dashed as "held out
// image" beside the in-image curves, with the pooled leave-one-image-out AUROC over all labelled
// images (core evaluateCrossImage, as `evaluate --cross-image`). It trains detectors, so it runs in
// the background with its own progress bar and Cancel, restarted (older run dropped) when labels,
// runs or the image change. The text says which kind of AUROC every number is.
#include "ui/jobs/held_out_roc.h"
#include "ui/jobs/latest_job.h"
#include "ui/jobs/roc_computation.h"

#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QPushButton;
class QProgressBar;
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

    // Held-out mode (see above).
    void setHeldOutEnabled(bool on);
    bool heldOutEnabled() const;
    bool heldOutRunning() const { return m_heldOutJob.running(); }
    const std::optional<HeldOutRocResult>& heldOut() const { return m_heldOut; }
    QString heldOutStatus() const { return m_heldOutStatus; } // why there is none, or its error
    void cancelHeldOut();

public slots:
    void scheduleUpdate();

signals:
    void updated(); // curves shown for the latest state
    void settled(); // ... and the AUROC interval computed (or none to compute)
    void thresholdRequested(double threshold);
    void heldOutFinished(bool ok); // a held-out computation landed (or could not start / failed)

private:
    void startComputation();
    void startInterval();
    void refreshText();
    void scheduleHeldOut();
    void startHeldOut();
    void drawHeldOut();
    void setHeldOutRunning(bool running);
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

    QCheckBox* m_heldOutBox;
    QProgressBar* m_heldOutProgress;
    QPushButton* m_heldOutCancel;
    QTimer m_heldOutDebounce; // training is costly: wait until a burst of edits is over
    QTimer m_heldOutPoll;     // shows the worker's progress (it never calls into the panel)
    std::shared_ptr<std::atomic<int>> m_heldOutFraction = std::make_shared<std::atomic<int>>(0);
    LatestJob<Result<HeldOutRocResult>> m_heldOutJob{this};
    std::optional<HeldOutRocResult> m_heldOut;
    QString m_heldOutStatus;
};

} // namespace ds::ui
