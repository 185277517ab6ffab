#pragma once
// DetectorPanel: where a detector run is set up and started - the detector (every registered one,
// `auto` by default), its parameters in a form generated from the detector's ParamSpec list, the
// features, the scope (this image / all images), Train (fit on the hand labels, validated
// out-of-fold) / Score (fit without labels) / Cancel, and a progress bar naming the current step.
// Finished results go to DetectorResults (kept per image and detector) and the Session (the scores
// the heat map shows). The settings are stored in the project's detector settings. GUI thread.
#include "ui/jobs/detector_job.h"

#include <QHash>
#include <QWidget>

#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ds::ui {

class DetectorResults;
class DetectorRunner;
class Session;

class DetectorPanel : public QWidget {
    Q_OBJECT
public:
    DetectorPanel(Session* session, DetectorResults* results, QWidget* parent = nullptr);

    DetectorRunner* runner() const { return m_runner; }
    QString detectorId() const;
    bool setDetectorId(const QString& id); // false when no such detector is registered
    void setParameter(const QString& name, double value);
    void setAllImages(bool all);
    // The request Train (train = true) or Score would start now; images without a known grid are skipped.
    DetectorRequest buildRequest(bool train) const;
    QString statusText() const;

public slots:
    quint64 train();
    quint64 score();
    void cancel();

signals:
    void runFinished(quint64 run, bool ok);

private:
    quint64 start(bool train);
    void rebuildForm();
    void storeSettings();
    void restoreSettings();
    void onFinished(quint64 run, const DetectorJobResult& outcome);
    void setStatus(const QString& text);

    Session* m_session;
    DetectorResults* m_results;
    DetectorRunner* m_runner;
    QComboBox* m_detector;
    QLabel* m_about;
    QFormLayout* m_form;
    QWidget* m_formHost;
    QComboBox* m_features;
    QComboBox* m_scope;
    QPushButton* m_train;
    QPushButton* m_score;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QHash<QString, std::map<std::string, double>> m_params; // per detector id
    bool m_restoring = false;
};

} // namespace ds::ui
