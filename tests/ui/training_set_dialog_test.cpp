// File > Export training set: the dialog writes the same stacks, patch table and HDF5 content as
// `defectscope-cli export-patches --project` for the same project (byte for byte), a cancelled
// export leaves no dataset behind, a failure names the image and the reason, and the folder is
// remembered only after an export that worked.
#include "labelled_project_support.h"
#include "support/cli_run.h"
#include "support/test_data.h"
#include "ui/report/training_set_dialog.h"
#include "ui/report/training_set_export.h"
#include "ui/session/session.h"
#include "ui/window/settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs the dialog's export to the end; the message it finished with.
bool exportWith(TrainingSetDialog& dialog, QString* message) {
    QSignalSpy done(&dialog, &TrainingSetDialog::exportFinished);
    if (!dialog.startExport() || !done.wait(300000))
        return false;
    *message = done.front().at(1).toString();
    return done.front().at(0).toBool();
}

} // namespace

class TrainingSetDialogTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QStringList m_images;

private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_images = test::writeLabelledImages(m_dir.path(), 2);
        QCOMPARE(m_images.size(), 2);
    }

    void writesWhatTheCliWrites() {
        if (test::cliPath().isEmpty())
            QSKIP("defectscope-cli not built (DEFECTSCOPE_CLI unset)");
        Session session;
        // Every third patch labelled: the others go to the unlabelled stack with --unlabelled.
        QVERIFY(test::labelFromTruth(session, m_images, 3));
        const QString project = m_dir.filePath("labelled.dsproj");
        QString error;
        QVERIFY2(session.saveProject(project, &error), qPrintable(error));

        const QString cliDir = m_dir.filePath("cli_set");
        const test::CliRun cli =
            test::runCli({"export-patches", "--project", project, "--out", cliDir, "--unlabelled", "--hdf5"}, 300000);
        QVERIFY2(cli.code == 0, cli.err.constData());

        TrainingSetDialog dialog(snapshotTrainingSet(session));
        dialog.setWholeProject(true);
        dialog.setOptions(true, false, true);
        const QString guiDir = m_dir.filePath("gui_set");
        dialog.setOutputFolder(guiDir);
        QCOMPARE(static_cast<int>(dialog.request().sources.size()), 2);
        QString message;
        QVERIFY2(exportWith(dialog, &message), qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(guiDir)), qPrintable(message));
        for (const char* name : {"defect_patches.npy", "perfect_patches.npy", "unlabelled_patches.npy", "patches.csv"}) {
            const QByteArray gui = fileBytes(QDir(guiDir).filePath(name));
            QVERIFY2(!gui.isEmpty(), name);
            QVERIFY2(gui == fileBytes(QDir(cliDir).filePath(name)), qPrintable(QStringLiteral("%1 differs").arg(name)));
        }
        if (qEnvironmentVariableIsSet("DS_LAYOUT_GRAB")) // to look at it: DS_LAYOUT_GRAB=/tmp/dir
            dialog.grab().save(QDir(qEnvironmentVariable("DS_LAYOUT_GRAB")).filePath("training_set_dialog.png"));
        QVERIFY(QFile::exists(QDir(guiDir).filePath("dataset.h5")));
        QVERIFY(QFile::exists(QDir(guiDir).filePath("dataset.json")));
        QCOMPARE(Settings().trainingSetDirectory(), QDir::cleanPath(QDir(guiDir).absolutePath()));

        // The current image alone: only its patches.
        TrainingSetDialog one(snapshotTrainingSet(session));
        one.setWholeProject(false);
        one.setOutputFolder(m_dir.filePath("one_set"));
        QVERIFY2(exportWith(one, &message), qPrintable(message));
        QVERIFY(fileBytes(m_dir.filePath("one_set/patches.csv")).contains(QFileInfo(m_images[0]).fileName().toUtf8()));
        QVERIFY(!fileBytes(m_dir.filePath("one_set/patches.csv")).contains(QFileInfo(m_images[1]).fileName().toUtf8()));
    }

    void cancelLeavesNoDataset() {
        Session session;
        QVERIFY(test::labelFromTruth(session, m_images));
        TrainingSetDialog dialog(snapshotTrainingSet(session));
        dialog.setWholeProject(true);
        dialog.setOptions(true, true, true); // augmentation: plenty of work to interrupt
        const QString folder = m_dir.filePath("cancelled_set");
        dialog.setOutputFolder(folder);
        const QString before = Settings().trainingSetDirectory();
        QSignalSpy done(&dialog, &TrainingSetDialog::exportFinished);
        QVERIFY(dialog.startExport());
        QVERIFY(dialog.isBusy());
        dialog.cancelExport();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.front().at(0).toBool(), false);
        QVERIFY2(done.front().at(1).toString().contains("cancelled"), qPrintable(done.front().at(1).toString()));
        // Nothing at all was written: no folder, so no half dataset a notebook could pick up.
        QVERIFY(!QDir(folder).exists());
        QCOMPARE(Settings().trainingSetDirectory(), before);
    }

    void failureNamesTheImage() {
        QTemporaryDir dir;
        const QStringList images = test::writeLabelledImages(dir.path(), 2);
        QCOMPARE(images.size(), 2);
        const QString project = dir.filePath("p.dsproj");
        {
            Session session;
            QVERIFY(test::labelFromTruth(session, images));
            QString error;
            QVERIFY(session.saveProject(project, &error));
        }
        // The second image's file is gone: it has labels in the project but cannot be read.
        QVERIFY(QFile::remove(images[1]));
        Session session;
        QString error;
        QVERIFY2(session.openProject(project, &error), qPrintable(error));
        QVERIFY(test::waitForPixels(session, 0));
        TrainingSetDialog dialog(snapshotTrainingSet(session));
        dialog.setWholeProject(true);
        const QString folder = dir.filePath("failed_set");
        dialog.setOutputFolder(folder);
        QString message;
        QVERIFY(!exportWith(dialog, &message));
        QVERIFY2(message.contains(QFileInfo(images[1]).fileName()), qPrintable(message));
        QVERIFY(!QFile::exists(QDir(folder).filePath("dataset.json")));
        QCOMPARE(dialog.statusText(), message);
    }
};

QTEST_MAIN(TrainingSetDialogTest)
#include "training_set_dialog_test.moc"
