#include "ui/report/training_set_dialog.h"

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
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ds::ui {

namespace {
constexpr int kProgressSteps = 1000;
}

TrainingSetDialog::TrainingSetDialog(TrainingSetSnapshot snapshot, QWidget* parent)
    : QDialog(parent), m_snapshot(std::move(snapshot)) {
    setObjectName(QStringLiteral("TrainingSetDialog"));
    setWindowTitle(tr("Export Training Set"));

    m_current = new QRadioButton(tr("Current image (%1)").arg(m_snapshot.currentName), this);
    m_project = new QRadioButton(
        tr("All images with hand labels (%n image(s))", nullptr, static_cast<int>(m_snapshot.labelled.size())), this);
    m_current->setObjectName(QStringLiteral("TrainingSetCurrent"));
    m_project->setObjectName(QStringLiteral("TrainingSetProject"));
    m_current->setEnabled(!m_snapshot.current.empty());
    m_project->setEnabled(!m_snapshot.labelled.empty());
    (m_snapshot.current.empty() ? m_project : m_current)->setChecked(true);
    auto* scopeBox = new QVBoxLayout;
    scopeBox->addWidget(m_current);
    scopeBox->addWidget(m_project);

    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("TrainingSetFolder"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    m_unlabelled = new QCheckBox(tr("Unlabelled patches too (unlabelled_patches.npy, for semi-supervised work)"), this);
    m_augment = new QCheckBox(tr("Augment by the lattice's symmetry (rotations by 60°, mirrors)"), this);
    m_hdf5 = new QCheckBox(tr("Also one HDF5 file (dataset.h5)"), this);
    auto* optionsBox = new QVBoxLayout;
    for (QCheckBox* box : {m_unlabelled, m_augment, m_hdf5})
        optionsBox->addWidget(box);

    auto* form = new QFormLayout;
    form->addRow(tr("Images:"), scopeBox);
    form->addRow(tr("Output folder:"), folderRow);
    form->addRow(tr("Options:"), optionsBox);
    auto* about = new QLabel(tr("Writes defect_patches.npy and perfect_patches.npy (float32 N x 48 x 48, normalised as "
                                "the detectors see them), patches.csv and dataset.json - the same files as "
                                "<tt>defectscope-cli export-patches</tt>."),
                             this);
    about->setWordWrap(true);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("TrainingSetStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(tr("&Cancel export"), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    // Export keeps the dialog open: the user reads the result and may export again elsewhere.
    connect(m_export, &QPushButton::clicked, this, &TrainingSetDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingSetDialog::cancelExport);
    connect(m_close, &QPushButton::clicked, this, &TrainingSetDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &TrainingSetDialog::chooseFolder);
    connect(m_folder, &QLineEdit::textChanged, this, &TrainingSetDialog::updateButtons);
    for (QRadioButton* b : {m_current, m_project})
        connect(b, &QRadioButton::toggled, this, &TrainingSetDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(about);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    layout->addWidget(buttons);

    const QString last = Settings().trainingSetDirectory();
    m_folder->setText(last.isEmpty() ? QDir(Settings().lastDirectory()).filePath(QStringLiteral("training_set"))
                                     : last);

    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::progressValueChanged, this,
            &TrainingSetDialog::onProgress);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &TrainingSetDialog::onDone);
    resize(620, 360);
    updateButtons();
}

// The worker holds copies only and is told to stop; nothing to wait for.
TrainingSetDialog::~TrainingSetDialog() { m_stop.request_stop(); }

QString TrainingSetDialog::outputFolder() const { return m_folder->text().trimmed(); }
void TrainingSetDialog::setOutputFolder(const QString& folder) { m_folder->setText(folder); }
void TrainingSetDialog::setWholeProject(bool whole) { (whole ? m_project : m_current)->setChecked(true); }
bool TrainingSetDialog::wholeProject() const { return m_project->isChecked(); }
void TrainingSetDialog::setOptions(bool unlabelled, bool augment, bool hdf5) {
    m_unlabelled->setChecked(unlabelled);
    m_augment->setChecked(augment);
    m_hdf5->setChecked(hdf5);
}
QString TrainingSetDialog::statusText() const { return m_status->text(); }

TrainingSetRequest TrainingSetDialog::request() const {
    TrainingSetRequest r;
    r.sources = wholeProject() ? m_snapshot.labelled : m_snapshot.current;
    r.options.includeUnlabelled = m_unlabelled->isChecked();
    r.options.augment = m_augment->isChecked();
    r.write.unlabelledStack = r.options.includeUnlabelled;
    r.write.hdf5 = m_hdf5->isChecked();
    r.folder = QDir::cleanPath(QDir(outputFolder()).absolutePath());
    return r;
}

bool TrainingSetDialog::startExport() {
    TrainingSetRequest req = request();
    if (isBusy() || req.sources.empty() || outputFolder().isEmpty())
        return false;
    m_target = req.folder;
    m_stop = std::stop_source();
    m_progress->setValue(0);
    m_progress->setVisible(true);
    setStatus(tr("Exporting %n image(s) to %1…", nullptr, static_cast<int>(req.sources.size()))
                  .arg(QDir::toNativeSeparators(m_target)),
              false);
    m_watcher.setFuture(QtConcurrent::run(
        [req = std::move(req), token = m_stop.get_token()](QPromise<std::shared_ptr<Outcome>>& promise) {
            promise.setProgressRange(0, kProgressSteps);
            const RunControl rc(token, [&promise](double f, std::string_view) {
                promise.setProgressValue(static_cast<int>(f * kProgressSteps));
            });
            promise.addResult(std::make_shared<Outcome>(exportTrainingSet(req, rc)));
        }));
    updateButtons();
    return true;
}

void TrainingSetDialog::cancelExport() {
    if (!isBusy())
        return;
    m_stop.request_stop();
    setStatus(tr("Cancelling…"), false);
    m_cancel->setEnabled(false);
}

void TrainingSetDialog::onProgress(int value) { m_progress->setValue(value); }

void TrainingSetDialog::onDone() {
    m_progress->setVisible(false);
    const std::shared_ptr<Outcome> r = m_watcher.future().resultCount() > 0 ? m_watcher.result() : nullptr;
    const QString folder = QDir::toNativeSeparators(m_target);
    bool ok = false;
    QString message;
    if (!r) {
        message = tr("The export to %1 ended without a result.").arg(folder);
    } else if (*r) {
        ok = true;
        Settings().setTrainingSetDirectory(m_target); // only a folder that worked is worth suggesting
        const TrainingSetSummary& s = r->value();
        message = tr("Training set written to %1: %2 defect and %3 perfect patches from %n image(s).", nullptr, s.images)
                      .arg(folder).arg(s.defect).arg(s.perfect);
        if (m_unlabelled->isChecked())
            message += QLatin1Char(' ') + tr("%1 unlabelled patches.").arg(s.unlabelled);
        for (const QString& note : s.notes)
            message += QLatin1Char('\n') + note;
    } else if (r->error().code == ErrorCode::Cancelled) {
        message = tr("Export cancelled: nothing was written to %1.").arg(folder);
    } else {
        message = tr("Could not export the training set to %1: %2")
                      .arg(folder, QString::fromStdString(r->error().message));
    }
    setStatus(message, !ok && !(r && r->error().code == ErrorCode::Cancelled));
    updateButtons();
    emit exportFinished(ok, message);
    if (m_closeWhenDone)
        QDialog::reject();
}

void TrainingSetDialog::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Training set folder"), outputFolder());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void TrainingSetDialog::updateButtons() {
    const bool busy = isBusy();
    const bool any = !(wholeProject() ? m_snapshot.labelled : m_snapshot.current).empty();
    m_export->setEnabled(!busy && any && !outputFolder().isEmpty());
    m_cancel->setVisible(busy);
    m_cancel->setEnabled(busy && !m_stop.stop_requested());
    for (QWidget* w : std::initializer_list<QWidget*>{m_browse, m_folder, m_current, m_project, m_unlabelled,
                                                     m_augment, m_hdf5})
        w->setEnabled(!busy);
    m_current->setEnabled(!busy && !m_snapshot.current.empty());
    m_project->setEnabled(!busy && !m_snapshot.labelled.empty());
}

void TrainingSetDialog::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void TrainingSetDialog::reject() {
    if (isBusy()) {
        // Closing mid-export cancels it; the dialog goes once the worker has stopped, so no
        // export finishes unseen.
        m_closeWhenDone = true;
        cancelExport();
        return;
    }
    QDialog::reject();
}

} // namespace ds::ui
