#pragma once
// TrainingSetDialog: File > Export training set… - which images (the current one, or every image
// of the project with hand labels), the output folder (remembered in Settings), the export options
// of `defectscope-cli export-patches` that matter here (unlabelled patches, lattice-symmetry
// augmentation, one HDF5 file) and Export. The export runs on the thread pool on a value snapshot
// (exportTrainingSet), with a progress bar and a Cancel that stops it before anything is written;
// the dialog then names the folder written to, or the image / file that failed and why.
// Lives on the GUI thread; its worker never touches it.
#include "ui/report/training_set_export.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QString>

#include <memory>
#include <stop_token>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace ds::ui {

class TrainingSetDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainingSetDialog(TrainingSetSnapshot snapshot, QWidget* parent = nullptr);
    ~TrainingSetDialog() override;

    QString outputFolder() const;
    void setOutputFolder(const QString& folder);
    void setWholeProject(bool whole);
    bool wholeProject() const;
    void setOptions(bool unlabelled, bool augment, bool hdf5);
    // What Export would run now (sources, options, folder).
    TrainingSetRequest request() const;

    // Starts the export (false when one is running, there is nothing to export or no folder is
    // set); `exportFinished` follows.
    bool startExport();
    // Asks a running export to stop; it reports `exportFinished(false, ...)` once it has.
    void cancelExport();
    bool isBusy() const { return m_watcher.isRunning(); }
    QString statusText() const;

signals:
    void exportFinished(bool ok, const QString& message);

public slots:
    void reject() override; // while exporting: cancels first

private:
    using Outcome = Result<TrainingSetSummary>;
    void onProgress(int value);
    void onDone();
    void chooseFolder();
    void updateButtons();
    void setStatus(const QString& text, bool error);

    TrainingSetSnapshot m_snapshot;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    std::stop_source m_stop;
    QString m_target;
    bool m_closeWhenDone = false;

    QRadioButton* m_current;
    QRadioButton* m_project;
    QLineEdit* m_folder;
    QPushButton* m_browse;
    QCheckBox* m_unlabelled;
    QCheckBox* m_augment;
    QCheckBox* m_hdf5;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QPushButton* m_close;
};

} // namespace ds::ui
