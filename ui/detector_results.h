#pragma once
// DetectorResults: every detector run's outcome kept per image and per detector id, so two
// detectors can be compared (the ROC panel overlays them) while the Session holds only the scores
// shown as the heat map. Also holds the threshold the heat map, histogram and ROC operating point
// share. Cleared for an image when its grid changes (the scores no longer match its patches).
// Lives on the GUI thread.
#include "ui/detector_job.h"
#include "ui/session.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace ds::ui {

class DetectorResults : public QObject {
    Q_OBJECT
public:
    explicit DetectorResults(Session* session, QObject* parent = nullptr);

    void add(const DetectorImageResult& result);
    // Detector ids with results for an image, in the order they were first run.
    QStringList detectors(int imageIndex) const;
    const DetectorImageResult* result(int imageIndex, const QString& detector) const;
    // The detector whose scores the Session shows for the image ("" when none).
    QString shownDetector(int imageIndex) const;

    // The score threshold (in score units of the shown detector); nullopt until scores exist.
    std::optional<double> threshold() const { return m_threshold; }
    void setThreshold(double threshold);

signals:
    void resultsChanged(int imageIndex);
    void thresholdChanged(double threshold);

private:
    void onSessionChanged(Session::Changes what, int imageIndex);

    Session* m_session;
    std::map<int, std::map<QString, DetectorImageResult>> m_results;
    std::map<int, QStringList> m_order;
    std::optional<double> m_threshold;
};

} // namespace ds::ui
