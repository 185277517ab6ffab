// defectscope-cli demo end to end: the report files exist and parse, the AUROC it prints is the one
// in summary.json and is well above chance, the same seed gives the same report, and bad output
// directories or options give one line on stderr, a non-zero exit and no files.
#include "core/io/read_micrograph.h"
#include "core/report/patch_csv.h"
#include "support/test_data.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runCli(const QStringList& args) {
    QProcess p;
    p.start(ds::test::cliPath(), args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class CliDemoTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_CLI is not set (run through ctest)");
        QVERIFY2(QFile::exists(ds::test::cliPath()), qPrintable(ds::test::cliPath()));
    }

    void demoWritesAReportWithAurocWellAboveChance() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString out = tmp.filePath(QStringLiteral("nested/report"));
        const Run r = runCli({QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const auto match = QRegularExpression(QStringLiteral("^AUROC ([0-9.]+)$"), QRegularExpression::MultilineOption).match(r.out);
        QVERIFY2(match.hasMatch(), qPrintable(r.out));
        const double printed = match.captured(1).toDouble();

        QFile jf(QDir(out).filePath(QStringLiteral("summary.json")));
        QVERIFY(jf.open(QIODevice::ReadOnly));
        QJsonParseError perr;
        const QJsonObject summary = QJsonDocument::fromJson(jf.readAll(), &perr).object();
        QCOMPARE(perr.error, QJsonParseError::NoError);
        for (const char* key : {"auroc", "patches", "defect_patches", "detector", "labelled_defect_patches", "grid", "threshold"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        const double auroc = summary[QStringLiteral("auroc")].toDouble();
        QVERIFY2(auroc > 0.65, qPrintable(QStringLiteral("AUROC %1").arg(auroc)));
        QVERIFY(std::abs(auroc - printed) < 1e-4);
        const QJsonArray ci = summary[QStringLiteral("auroc_ci95")].toArray();
        QCOMPARE(ci.size(), 2);
        QVERIFY(ci[0].toDouble() <= auroc && auroc <= ci[1].toDouble());
        QVERIFY(!summary[QStringLiteral("detector")].toString().isEmpty());
        const int patches = summary[QStringLiteral("patches")].toInt();
        QVERIFY(patches > 100);

        // patches.csv: header + one row per patch; its labels agree with the summary's count.
        const QStringList rows = readLines(QDir(out).filePath(QStringLiteral("patches.csv")));
        QCOMPARE(rows.value(0), QString::fromLatin1(ds::kPatchCsvHeader));
        const QStringList header = rows.value(0).split(QLatin1Char(','));
        const int labelColumn = static_cast<int>(header.indexOf(QStringLiteral("label")));
        const int predictedColumn = static_cast<int>(header.indexOf(QStringLiteral("predicted")));
        QCOMPARE(rows.size(), patches + 1);
        int defects = 0, predicted = 0;
        for (int i = 1; i < rows.size(); ++i) {
            const QStringList cells = rows[i].split(QLatin1Char(','));
            QCOMPARE(cells.size(), header.size());
            QCOMPARE(cells[1].toInt(), i - 1);
            defects += cells[labelColumn] == QLatin1String("defect");
            predicted += cells[predictedColumn] == QLatin1String("1");
        }
        QVERIFY(defects > 0 && defects < patches);
        QCOMPARE(defects, summary[QStringLiteral("labelled_defect_patches")].toInt());
        QCOMPARE(predicted, summary[QStringLiteral("defect_patches")].toInt());

        // truth.csv in the shared format, and the micrograph reads back at the demo's size.
        const QStringList truth = readLines(QDir(out).filePath(QStringLiteral("truth.csv")));
        QCOMPARE(truth.value(0), QStringLiteral("x,y,kind"));
        QVERIFY(truth.size() > 10);
        auto image = ds::readMicrograph(QDir(out).filePath(QStringLiteral("micrograph.tif")).toStdString());
        QVERIFY2(image.ok(), image.ok() ? "" : image.error().message.c_str());
        QCOMPARE(image->width(), 1024);
        QCOMPARE(image->height(), 1024);
        QVERIFY(image->x.nmPerPixel().has_value());

        // The annotated figure: full resolution plus a header band.
        const cv::Mat figure = cv::imread(QDir(out).filePath(QStringLiteral("annotated.png")).toStdString());
        QCOMPARE(figure.cols, 1024);
        QVERIFY(figure.rows > 1024);

        // Nothing left under a temporary name.
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 5);

        // Same seed, same report.
        const QString again = tmp.filePath(QStringLiteral("again"));
        const Run r2 = runCli({QStringLiteral("demo"), QStringLiteral("--out"), again, QStringLiteral("--seed"), QStringLiteral("3")});
        QCOMPARE(r2.exitCode, 0);
        QCOMPARE(readLines(QDir(again).filePath(QStringLiteral("patches.csv"))), rows);
    }

    void unwritableOutputFailsWithOneLine() {
        QTemporaryDir tmp;
        QFile blocker(tmp.filePath(QStringLiteral("a-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // A path below a regular file cannot be created, even by root (permissions would not stop root).
        for (const QString& out : {tmp.filePath(QStringLiteral("a-file/report")), tmp.filePath(QStringLiteral("a-file"))}) {
            const Run r = runCli({QStringLiteral("demo"), QStringLiteral("--out"), out});
            QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable(r.err));
            QVERIFY(!r.out.contains(QStringLiteral("AUROC")));
            const QStringList lines = r.err.trimmed().split(QLatin1Char('\n'));
            QCOMPARE(lines.size(), 1);
            QVERIFY2(lines[0].contains(out), qPrintable(lines[0]));
        }
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);
    }

    void badOptionsFailWithOneLine() {
        QTemporaryDir tmp;
        for (const QStringList& args : {QStringList{QStringLiteral("demo")},
                                        QStringList{QStringLiteral("demo"), QStringLiteral("--out"), tmp.path(), QStringLiteral("--bogus")},
                                        QStringList{QStringLiteral("demo"), QStringLiteral("--out"), tmp.path(), QStringLiteral("--detector"), QStringLiteral("no-such-detector")}}) {
            const Run r = runCli(args);
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.err.trimmed().split(QLatin1Char('\n')).size(), 1);
        }
        QVERIFY(QDir(tmp.path()).isEmpty());
    }
};

QTEST_APPLESS_MAIN(CliDemoTest)
#include "cli_demo_test.moc"
