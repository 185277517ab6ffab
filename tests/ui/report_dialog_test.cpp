// File > Export Report: the dialog builds the report from a snapshot of the demo image with known
// scores and hand labels, previews the annotated figure, and writes the folder off the GUI thread;
// the files are parsed back (CSV header, one row per patch with the given scores, labels and
// predictions at the chosen threshold; JSON fields; PNG of the documented size). An output folder
// that cannot be created gives an error naming it and leaves nothing behind. The main window's
// action is enabled only once the current image has scores.
// Manual look: DS_REPORT_GRAB=/tmp/report_dialog.png saves a grab of the dialog.
#include "core/eval/roc.h"
#include "core/report/annotated_image.h"
#include "core/report/patch_csv.h"
#include "gui_test_support.h"
#include "ui/session/detector_results.h"
#include "ui/window/main_window.h"
#include "ui/actions/report_actions.h"
#include "ui/report/report_dialog.h"
#include "ui/report/report_export.h"
#include "ui/session/session.h"
#include "ui/window/settings.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace ds;
using namespace ds::ui;

namespace {
// A deterministic permutation-like score per patch (distinct values, no ordering by index).
std::vector<float> knownScores(int n) {
    std::vector<float> s(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        s[static_cast<size_t>(i)] =
            static_cast<float>((static_cast<long>(i) * 7919 % n) + 0.5) / static_cast<float>(n);
    return s;
}

QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}
} // namespace

class ReportDialogTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::vector<int> m_defects; // the patches prepare() labels defect (0 and the two top scores)

    // The demo with known scores, three defect and three perfect labels.
    void prepare(Session& s, std::vector<float>* scores) {
        s.openDemo(1);
        QVERIFY(test::waitForPixels(s, 0));
        const int n = s.grid(0).size();
        QVERIFY(n > 20);
        *scores = knownScores(n);
        // Defects: the two highest-scored patches and patch 0 (the lowest): a non-trivial AUROC.
        const auto top = std::max_element(scores->begin(), scores->end()) - scores->begin();
        const int first = static_cast<int>(top);
        (*scores)[static_cast<size_t>(first)] = -1;
        const int second =
            static_cast<int>(std::max_element(scores->begin(), scores->end()) - scores->begin());
        *scores = knownScores(n);
        m_defects = {0, first, second};
        QVERIFY(test::addTestRun(s, 0, *scores, "test-detector"));
        s.setLabels(m_defects, Label::Defect);
        s.setLabels({1, 2, 3}, Label::Perfect);
    }

