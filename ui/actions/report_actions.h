#pragma once
// ReportActions: the File menu's exports. Export Report… (Ctrl+Shift+E), enabled while the current
// image has scores that match its grid and its pixels are loaded, opens a ReportDialog on a
// snapshot of the current image with the heat map's shared threshold. Export Training Set…
// (Ctrl+Shift+D), enabled while the project has an image, opens a TrainingSetDialog on a snapshot
// of the current image and of every image with hand labels. Both are inserted into the
// MainWindow's File menu just above Quit, so the menu's owner (ProjectActions) needs no change.
// GUI thread.
#include <QObject>

class QAction;

namespace ds::ui {

class MainWindow;
class ReportDialog;
class TrainingSetDialog;

class ReportActions : public QObject {
    Q_OBJECT
public:
    explicit ReportActions(MainWindow* window);

    QAction* exportAction() const { return m_export; }
    // Opens the dialog (non-modal, deleted on close); null when the current image has no report.
    ReportDialog* openDialog();
    QAction* trainingSetAction() const { return m_trainingSet; }
    // Opens the training-set dialog (window-modal, deleted on close); null without images.
    TrainingSetDialog* openTrainingSetDialog();

private:
    void updateEnabled();

    MainWindow* m_window;
    QAction* m_export;
    QAction* m_trainingSet;
};

} // namespace ds::ui
