// defectscope-cli evaluate / score / train end to end on a synthetic micrograph written as .npy:
// output format, JSON keys, partial failure exit code, model round trip through files.
#include "core/io/write_micrograph.h"
#include "core/labels/label_csv.h"
#include "core/labels/truth_points.h"
#include "core/synth/synthetic_graphene.h"
#include "support/test_data.h"

#include <opencv2/imgcodecs.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(ds::test::cliPath(), args);
    Run r;
    if (!p.waitForFinished(300000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class PipelineCliTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_image, m_truth, m_labels, m_someLabels;
    int m_someLabelled = 0;
    ds::SyntheticImage m_synth;

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty() || !QFile::exists(ds::test::cliPath()))
            QSKIP("defectscope-cli not built (DEFECTSCOPE_CLI unset)");
        ds::SynthOptions o;
        o.width = o.height = 256;
        o.bondPx = 10;
        o.seed = 4;
        o.singleVacancies = 3;
        o.dopants = 3;
        m_synth = ds::synthesizeGraphene(o);
        m_image = m_dir.filePath("synth.npy");
        m_truth = m_dir.filePath("synth.truth.csv");
        m_labels = m_dir.filePath("synth.labels.csv");
        QVERIFY(ds::writeNpy(m_image.toStdString(), m_synth.pixels).ok());
        QVERIFY(ds::writeTruthPoints(m_truth.toStdString(), m_synth.truth).ok());
        // Hand labels: the patches holding truth points are defects, a few far ones perfect.
        auto grid = ds::PatchGrid::create({40, 20, 0, 0}, 256, 256);
        const auto truthLabels = ds::labelsFromTruth(*grid, m_synth.truth);
        std::vector<ds::LabelledRect> rects;
        for (int i = 0; i < grid->size(); ++i)
            if (truthLabels[i] == ds::Label::Defect || i % 4 == 0)
                rects.push_back({grid->rect(i), truthLabels[i]});
        QVERIFY(ds::writeLabelCsv(m_labels.toStdString(), rects).ok());
        // A second file labels only every other defect patch (and some perfect ones).
        std::vector<ds::LabelledRect> some;
        int defects = 0;
        for (int i = 0; i < grid->size(); ++i)
            if ((truthLabels[i] == ds::Label::Defect && defects++ % 2 == 0) ||
                (truthLabels[i] == ds::Label::Perfect && i % 5 == 0))
                some.push_back({grid->rect(i), truthLabels[i]});
        m_someLabelled = static_cast<int>(some.size());
        m_someLabels = m_dir.filePath("some.labels.csv");
        QVERIFY(ds::writeLabelCsv(m_someLabels.toStdString(), some).ok());
    }

    void evaluatePrintsAurocAndJson() {
        const QString json = m_dir.filePath("eval.json");
        auto r = cli({"evaluate", m_image, "--truth", m_truth, "--detector", "knn", "--features", "raw", "--patch",
                      "40", "--stride", "20", "--json", json, "--bootstrap", "200"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("AUROC "), qPrintable(r.out));
        const double printed = r.out.mid(6).trimmed().toDouble();
        const QJsonObject j = readJson(json);
        for (const char* key : {"auroc", "auroc_ci95", "patches", "labelled_defect_patches", "detector", "features", "patch",
                                "stride", "seconds"})
            QVERIFY2(j.contains(key), key);
        QVERIFY(std::abs(j["auroc"].toDouble() - printed) < 1e-4);
        QCOMPARE(j["patches"].toInt(), 121); // (256 - 40) / 20 + 1 = 11 columns and rows
        QCOMPARE(j["detector"].toString(), QString("knn"));
        QVERIFY(printed > 0.6);
        const auto ci = j["auroc_ci95"].toArray();
        QVERIFY(ci[0].toDouble() <= j["auroc"].toDouble() && j["auroc"].toDouble() <= ci[1].toDouble());
    }

    void evaluatePooledPrintsFramesMeanAndPooled() {
        // A batch of two frame sizes, truth beside each image (NAME.truth.csv), patch side by width.
        QTemporaryDir dir;
        ds::SynthOptions o;
        o.width = o.height = 128;
        o.bondPx = 8;
        o.seed = 5;
        o.dopants = 2;
        const ds::SyntheticImage small = ds::synthesizeGraphene(o);
        const QString smallImage = dir.filePath("small.npy"), bigImage = dir.filePath("big.npy");
        QVERIFY(ds::writeNpy(smallImage.toStdString(), small.pixels).ok());
        QVERIFY(ds::writeTruthPoints(dir.filePath("small.truth.csv").toStdString(), small.truth).ok());
        QVERIFY(ds::writeNpy(bigImage.toStdString(), m_synth.pixels).ok());
        QVERIFY(ds::writeTruthPoints(dir.filePath("big.truth.csv").toStdString(), m_synth.truth).ok());
        auto r = cli({"evaluate", smallImage, bigImage, "--detector", "knn", "--patch-by-width", "128=32,256=40",
                      "--bootstrap", "10"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith(smallImage) && lines[0].contains("patch 32"), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(bigImage) && lines[1].contains("patch 40"), qPrintable(lines[1]));
        const double a = lines[0].section(' ', 1, 1).toDouble(), b = lines[1].section(' ', 1, 1).toDouble();
        QVERIFY2(lines[2].startsWith("mean per-frame AUROC "), qPrintable(lines[2]));
        QVERIFY(std::abs(lines[2].section(' ', 3, 3).toDouble() - (a + b) / 2) < 1e-4);
        QVERIFY2(lines[3].startsWith("pooled AUROC "), qPrintable(lines[3]));
        const double pooled = lines[3].section(' ', 2, 2).toDouble();
        QVERIFY(pooled > 0 && pooled <= 1);
        // A width the option does not cover, and per-image options in a batch: clear errors.
        auto missing = cli({"evaluate", smallImage, bigImage, "--patch-by-width", "128=32"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("width 256"), qPrintable(missing.err));
        auto truth = cli({"evaluate", smallImage, bigImage, "--truth", m_truth});
        QCOMPARE(truth.exitCode, 2);
    }

    void evaluateWithHandLabelsExcludesThem() {
        const QString json = m_dir.filePath("eval_labels.json");
        auto r = cli({"evaluate", m_image, "--truth", m_truth, "--detector", "dense", "--features", "stats+fft",
                      "--patch", "40", "--stride", "20", "--labels", m_labels, "--json", json, "--bootstrap", "200"});
        // Every defect patch was hand-labelled here, so no defect is left to evaluate: a clear error.
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("both defect and perfect"), qPrintable(r.err));
    }

    void evaluateWithSomeHandLabels() {
        const QString json = m_dir.filePath("eval_some.json");
        auto r = cli({"evaluate", m_image, "--truth", m_truth, "--detector", "dense", "--features", "stats+fft",
                      "--patch", "40", "--stride", "20", "--labels", m_someLabels, "--json", json, "--bootstrap", "200"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = readJson(json);
        QCOMPARE(j["mode"].toString(), QString("trained"));
        QCOMPARE(j["evaluated_patches"].toInt(), j["patches"].toInt() - m_someLabelled);
        qInfo("dense on half the defects' labels, evaluated on the rest: AUROC %.3f", j["auroc"].toDouble());
        QVERIFY(j["auroc"].toDouble() > 0.6);
    }

    void evaluateWithMaskAddsDefectPatches() {
        const QString mask = m_dir.filePath("synth.mask.png");
        cv::Mat m(256, 256, CV_8U, cv::Scalar(0));
        m(cv::Rect(200, 200, 56, 56)).setTo(255); // covers patch (200,200) fully and its neighbours partly
        QVERIFY(cv::imwrite(mask.toStdString(), m));
        const QString withMask = m_dir.filePath("mask.json"), without = m_dir.filePath("nomask.json");
        auto a = cli({"evaluate", m_image, "--truth", m_truth, "--mask", mask, "--detector", "iforest", "--patch",
                      "40", "--stride", "20", "--json", withMask, "--bootstrap", "100"});
        auto b = cli({"evaluate", m_image, "--truth", m_truth, "--detector", "iforest", "--patch", "40", "--stride",
                      "20", "--json", without, "--bootstrap", "100"});
        QVERIFY2(a.exitCode == 0 && b.exitCode == 0, qPrintable(a.err + b.err));
        QVERIFY(readJson(withMask)["labelled_defect_patches"].toInt() > readJson(without)["labelled_defect_patches"].toInt());
        cv::Mat small(100, 100, CV_8U, cv::Scalar(255));
        QVERIFY(cv::imwrite(mask.toStdString(), small));
        auto c = cli({"evaluate", m_image, "--truth", m_truth, "--mask", mask, "--detector", "iforest", "--patch", "40"});
        QCOMPARE(c.exitCode, 2);
        QVERIFY2(c.err.contains("mask"), qPrintable(c.err));
    }

    void unknownDetectorIsAClearError() {
        auto r = cli({"evaluate", m_image, "--truth", m_truth, "--detector", "magic", "--patch", "40"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown detector 'magic'"), qPrintable(r.err));
    }

    void scoreContinuesPastBadFiles() {
        const QString bad = m_dir.filePath("broken.npy");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x93NUMPY garbage");
        f.close();
        const QString out = m_dir.filePath("scored");
        auto r = cli({"score", m_image, bad, "--detector", "iforest", "--patch", "40", "--stride", "20", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("broken.npy"), qPrintable(r.err));
        QFile csv(out + "/synth/patches.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.first().startsWith("image,index,left_px,top_px,width_px,height_px,") && lines.first().contains(",score,"),
                 qPrintable(lines.first()));
        QCOMPARE(lines.size(), 1 + 121);
        QVERIFY(QFile::exists(out + "/summary.json"));
    }

    void trainThenScoreWithModel() {
        const QString model = m_dir.filePath("dense.dsmodel");
        auto t = cli({"train", m_image, "--labels", m_labels, "--detector", "dense", "--features", "stats", "--patch",
                      "40", "--stride", "20", "--save-model", model});
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        QVERIFY(QFile::exists(model));
        const QString out = m_dir.filePath("scored_model");
        auto s = cli({"score", m_image, "--model", model, "--out", out});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        const QJsonObject summary = readJson(out + "/summary.json");
        const QJsonObject first = summary["images"].toArray()[0].toObject();
        QCOMPARE(first["detector"].toString(), QString("dense"));
        QCOMPARE(first["patches"].toInt(), 121); // the model's grid (40/20), not an automatic one
        auto noLabels = cli({"train", m_image, "--detector", "dense", "--patch", "40", "--save-model", model + "2"});
        QCOMPARE(noLabels.exitCode, 2);
        QVERIFY2(noLabels.err.contains("needs at least 2 defect"), qPrintable(noLabels.err));
    }
};

QTEST_GUILESS_MAIN(PipelineCliTest)
#include "pipeline_cli_test.moc"
