// Crash safety: a child process edits labels and is killed (SIGKILL) between edits; a new session
// finds the autosave, recovers it, and has exactly the labels of every edit the child completed.
// The test executable is its own child: with DS_CRASH_CHILD=<project> it runs the editing side.
#include "gui_test_support.h"
#include "support/test_data.h"
#include "ui/session/autosaver.h"
#include "ui/session/session.h"

#include <QApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <set>

using namespace ds;
using namespace ds::ui;

namespace {

const std::vector<int> kEdit1{1, 2, 3};    // defect
const std::vector<int> kEdit2{10, 11};     // perfect
const std::vector<int> kEdit3{20, 21, 22}; // defect, never completed before the kill

// The child: open the project, make two edits waiting for each autosave, report, then start a third
// edit as an open brush stroke and wait to be killed.
int runChild(const QString& project) {
    Session s;
    Autosaver autosaver(&s);
    autosaver.setDelay(20);
    QString error;
    if (!s.openProject(project, &error) || !test::waitForPixels(s, 0)) {
        std::fprintf(stderr, "child: cannot open %s: %s %s\n", qPrintable(project),
                     qPrintable(error), qPrintable(s.imageError(0)));
        return 1;
    }
    QSignalSpy written(&autosaver, &Autosaver::written);
    s.setLabels(kEdit1, Label::Defect);
    if (!written.wait(10000)) {
        std::fprintf(stderr, "child: first autosave not written\n");
        return 2;
    }
    s.setLabels(kEdit2, Label::Perfect);
    if (!written.wait(10000)) {
        std::fprintf(stderr, "child: second autosave not written\n");
        return 3;
    }
    std::printf("EDITED\n");
    std::fflush(stdout);
    // "Between edits": the next stroke has begun but the mouse button is still down.
    s.beginStroke();
    QTest::qWait(60000);
    s.paintLabels(kEdit3, Label::Defect);
    s.endStroke();
    QTest::qWait(60000);
    return 0;
}

} // namespace

class AutosaveCrashTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void killedBetweenEditsRecoversCompletedEdits() {
        QTemporaryDir dir;
        const QString image = test::writeTestImage(dir.filePath("c.tif"), 240, 160);
        const QString project = dir.filePath("crash.dsproj");
        {
            Session s;
            s.setDefaultGrid(GridSpec{40, 20, 0, 0});
            s.addImageFiles({image});
            QVERIFY(test::waitForPixels(s, 0));
            QString error;
            QVERIFY(s.saveProject(project, &error));
        }
        QVERIFY(!Autosaver::hasNewerAutosave(project));

        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DS_CRASH_CHILD"), project);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (!out.contains("EDITED") && child.state() == QProcess::Running &&
               waited.elapsed() < 30000) {
            child.waitForReadyRead(200);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("EDITED") && child.state() == QProcess::Running,
                 qPrintable(QString::fromLocal8Bit(out + child.readAllStandardError())));
        child.kill(); // SIGKILL: no destructors, no close handlers
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        QVERIFY(Autosaver::hasNewerAutosave(project));
        Session recovered;
        QString error;
        QVERIFY2(recovered.recoverAutosave(Autosaver::sidecarFor(project), project, &error),
                 qPrintable(error));
        const auto& labels = recovered.image(0)->labels;
        std::set<int> defect, perfect;
        for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
            if (labels[static_cast<std::size_t>(i)] == Label::Defect)
                defect.insert(i);
            if (labels[static_cast<std::size_t>(i)] == Label::Perfect)
                perfect.insert(i);
        }
        QCOMPARE(defect, std::set<int>(kEdit1.begin(), kEdit1.end()));
        QCOMPARE(perfect, std::set<int>(kEdit2.begin(), kEdit2.end()));
        QVERIFY(recovered.isModified());
        // The project file itself still holds the last deliberate save: nothing labelled.
        Session saved;
        QVERIFY(saved.openProject(project, &error));
        QCOMPARE(countLabels(saved.image(0)->labels).defect, 0);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString child = qEnvironmentVariable("DS_CRASH_CHILD");
    if (!child.isEmpty()) {
        test::isolateSettings();
        return runChild(child);
    }
    AutosaveCrashTest t;
    return QTest::qExec(&t, argc, argv);
}

#include "autosave_crash_test.moc"
