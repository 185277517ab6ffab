#include "ui/report/report_dialog.h"

#include "ui/window/settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ds::ui {

// What a worker hands back: plain values, so nothing is shared with the dialog while it runs.
struct ReportDialog::PreviewResult {
    std::shared_ptr<const ScoreReport> report;
    QImage image;
    QString error;
};

struct ReportDialog::ExportResult {
    QString folder;
    QString error; // empty = written
};

ReportDialog::ReportDialog(ReportSnapshot snapshot, QWidget* parent)
    : QDialog(parent)
    , m_snapshot(std::move(snapshot)) {
    setObjectName(QStringLiteral("ReportDialog"));
    setWindowTitle(tr("Export Report"));

    m_image = new QLabel(tr("Rendering the preview…"), this);
    m_image->setObjectName(QStringLiteral("ReportPreview"));
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(360, 300);
    m_image->setSizePolicy(QSizePolicy::Ignored,
                           QSizePolicy::Ignored); // the pixmap follows the label
    m_image->setFrameShape(QFrame::StyledPanel);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);

    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("ReportFolder"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    m_png = new QCheckBox(tr("Annotated image (annotated.png)"), this);
    m_csv = new QCheckBox(tr("Per-patch table (patches.csv)"), this);
    m_json = new QCheckBox(tr("Summary (summary.json)"), this);
    for (QCheckBox* box : {m_png, m_csv, m_json}) {
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &ReportDialog::updateButtons);
    }
    auto* filesBox = new QVBoxLayout;
    filesBox->addWidget(m_png);
    filesBox->addWidget(m_csv);
    filesBox->addWidget(m_json);

    auto* form = new QFormLayout;
    form->addRow(tr("Output folder:"), folderRow);
    form->addRow(tr("Files:"), filesBox);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // busy: the core writers report no fractions
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ReportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    // Export keeps the dialog open: the user reads the result and may export again elsewhere.
    connect(m_export, &QPushButton::clicked, this, &ReportDialog::exportReport);
    connect(m_close, &QPushButton::clicked, this, &ReportDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &ReportDialog::chooseFolder);
    connect(m_folder, &QLineEdit::textChanged, this, &ReportDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_image, 1);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    // The remembered folder is a previous image's report: suggest a sibling named after this one.
    const QString last = Settings().reportDirectory();
    const QString parentDir =
        last.isEmpty() ? Settings().lastDirectory() : QFileInfo(last).absolutePath();
    const QString name =
        (m_snapshot.baseName.isEmpty() ? QStringLiteral("report") : m_snapshot.baseName) +
        QStringLiteral("_report");
    m_folder->setText(QDir(parentDir).filePath(name));

    connect(&m_previewWatcher, &QFutureWatcher<std::shared_ptr<PreviewResult>>::finished, this,
            &ReportDialog::onPreviewDone);
    connect(&m_exportWatcher, &QFutureWatcher<std::shared_ptr<ExportResult>>::finished, this,
            &ReportDialog::onExportDone);
    resize(900, 760);
    startPreview();
}

// Workers hold copies only, so they may finish after the dialog is gone; nothing to wait for.
ReportDialog::~ReportDialog() = default;

QString ReportDialog::outputFolder() const {
    return m_folder->text().trimmed();
}
void ReportDialog::setOutputFolder(const QString& folder) {
    m_folder->setText(folder);
}

void ReportDialog::setFiles(bool png, bool csv, bool json) {
    m_png->setChecked(png);
    m_csv->setChecked(csv);
    m_json->setChecked(json);
}

ReportFiles ReportDialog::files() const {
    ReportFiles f;
    f.annotatedPng = m_png->isChecked();
    f.patchesCsv = m_csv->isChecked();
    f.summaryJson = m_json->isChecked();
    return f;
}

QString ReportDialog::statusText() const {
    return m_status->text();
}

void ReportDialog::startPreview() {
    setBusy(true, tr("Rendering the preview…"));
    const ReportSnapshot snapshot = m_snapshot;
    m_previewWatcher.setFuture(QtConcurrent::run([snapshot] {
        auto out = std::make_shared<PreviewResult>();
        auto report = buildReport(snapshot);
        if (!report) {
            out->error = QString::fromStdString(report.error().message);
            return out;
        }
        auto image = renderReportPreview(snapshot, report.value(), kPreviewSide);
        if (!image)
            out->error = QString::fromStdString(image.error().message);
        else
            out->image = std::move(image).value();
        out->report = std::make_shared<const ScoreReport>(std::move(report).value());
        return out;
    }));
}

