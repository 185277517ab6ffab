#pragma once
// ReportDialog: File > Export Report - a preview of the annotated figure (rendered by the core from
// the snapshot, scaled to fit), the output folder (remembered in Settings), which files to write
// (annotated PNG, per-patch CSV, JSON summary) and Export. Building the report, rendering the
// preview and writing the folder run on the thread pool (QtConcurrent) on value copies; the dialog
// shows a busy bar meanwhile and then the folder written to, or an error naming the folder and the
// reason. Lives on the GUI thread; its workers never touch it.
#include "core/report/score_report.h"
#include "ui/report/report_export.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>
#include <QString>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ds::ui {

class ReportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReportDialog(ReportSnapshot snapshot, QWidget* parent = nullptr);
    ~ReportDialog() override;

    QString outputFolder() const;
    void setOutputFolder(const QString& folder);
    // Which files Export writes.
    void setFiles(bool png, bool csv, bool json);
    ReportFiles files() const;

    // Starts writing the report (false when a job is running, nothing is selected or no folder is
    // set); `exportFinished` follows.
    bool exportReport();
    bool isBusy() const { return m_previewWatcher.isRunning() || m_exportWatcher.isRunning(); }
    bool previewReady() const { return !m_preview.isNull(); }
    QImage previewImage() const { return m_preview; }
    // The report the preview was made from (null until it is ready).
    const ScoreReport* report() const { return m_report.get(); }
    QString statusText() const;

    // Longer side of the preview image kept in memory (the figure itself is written full size).
    static constexpr int kPreviewSide = 1600;

signals:
    void previewFinished(bool ok);
    void exportFinished(bool ok, const QString& message);

public slots:
    void reject() override; // not while a report is being written

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct PreviewResult;
    struct ExportResult;
    void startPreview();
    void onPreviewDone();
    void onExportDone();
    void chooseFolder();
    void updateButtons();
    void setBusy(bool busy, const QString& text);
    void setStatus(const QString& text, bool error);
    void showPreview();

    ReportSnapshot m_snapshot;
    std::shared_ptr<const ScoreReport> m_report;
    QImage m_preview;
    QString m_exportFolder;
    QFutureWatcher<std::shared_ptr<PreviewResult>> m_previewWatcher;
    QFutureWatcher<std::shared_ptr<ExportResult>> m_exportWatcher;

    QLabel* m_image;
    QLabel* m_summary;
    QLineEdit* m_folder;
    QPushButton* m_browse;
    QCheckBox* m_png;
    QCheckBox* m_csv;
    QCheckBox* m_json;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_close;
};

} // namespace ds::ui