private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(m_dir.isValid());
    }

    void exportWritesParsableFiles() {
        Session s;
        std::vector<float> scores;
        prepare(s, &scores);
        const int n = s.grid(0).size();
        const double threshold = 0.75;
        s.setRunThreshold(0, threshold); // the user's threshold of the shown run
        auto snap = snapshotImage(s, 0);
        QVERIFY2(snap.ok(), snap.ok() ? "" : snap.error().message.c_str());

        ReportDialog dialog(snap.value());
        QSignalSpy preview(&dialog, &ReportDialog::previewFinished);
        QVERIFY(preview.wait(60000));
        QCOMPARE(preview.first().first().toBool(), true);
        QVERIFY(dialog.previewReady());
        QVERIFY(dialog.report());
        QCOMPARE(dialog.report()->threshold, threshold);
        QVERIFY(dialog.report()->auroc.has_value());

        const QString folder = m_dir.filePath(QStringLiteral("out/report one"));
        dialog.setOutputFolder(folder);
        dialog.setFiles(true, true, true);
        QSignalSpy done(&dialog, &ReportDialog::exportFinished);
        QVERIFY(dialog.exportReport());
        QVERIFY(dialog.isBusy());
        QVERIFY(!dialog.exportReport()); // one job at a time
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QVERIFY(done.first().at(1).toString().contains(QDir::toNativeSeparators(folder)));
        QCOMPARE(Settings().reportDirectory(), QDir::cleanPath(folder));

        // CSV: header, one row per patch, scores read back exactly, labels, predictions.
        const QStringList lines = readLines(folder + QStringLiteral("/patches.csv"));
        QCOMPARE(lines.size(), n + 1);
        QCOMPARE(lines.first(), QString::fromLatin1(kPatchCsvHeader));
        const QStringList header = lines.first().split(QLatin1Char(','));
        const auto column = [&header](const char* name) {
            return static_cast<int>(header.indexOf(QLatin1String(name)));
        };
        // Corner and centre, each in pixels and in nm, under names that say which is which.
        for (const char* name : {"left_px", "top_px", "centre_x_px", "centre_y_px", "left_nm",
                                 "top_nm", "centre_x_nm", "centre_y_nm", "width_nm", "height_nm"})
            QVERIFY2(column(name) >= 0, name);
        QVERIFY(!header.contains(QStringLiteral("x")) && !header.contains(QStringLiteral("x_nm")));
        const PatchGrid grid = s.grid(0);
        const auto nmPerPx = s.pixels(0)->micrograph.x.nmPerPixel();
        QVERIFY(nmPerPx.has_value());
        int predicted = 0;
        for (int i = 0; i < n; ++i) {
            const QStringList f = lines[i + 1].split(QLatin1Char(','));
            QCOMPARE(f.size(), header.size());
            QCOMPARE(f[1].toInt(), i);
            const cv::Rect r = grid.rect(i);
            QCOMPARE(f[column("left_px")].toInt(), r.x);
            QCOMPARE(f[column("top_px")].toInt(), r.y);
            QCOMPARE(f[column("centre_x_px")].toDouble(), r.x + r.width / 2.0);
            QCOMPARE(f[column("centre_y_px")].toDouble(), r.y + r.height / 2.0);
            QVERIFY(std::abs(f[column("left_nm")].toDouble() - r.x * *nmPerPx) < 1e-9);
            QVERIFY(std::abs(f[column("centre_x_nm")].toDouble() - (r.x + r.width / 2.0) * *nmPerPx) < 1e-9);
            QVERIFY(std::abs(f[column("width_nm")].toDouble() - r.width * *nmPerPx) < 1e-9);
            QCOMPARE(f[column("score")].toFloat(), scores[static_cast<size_t>(i)]);
            const bool defect = std::find(m_defects.begin(), m_defects.end(), i) != m_defects.end();
            const QString label = defect               ? QStringLiteral("defect")
                                  : (i >= 1 && i <= 3) ? QStringLiteral("perfect")
                                                       : QString();
            QCOMPARE(f[column("label")], label);
            const bool above = scores[static_cast<size_t>(i)] >= threshold;
            QCOMPARE(f[column("predicted")], above ? QStringLiteral("1") : QStringLiteral("0"));
            predicted += above;
        }

        // JSON: the fields the issue names, with the values this input implies.
        std::ifstream in((folder + QStringLiteral("/summary.json")).toStdString());
        const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
        QVERIFY(!j.is_discarded());
        for (const char* key :
             {"image", "calibration", "grid", "detector", "parameters", "auroc", "auroc_ci95",
              "threshold", "defect_patches", "defect_density_per_nm2", "seconds", "versions"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["patches"].get<int>(), n);
        QCOMPARE(j["detector"].get<std::string>(), std::string("test-detector"));
        QCOMPARE(j["labels"].get<std::string>(), std::string("hand"));
        QCOMPARE(j["threshold"].get<double>(), threshold);
        QCOMPARE(j["defect_patches"].get<int>(), predicted);
        const std::vector<Label> labels = s.image(0)->labels;
        const auto expected = auroc(scores, labels);
        QVERIFY(expected.ok());
        QCOMPARE(j["auroc"].get<double>(), expected.value());

        // PNG: full resolution under the header band.
        QImage png(folder + QStringLiteral("/annotated.png"));
        QVERIFY(!png.isNull());
        const auto px = s.pixels(0);
        QCOMPARE(png.width(), px->micrograph.width());
        QCOMPARE(png.height(),
                 px->micrograph.height() + annotationHeaderHeight(px->micrograph.width()));
        // The preview is the same figure, only smaller.
        const QImage shown = dialog.previewImage();
        QVERIFY(std::abs(double(shown.width()) / shown.height() -
                         double(png.width()) / png.height()) < 0.01);

        // The hand labels beside the summary (its "reproduce" command reads them), and no
        // temporary files left behind.
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{QStringLiteral("annotated.png"), QStringLiteral("labels.csv"),
                              QStringLiteral("patches.csv"), QStringLiteral("summary.json")}));
        const QJsonObject json = QJsonDocument::fromJson([&] {
            QFile f(QDir(folder).filePath(QStringLiteral("summary.json")));
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }()).object();
        QCOMPARE(json[QStringLiteral("threshold_rule")].toString(), QStringLiteral("fixed"));
        QVERIFY(json[QStringLiteral("reproduce")].isNull()); // the synthetic demo image is no file

        dialog.resize(900, 760);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QPixmap grab = dialog.grab();
        QVERIFY(!grab.isNull());
        if (qEnvironmentVariableIsSet("DS_REPORT_GRAB"))
            grab.save(qEnvironmentVariable("DS_REPORT_GRAB"));
    }

    void onlyChosenFiles() {
        Session s;
        std::vector<float> scores;
        prepare(s, &scores);
        auto snap = snapshotImage(s, 0);
        QVERIFY(snap.ok());
        ReportDialog dialog(snap.value());
        const QString folder = m_dir.filePath(QStringLiteral("csv-only"));
        dialog.setOutputFolder(folder);
        dialog.setFiles(false, true, false);
        QSignalSpy done(&dialog, &ReportDialog::exportFinished);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 60000); // the preview first
        QVERIFY(dialog.exportReport());
        QVERIFY(done.wait(60000));
        QVERIFY(done.first().at(0).toBool());
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("patches.csv")});
        dialog.setFiles(false, false, false);
        QVERIFY(!dialog.exportReport()); // nothing chosen: nothing to do
    }

    void unwritableFolderGivesErrorAndNoFiles() {
        Session s;
        std::vector<float> scores;
        prepare(s, &scores);
        auto snap = snapshotImage(s, 0);
        QVERIFY(snap.ok());
        ReportDialog dialog(snap.value());
        // A folder below a regular file can never be created (whoever runs the test, root too).
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        {
            QFile f(blocker);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a folder");
        }
        const QString folder = blocker + QStringLiteral("/report");
        dialog.setOutputFolder(folder);
        QSignalSpy done(&dialog, &ReportDialog::exportFinished);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 60000);
        QVERIFY(dialog.exportReport());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toBool(), false);
        const QString message = done.first().at(1).toString();
        QVERIFY2(message.contains(QDir::toNativeSeparators(folder)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Not a directory"), Qt::CaseInsensitive) ||
                     message.contains(QStringLiteral("not a directory"), Qt::CaseInsensitive),
                 qPrintable(message));
        QCOMPARE(dialog.statusText(), message);
        QVERIFY(!QFileInfo::exists(folder));
        QVERIFY(Settings().reportDirectory() != QDir::cleanPath(folder)); // not suggested again
        QCOMPARE(QDir(m_dir.path())
                     .entryList({QStringLiteral("blocker*")}, QDir::AllEntries | QDir::Hidden),
                 QStringList{QStringLiteral("blocker")});
    }

    // A detector trained on hand labels: the figure and CSV show its scores, the AUROC comes from
    // the out-of-fold scores (as in the ROC panel), and the heat map's threshold is the report's.
    void honestAurocAndSharedThreshold() {
        Session s;
        std::vector<float> scores;
        prepare(s, &scores);
        const std::vector<Label> labels = s.image(0)->labels;
        DetectorResults results(&s);
        std::vector<float> evalScores = scores;
        // Out of fold, the labelled defects score low: the honest AUROC is worse.
        for (int i : m_defects)
            evalScores[static_cast<size_t>(i)] = 0.0f;
        QVERIFY(test::addTestRun(s, 0, scores, "test-detector", evalScores, labels));
        results.setThreshold(0.5);
        QCOMPARE(*results.threshold(), 0.5);
        auto snap = snapshotImage(s, 0);
        QVERIFY(snap.ok());
        auto report = buildReport(snap.value());
        QVERIFY(report.ok());
        QCOMPARE(report->threshold, 0.5);
        QCOMPARE(report->thresholdRule, std::string("fixed"));
        QVERIFY(report->scores == scores);
        const double honest = auroc(evalScores, labels).value();
        QVERIFY(std::abs(honest - auroc(scores, labels).value()) > 0.1);
        QCOMPARE(*report->auroc, honest);
        QVERIFY(report->aurocCi && report->aurocCi->low <= honest &&
                honest <= report->aurocCi->high);
    }

    void snapshotNeedsScores() {
        Session s;
        s.openDemo(1);
        QVERIFY(test::waitForPixels(s, 0));
        QVERIFY(!snapshotImage(s, 0).ok());
    }

    void menuActionFollowsScores() {
        MainWindow w;
        w.setInteractive(false);
        auto* actions = w.findChild<ReportActions*>();
        QVERIFY(actions);
        QAction* a = actions->exportAction();
        QCOMPARE(a->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        bool inFileMenu = false;
        const auto menus = w.menuBar()->actions();
        for (QAction* m : menus)
            if (m->menu() && m->menu()->actions().contains(a))
                inFileMenu =
                    m->menu()->actions().indexOf(a) < m->menu()->actions().size() - 1; // above Quit
        QVERIFY(inFileMenu);
        Session* s = w.session();
        s->openDemo(1);
        QVERIFY(test::waitForPixels(*s, 0));
        QVERIFY(!a->isEnabled());
        QVERIFY(test::addTestRun(*s, 0, knownScores(s->grid(0).size()), "test-detector"));
        QVERIFY(a->isEnabled());
        ReportDialog* dialog = actions->openDialog();
        QVERIFY(dialog);
        QSignalSpy preview(dialog, &ReportDialog::previewFinished);
        QVERIFY(preview.wait(60000));
        QVERIFY(dialog->previewReady());
        dialog->close();
    }

    void cleanupTestCase() { QThreadPool::globalInstance()->waitForDone(); }
};

QTEST_MAIN(ReportDialogTest)
#include "report_dialog_test.moc"
