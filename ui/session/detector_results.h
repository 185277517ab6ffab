#pragma once
// DetectorResults: the GUI's view of the detector runs the Session's project keeps per image (one
// per detector id, so the ROC panel can overlay them), which one the heat map shows, and the
// threshold the heat map, histogram and ROC operating point share: the shown run's user threshold,
// or else the threshold rule on its honest scores and the current labels (core chooseRunThreshold,
// exactly what the exported report and `defectscope-cli score --labels` use). Holds no state of
// its own beyond what it last announced. Lives on the GUI thread.
#include "core/project/project.h"
#include "ui/jobs/detector_job.h"
#include "ui/session/session.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ds::ui {

class DetectorResults : public QObject {
    Q_OBJECT
public:
    explicit DetectorResults(Session* session, QObject* parent = nullptr);

    // Stores a finished run in the project (replacing the image's run of the same detector) and
    // shows it. False when its image was removed or re-gridded meanwhile.
    bool add(const DetectorImageResult& result);
    // Detector ids with runs for an image, in the order they were first run.
    QStringList detectors(int imageIndex) const;
    const StoredRun* result(int imageIndex, const QString& detector) const;
    // The detector whose run the heat map shows for the image ("" when none).
    QString shownDetector(int imageIndex) const;

    // The current image's threshold (in score units of its shown run); nullopt without a run.
    std::optional<double> threshold() const;
    // "fixed" when the user set it, else the rule that chose it (see ThresholdChoice::rule).
    QString thresholdRule() const;
    // Sets the user's threshold of the current image's shown run.
    void setThreshold(double threshold);

signals:
    void resultsChanged(int imageIndex);
    void thresholdChanged(double threshold);

private:
    void onSessionChanged(Session::Changes what, int imageIndex);
    void announceThreshold();

    Session* m_session;
    std::optional<double> m_announced; // the last threshold sent with thresholdChanged
};

} // namespace ds::ui