void ReportDialog::onPreviewDone() {
    const std::shared_ptr<PreviewResult> r = m_previewWatcher.result();
    m_report = r->report;
    m_preview = r->image;
    setBusy(false, QString());
    if (!r->error.isEmpty()) {
        m_image->setText(tr("No preview"));
        setStatus(tr("The report cannot be built: %1").arg(r->error), true);
    } else {
        setStatus(QString(), false); // "Rendering the preview…" is over
        showPreview();
    }
    if (m_report) {
        const QString auroc = m_report->auroc ? QString::number(*m_report->auroc, 'f', 3)
                                              : tr("n/a (needs defect and perfect labels)");
        m_summary->setText(tr("%1 - detector %2 - %3 patches, %4 above the threshold %5 - AUROC %6")
                               .arg(QString::fromStdString(m_report->image),
                                    QString::fromStdString(m_report->detector))
                               .arg(m_report->grid.size())
                               .arg(m_report->predictedDefects())
                               .arg(m_report->threshold, 0, 'g', 4)
                               .arg(auroc));
    }
    updateButtons();
    emit previewFinished(r->error.isEmpty());
}

void ReportDialog::showPreview() {
    if (m_preview.isNull())
        return;
    const QSize room = m_image->contentsRect().size();
    m_image->setPixmap(QPixmap::fromImage(m_preview.scaled(
        room.expandedTo(QSize(16, 16)), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void ReportDialog::resizeEvent(QResizeEvent* event) {
    QDialog::resizeEvent(event);
    showPreview();
}

bool ReportDialog::exportReport() {
    const QString folder = outputFolder();
    const ReportFiles chosen = files();
    if (isBusy() || folder.isEmpty() ||
        !(chosen.annotatedPng || chosen.patchesCsv || chosen.summaryJson))
        return false;
    m_exportFolder = QDir::cleanPath(QDir(folder).absolutePath());
    setBusy(true, tr("Writing the report to %1…").arg(QDir::toNativeSeparators(m_exportFolder)));
    const ReportSnapshot snapshot = m_snapshot;
    const std::shared_ptr<const ScoreReport> ready = m_report;
    const QString target = m_exportFolder;
    m_exportWatcher.setFuture(QtConcurrent::run([snapshot, ready, target, chosen] {
        auto out = std::make_shared<ExportResult>();
        out->folder = target;
        std::shared_ptr<const ScoreReport> report = ready;
        if (!report) { // the preview failed or is not done: build it here
            auto built = buildReport(snapshot);
            if (!built) {
                out->error = QString::fromStdString(built.error().message);
                return out;
            }
            report = std::make_shared<const ScoreReport>(std::move(built).value());
        }
        if (auto st = writeReport(target, snapshot, *report, chosen); !st)
            out->error = QString::fromStdString(st.error().message);
        return out;
    }));
    updateButtons();
    return true;
}

void ReportDialog::onExportDone() {
    const std::shared_ptr<ExportResult> r = m_exportWatcher.result();
    setBusy(false, QString());
    const QString folder = QDir::toNativeSeparators(r->folder);
    QString message;
    if (r->error.isEmpty()) {
        Settings().setReportDirectory(r->folder); // only a folder that worked is worth suggesting
        QStringList names;
        if (m_png->isChecked())
            names << QStringLiteral("annotated.png");
        if (m_csv->isChecked())
            names << QStringLiteral("patches.csv");
        if (m_json->isChecked())
            names << QStringLiteral("summary.json");
        message = tr("Report written to %1 (%2).").arg(folder, names.join(QStringLiteral(", ")));
    } else {
        message = tr("Could not write the report to %1: %2").arg(folder, r->error);
    }
    setStatus(message, !r->error.isEmpty());
    updateButtons();
    emit exportFinished(r->error.isEmpty(), message);
}

void ReportDialog::chooseFolder() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Report folder"), outputFolder());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void ReportDialog::updateButtons() {
    const ReportFiles f = files();
    const bool any = f.annotatedPng || f.patchesCsv || f.summaryJson;
    m_export->setEnabled(!isBusy() && any && !outputFolder().isEmpty());
    m_close->setEnabled(!m_exportWatcher.isRunning());
    m_browse->setEnabled(!m_exportWatcher.isRunning());
}

void ReportDialog::setBusy(bool busy, const QString& text) {
    m_progress->setVisible(busy);
    if (busy)
        setStatus(text, false);
    updateButtons();
}

void ReportDialog::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ReportDialog::reject() {
    if (m_exportWatcher.isRunning())
        return; // a half-written report must not be abandoned unseen; the worker finishes soon
    QDialog::reject();
}

} // namespace ds::ui
