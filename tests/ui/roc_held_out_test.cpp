// The ROC panel's held-out mode: with hand labels on several images, the shown detector trained on
// the OTHER images' labels scores the current image; its AUROC and the pooled AUROC equal what
// `defectscope-cli evaluate --cross-image` reports for the same images and labels (the hand labels
// here are exactly the truth files' labels on the same grid). It says why it cannot run with labels
// on one image only, and Cancel stops a computation without its result ever landing.
#include "core/analysis/run_spec.h"
#include "labelled_project_support.h"
#include "support/cli_run.h"
#include "support/test_data.h"
#include "ui/panels/roc_panel.h"
#include "ui/session/detector_results.h"
#include "ui/session/session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {

// A run of `detector` (its resolved spec, as the detector panel stores it) shown on image `index`.
bool showRunOf(Session& session, int index, const std::string& detector) {
    RunSpec spec;
    spec.detector = detector;
    auto resolved = resolveRunSpec(spec);
    if (!resolved)
        return false;
    StoredRun run;
    run.spec = *resolved;
    run.spec.grid = session.image(index)->grid;
    run.result.grid = session.grid(index);
    run.result.detector = detector;
    run.result.scores.assign(static_cast<std::size_t>(session.grid(index).size()), 0.f);
    run.result.evalScores = run.result.scores;
    if (!session.addRun(session.idOf(index), std::move(run)))
        return false;
    session.showRun(index, detector);
    return true;
}

} // namespace

class RocHeldOutTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QStringList m_images;

private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_images = test::writeLabelledImages(m_dir.path(), 3);
        QCOMPARE(m_images.size(), 3);
    }

    void equalsTheCommandLine() {
        if (test::cliPath().isEmpty())
            QSKIP("defectscope-cli not built (DEFECTSCOPE_CLI unset)");
        const QString json = m_dir.filePath("cross.json");
        const test::CliRun cli = test::runCli({"evaluate", m_images[0], m_images[1], m_images[2], "--cross-image",
                                               "--detector", "dense", "--patch", "40", "--stride", "20", "--json",
                                               json},
                                              600000);
        QVERIFY2(cli.code == 0, cli.err.constData());
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();

        Session session;
        DetectorResults results(&session);
        RocPanel panel(&session, &results);
        QVERIFY(test::labelFromTruth(session, m_images));
        const int current = 1; // not the first: the held-out image is found by id, not position
        session.setCurrentImage(current);
        QVERIFY(showRunOf(session, current, "dense"));
        QSignalSpy finished(&panel, &RocPanel::heldOutFinished);
        panel.setHeldOutEnabled(true);
        QVERIFY(finished.wait(600000));
        QVERIFY2(finished.back().at(0).toBool(), qPrintable(panel.heldOutStatus()));
        QVERIFY(panel.heldOut().has_value());
        const HeldOutRocResult& h = *panel.heldOut();
        const QJsonObject cliImage = j.value("images").toArray().at(current).toObject();
        QCOMPARE(cliImage.value("image").toString(), m_images[current]);
        QVERIFY(h.current.valid);
        QVERIFY(std::abs(h.current.auroc - cliImage.value("auroc").toDouble()) < 1e-9);
        QVERIFY(std::abs(h.pooledAuroc - j.value("pooled").toObject().value("auroc").toDouble()) < 1e-9);
        QCOMPARE(h.images, 3);
        QCOMPARE(h.trainDefect + h.trainPerfect,
                 cliImage.value("train_defect_patches").toInt() + cliImage.value("train_perfect_patches").toInt());
        // The panel says which AUROC is which.
        const QString text = panel.summaryText();
        QVERIFY2(text.contains("held out image") && text.contains("pooled") && text.contains("other images only"),
                 qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(h.current.auroc, 'f', 3)), qPrintable(text));
        if (qEnvironmentVariableIsSet("DS_LAYOUT_GRAB")) { // to look at it: DS_LAYOUT_GRAB=/tmp/dir
            panel.resize(420, 640);
            panel.show();
            QTest::qWait(200);
            panel.grab().save(QDir(qEnvironmentVariable("DS_LAYOUT_GRAB")).filePath("roc_held_out.png"));
        }
    }

    void saysWhyWithOneLabelledImage() {
        Session session;
        DetectorResults results(&session);
        RocPanel panel(&session, &results);
        QVERIFY(test::labelFromTruth(session, {m_images[0]}));
        QVERIFY(showRunOf(session, 0, "dense"));
        QSignalSpy finished(&panel, &RocPanel::heldOutFinished);
        panel.setHeldOutEnabled(true);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.back().at(0).toBool(), false);
        QVERIFY(!panel.heldOut());
        QVERIFY2(panel.heldOutStatus().contains("another image"), qPrintable(panel.heldOutStatus()));
    }

    void cancelStopsIt() {
        Session session;
        DetectorResults results(&session);
        RocPanel panel(&session, &results);
        QVERIFY(test::labelFromTruth(session, m_images));
        QVERIFY(showRunOf(session, 0, "dense"));
        QSignalSpy finished(&panel, &RocPanel::heldOutFinished);
        panel.setHeldOutEnabled(true);
        QVERIFY(QTest::qWaitFor([&] { return panel.heldOutRunning(); }, 10000));
        panel.cancelHeldOut();
        QVERIFY(!panel.heldOutRunning());
        QVERIFY2(panel.heldOutStatus().contains("cancelled"), qPrintable(panel.heldOutStatus()));
        QTest::qWait(1500); // a dropped run that still finishes must not land
        QCOMPARE(finished.count(), 0);
        QVERIFY(!panel.heldOut());
    }
};

QTEST_MAIN(RocHeldOutTest)
#include "roc_held_out_test.moc"
