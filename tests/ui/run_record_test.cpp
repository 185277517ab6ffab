// A detector run is one reproducible value (the run-record issue):
// - headless GUI -> project -> `defectscope-cli report` -> the summary's "reproduce" command give the
//   same scores, AUROC and threshold, each in its own process (a self run, then a trained run added
//   by a second GUI process that reopens the project);
// - save and reopen: every run of every image, the shown run, the user's threshold, the ROC AUROCs
//   and the heat-map pixels come back exactly as saved.
#include "core/io/write_micrograph.h"
#include "core/project/project_file.h"
#include "core/synth/synthetic_graphene.h"
#include "gui_test_support.h"
#include "support/test_data.h"
#include "ui/jobs/detector_job.h"
#include "ui/session/detector_results.h"
#include "ui/view/micrograph_view.h"
#include "ui/view/patch_overlay_item.h"
#include "ui/jobs/roc_computation.h"
#include "ui/session/session.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ds;
using namespace ds::ui;

namespace {

struct Proc {
    int exitCode = -1;
    QString out, err;
};

Proc runProgram(const QString& program, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    Proc r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The score column of a patches.csv.
std::vector<double> csvScores(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly | QIODevice::Text);
    const QStringList header = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
    const int col = static_cast<int>(header.indexOf(QStringLiteral("score")));
    std::vector<double> out;
    while (!f.atEnd()) {
        const QStringList row = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
        if (col >= 0 && col < row.size())
            out.push_back(row[col].toDouble());
    }
    return out;
}

// A synthetic graphene frame with point defects, as a float TIFF; returns its truth points too.
QString writeFrame(const QString& path, std::uint64_t seed, std::vector<TruthPoint>* truth) {
    SynthOptions o = demoSynthOptions(seed);
    o.width = o.height = 288;
    const SyntheticImage s = synthesizeGraphene(o);
    *truth = s.truth;
    return writeTiff(path.toStdString(), toMicrograph(s)).ok() ? path : QString();
}

// Hand labels like a scientist's: patches holding a truth point are defects, every third other
// patch perfect.
std::vector<Label> handLabels(const PatchGrid& g, const std::vector<TruthPoint>& truth) {
    std::vector<Label> labels(static_cast<std::size_t>(g.size()), Label::Unlabelled);
    for (int i = 0; i < g.size(); ++i)
        if (i % 3 == 0)
            labels[static_cast<std::size_t>(i)] = Label::Perfect;
    for (const TruthPoint& p : truth)
        for (int i : g.patchesContaining(p.x, p.y))
            labels[static_cast<std::size_t>(i)] = Label::Defect;
    return labels;
}

void compareScores(const std::vector<double>& a, const std::vector<double>& b, const char* what) {
    QVERIFY2(a.size() == b.size() && !a.empty(), what);
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY2(std::abs(a[i] - b[i]) <= 1e-6 * std::max(1.0, std::abs(a[i])), what);
}

} // namespace

class RunRecordTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void guiProjectReportAndReproduceAgree() {
        if (test::guiPath().isEmpty() || test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_GUI / DEFECTSCOPE_CLI not set (run through ctest)");
        QTemporaryDir tmp;
        std::vector<TruthPoint> truth;
        const QString image = writeFrame(tmp.filePath("frame.tif"), 3, &truth);
        QVERIFY(!image.isEmpty());
        // A project with hand labels on a fixed grid, written as the GUI would have saved it.
        Project p;
        ProjectImage img;
        img.path = image.toStdString();
        img.width = img.height = 288;
        img.grid = GridSpec{48, 24, 0, 0};
        img.labels = handLabels(*img.patchGrid(), truth);
        p.addImage(img);
        const QString project = tmp.filePath("p.dsproj");
        QVERIFY(writeProject(project.toStdString(), p).ok());

        // Process 1: a self run. Process 2 reopens that project and adds a trained run.
        Proc gui = runProgram(test::guiPath(), {QStringLiteral("--open"), project, QStringLiteral("--run"),
                                                QStringLiteral("iforest"), QStringLiteral("--save-project"), project});
        QVERIFY2(gui.exitCode == 0, qPrintable(gui.err));
        gui = runProgram(test::guiPath(), {QStringLiteral("--open"), project, QStringLiteral("--run"),
                                           QStringLiteral("knn"), QStringLiteral("--train"),
                                           QStringLiteral("--save-project"), project});
        QVERIFY2(gui.exitCode == 0, qPrintable(gui.err));
        auto saved = readProject(project.toStdString());
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
        const ProjectImage& s = saved->images[0];
        QCOMPARE(s.runs.size(), std::size_t(2));
        QCOMPARE(s.scoresDetector(), std::string("knn"));
        QVERIFY(s.shown()->spec.mode == RunMode::Trained);
        QVERIFY(!s.shown()->result.trainedOn.empty());
        QCOMPARE(s.shown()->spec.params.count("k"), std::size_t(1)); // every parameter resolved

        // The CLI writes the shown run's report without running anything.
        const QString out = tmp.filePath("report");
        const Proc report = runProgram(test::cliPath(), {QStringLiteral("report"), project, QStringLiteral("--out"), out,
                                                         QStringLiteral("--no-figures")});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err + report.out));
        const QString folder = QDir(out).filePath(QStringLiteral("frame"));
        const QJsonObject summary = readJson(QDir(folder).filePath(QStringLiteral("summary.json")));
        const std::vector<double> reported = csvScores(QDir(folder).filePath(QStringLiteral("patches.csv")));
        std::vector<double> stored(s.scores().begin(), s.scores().end());
        compareScores(reported, stored, "report vs project scores");
        QCOMPARE(summary[QStringLiteral("mode")].toString(), QStringLiteral("trained"));
        QCOMPARE(summary[QStringLiteral("auroc_kind")].toString(), QStringLiteral("out_of_fold"));
        QVERIFY(summary[QStringLiteral("seconds")].toDouble() > 0);
        QVERIFY(summary[QStringLiteral("parameters")].toObject().contains(QStringLiteral("k")));

        // Its "reproduce" command recomputes the same scores, AUROC and threshold from the image.
        QStringList argv;
        for (const QJsonValue& v : summary[QStringLiteral("reproduce")].toArray())
            argv << v.toString();
        QVERIFY2(argv.size() > 4 && argv[1] == QStringLiteral("score"), qPrintable(argv.join(' ')));
        const QString again = tmp.filePath("again");
        argv[static_cast<int>(argv.indexOf(QStringLiteral("OUT")))] = again;
        argv << QStringLiteral("--no-figures");
        const Proc rerun = runProgram(test::cliPath(), argv.mid(1));
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.err + argv.join(' ')));
        const QString folder2 = QDir(again).filePath(QStringLiteral("frame"));
        const QJsonObject summary2 = readJson(QDir(folder2).filePath(QStringLiteral("summary.json")));
        compareScores(csvScores(QDir(folder2).filePath(QStringLiteral("patches.csv"))), reported, "reproduce vs report");
        QCOMPARE(summary2[QStringLiteral("auroc")].toDouble(), summary[QStringLiteral("auroc")].toDouble());
        QCOMPARE(summary2[QStringLiteral("threshold")].toDouble(), summary[QStringLiteral("threshold")].toDouble());
        QCOMPARE(summary2[QStringLiteral("threshold_rule")].toString(),
                 summary[QStringLiteral("threshold_rule")].toString());
    }

    void saveAndReopenRestoresRunsThresholdsRocAndHeatMap() {
        QTemporaryDir tmp;
        std::vector<TruthPoint> truthA, truthB;
        const QString a = writeFrame(tmp.filePath("a.tif"), 4, &truthA);
        const QString b = writeFrame(tmp.filePath("b.tif"), 5, &truthB);
        Session s;
        s.setDefaultGrid(GridSpec{48, 24, 0, 0});
        s.addImageFiles({a, b});
        QVERIFY(test::waitForPixels(s, 0));
        s.setCurrentImage(1);
        QVERIFY(test::waitForPixels(s, 1));
        DetectorResults results(&s);
        for (int index : {0, 1}) {
            s.setCurrentImage(index);
            const std::vector<Label> labels = handLabels(s.grid(index), index ? truthB : truthA);
            std::vector<int> defect, perfect;
            for (int i = 0; i < static_cast<int>(labels.size()); ++i)
                (labels[static_cast<std::size_t>(i)] == Label::Defect    ? defect
                 : labels[static_cast<std::size_t>(i)] == Label::Perfect ? perfect
                                                                          : std::vector<int>{})
                    .push_back(i);
            s.setLabels(defect, Label::Defect);
            s.setLabels(perfect, Label::Perfect);
            // Three detectors, one trained on the labels.
            for (auto [id, mode] : {std::pair{"iforest", RunMode::Self}, std::pair{"knn", RunMode::Trained},
                                    std::pair{"ocsvm", RunMode::Self}}) {
                DetectorRequest req;
                req.spec.detector = id;
                req.spec.mode = mode;
                req.spec = resolveRunSpec(req.spec).value();
                req.images.push_back({s.idOf(index), s.pixels(index), {}, s.image(index)->grid, s.image(index)->labels});
                auto job = runDetectorJob(req, RunControl::none());
                QVERIFY2(job.ok() && job->results.size() == 1, job.ok() ? "no result" : job.error().message.c_str());
                QVERIFY(results.add(job->results.front()));
            }
        }
        // Image 0 shows knn with a threshold the user set; image 1 shows ocsvm with the rule's.
        s.setCurrentImage(0);
        s.showRun(0, "knn");
        results.setThreshold(0.4);
        s.setCurrentImage(1);

        auto rocOf = [](const Session& session, int index) {
            std::vector<RocInput> inputs;
            for (const StoredRun& r : session.image(index)->runs)
                inputs.push_back({r.result.detector, r.result.evalScores, false});
            std::vector<double> aurocs;
            for (const RocCurveResult& c : computeRocCurves(inputs, session.image(index)->labels, std::nullopt))
                aurocs.push_back(c.valid ? c.auroc : -1);
            return aurocs;
        };
        auto heatMap = [](Session& session, int index, std::optional<double> threshold) {
            session.setCurrentImage(index);
            MicrographView view(&session);
            view.resize(500, 500);
            view.overlay()->setShowHeatMap(true);
            view.overlay()->setThreshold(threshold ? std::optional<float>(static_cast<float>(*threshold)) : std::nullopt);
            view.show();
            QTest::qWait(50);
            return view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        };
        const QString file = tmp.filePath("two.dsproj");
        QString error;
        const std::vector<double> roc0 = rocOf(s, 0), roc1 = rocOf(s, 1);
        s.setCurrentImage(0);
        const auto threshold0 = results.threshold();
        s.setCurrentImage(1);
        const auto threshold1 = results.threshold();
        const QString rule1 = results.thresholdRule();
        const QImage heat0 = heatMap(s, 0, threshold0), heat1 = heatMap(s, 1, threshold1);
        QVERIFY2(s.saveProject(file, &error), qPrintable(error));

        Session t;
        QVERIFY2(t.openProject(file, &error), qPrintable(error));
        QVERIFY(test::waitForPixels(t, t.currentIndex()));
        DetectorResults reopened(&t);
        for (int index : {0, 1}) {
            const ProjectImage &before = *s.image(index), &after = *t.image(index);
            QCOMPARE(after.id, before.id);
            QCOMPARE(after.runs.size(), std::size_t(3));
            QCOMPARE(after.shownRun, before.shownRun);
            for (std::size_t r = 0; r < 3; ++r) {
                QVERIFY(after.runs[r].spec == before.runs[r].spec);
                QVERIFY(after.runs[r].result.scores == before.runs[r].result.scores);
                QCOMPARE(after.runs[r].userThreshold, before.runs[r].userThreshold);
            }
        }
        QCOMPARE(rocOf(t, 0), roc0);
        QCOMPARE(rocOf(t, 1), roc1);
        t.setCurrentImage(0);
        QVERIFY(test::waitForPixels(t, 0));
        QCOMPARE(reopened.threshold(), threshold0);
        QCOMPARE(reopened.thresholdRule(), QStringLiteral("fixed"));
        t.setCurrentImage(1);
        QCOMPARE(reopened.threshold(), threshold1);
        QCOMPARE(reopened.thresholdRule(), rule1);
        QVERIFY(!heat0.isNull());
        QVERIFY(heatMap(t, 0, threshold0) == heat0);
        QVERIFY(heatMap(t, 1, threshold1) == heat1);

        // Removing image 0 leaves image 1's runs, labels and undo history alone.
        const std::vector<Label> labels1 = t.image(1)->labels;
        t.setCurrentImage(1);
        const int patch = static_cast<int>(std::find(labels1.begin(), labels1.end(), Label::Unlabelled) - labels1.begin());
        t.setLabels({patch}, Label::Defect);
        const int steps = t.undoStack()->count();
        t.removeImage(0);
        QCOMPARE(t.imageCount(), 1);
        QCOMPARE(t.image(0)->runs.size(), std::size_t(3));
        QCOMPARE(t.undoStack()->count(), steps);
        t.undoStack()->undo();
        QVERIFY(t.image(0)->labels == labels1);
    }
};

QTEST_MAIN(RunRecordTest)
#include "run_record_test.moc"
