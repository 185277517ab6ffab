#pragma once
// DetectorTools: plugs the detector side of the GUI into the MainWindow - the shared
// DetectorResults, the Detector, Heat map and ROC panels (docks), "label next" suggestions, the
// Tools menu entries, and the command line's `--run ID` (run a detector on the current image as
// soon as its pixels are there, holding the Session busy until the heat map and the ROC panel show
// the result, so a --screenshot waits for them). GUI thread.
#include <QObject>
#include <QString>

namespace ds::ui {

class DetectorPanel;
class DetectorResults;
class HeatMapPanel;
class LabelSuggestions;
class MainWindow;
class RocPanel;

class DetectorTools : public QObject {
    Q_OBJECT
public:
    explicit DetectorTools(MainWindow* window);

    DetectorResults* results() const { return m_results; }
    DetectorPanel* detectorPanel() const { return m_panel; }
    HeatMapPanel* heatMapPanel() const { return m_heat; }
    RocPanel* rocPanel() const { return m_roc; }
    LabelSuggestions* suggestions() const { return m_suggestions; }

    // Runs detector `id` (Train when it needs labels, else Score) once the current image is loaded.
    // Returns false (with a message on the session's error channel) for an unknown id.
    bool runWhenReady(const QString& id, bool train = false);

private:
    void tryStartPending();

    MainWindow* m_window;
    DetectorResults* m_results;
    DetectorPanel* m_panel;
    LabelSuggestions* m_suggestions;
    HeatMapPanel* m_heat;
    RocPanel* m_roc;
    QString m_pendingRun;     // a --run waiting for pixels
    bool m_pendingTrain = false; // ... with --train
    quint64 m_commandRun = 0; // the run started for the command line (held busy until shown)
};

} // namespace ds::ui
