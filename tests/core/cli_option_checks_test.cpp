// Option values the CLI once accepted silently (issue 17, case 9) - --patch 0 / -5 ignored,
// --threshold nan accepted, --bootstrap 2000000000 running for minutes - and the shared --max-pixels
// option: each bad value gives exit code 2 and one line naming the option, before any image is read.
#include "support/cli_run.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

class CliOptionChecksTest : public QObject {
    Q_OBJECT

    using Run = ds::test::CliRun;
    static Run cli(const QStringList& args) { return ds::test::runCli(args); }
    static QString sample() { return ds::test::sourcePath("tests/data/io/dm3_bigendian_int16.dm3"); }

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_CLI not set (run through ctest)");
    }

    void badValuesAreRefusedWithTheOptionNamed() {
        const QString out = QDir::temp().filePath("cli_option_checks_never_written");
        const struct {
            QStringList args;
            const char* says;
        } cases[] = {
            {{"score", sample(), "--out", out, "--patch", "0"}, "--patch must be a positive number of pixels"},
            {{"score", sample(), "--out", out, "--patch", "-5"}, "--patch must be a positive number of pixels"},
            {{"score", sample(), "--out", out, "--patch", "48", "--stride", "0"}, "--stride must be a positive"},
            {{"score", sample(), "--out", out, "--threshold", "nan"}, "--threshold must be a finite number"},
            {{"score", sample(), "--out", out, "--threshold", "inf"}, "--threshold must be a finite number"},
            {{"evaluate", sample(), "--truth", "x.csv", "--bootstrap", "2000000000"}, "--bootstrap must be between 0 and 100000"},
            {{"info", sample(), "--max-pixels", "0"}, "--max-pixels must be a positive whole number"},
            {{"info", sample(), "--max-pixels", "lots"}, "--max-pixels must be a positive whole number"},
            // train reads the chosen frame of stacks (issue 15): the one-frame sample has no frame 3.
            {{"train", sample(), "--detector", "knn", "--save-model", out, "--frame=-1"}, "--frame must be 0 or more"},
            {{"train", sample(), "--detector", "knn", "--save-model", out, "--frame", "3"}, "frame 3"},
        };
        for (const auto& c : cases) {
            const Run r = cli(c.args);
            QVERIFY2(r.code == 2, qPrintable(c.args.join(' ') + " exited " + QString::number(r.code)));
            QVERIFY2(r.err.contains(c.says), qPrintable(c.args.join(' ') + ": " + r.err));
        }
        QVERIFY(!QFileInfo::exists(out));
    }

    void maxPixelsAppliesToEveryReader() {
        const Run tight = cli({"info", sample(), "--max-pixels", "14"}); // the sample is 5 x 3
        QCOMPARE(tight.code, 2);
        QVERIFY2(tight.err.contains("more than the limit of 14 pixels per image"), tight.err.constData());
        const Run fits = cli({"info", "--max-pixels=15", sample()});
        QCOMPARE(fits.code, 0);
    }
};

QTEST_APPLESS_MAIN(CliOptionChecksTest)
#include "cli_option_checks_test.moc"
