// `defectscope-cli info FILE [--json]` end to end: the JSON object has the documented fields with the
// right values (nm_per_px null when the unit is not a length), and a bad file gives exit code 2 with one
// stderr line naming the file and the reason.
#include "support/cli_run.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class IoCliInfoTest : public QObject {
    Q_OBJECT

    using Run = ds::test::CliRun;
    static Run cli(const QStringList& args) { return ds::test::runCli(QStringList{"info"} + args); }
    static QString synthetic(const char* name) { return ds::test::sourcePath(QString("tests/data/io/") + name); }

private slots:
    void initTestCase() {
        if (ds::test::cliPath().isEmpty())
            QSKIP("DEFECTSCOPE_CLI not set (run through ctest)");
    }

    void jsonHasShapeCalibrationAndMetadata() {
        const Run r = cli({synthetic("dm3_bigendian_int16.dm3"), "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["width"].toInt(), 5);
        QCOMPARE(j["height"].toInt(), 3);
        QCOMPARE(j["frames"].toInt(), 1);
        QCOMPARE(j["dtype"].toString(), QString("int16"));
        QCOMPARE(j["scale_x"].toDouble(), 0.5);
        QCOMPARE(j["scale_y"].toDouble(), 0.25);
        QCOMPARE(j["unit_x"].toString(), QString("nm"));
        QCOMPARE(j["unit_y"].toString(), QString::fromUtf8("\xC2\xB5m"));
        QCOMPARE(j["nm_per_px_x"].toDouble(), 0.5);
        QCOMPARE(j["nm_per_px_y"].toDouble(), 250.0);
        QCOMPARE(j["metadata"].toObject()["voltage_V"].toString(), QString("200000"));
    }

    void framesAndFrameSelection() {
        const Run r = cli({synthetic("mrc_bigendian_float16.mrc"), "--json", "--frame", "1"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["frames"].toInt(), 2);
        QCOMPARE(j["frame"].toInt(), 1);
        QCOMPARE(j["unit_x"].toString(), QString::fromUtf8("\xC3\x85"));
        QCOMPARE(j["nm_per_px_x"].toDouble(), 0.2); // 2 Å
    }

    void nmPerPixelIsNullWithoutALengthUnit() {
        const Run r = cli({synthetic("npy_bigendian_u2_2x3.npy"), "--json"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(j.contains("nm_per_px_x"));
        QVERIFY(j["nm_per_px_x"].isNull());
        QVERIFY(j["nm_per_px_y"].isNull());
    }

    void badFilesExitTwoWithOneLineNamingTheFile() {
        QTemporaryDir dir;
        const QString junk = dir.filePath("junk.dm3");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\0\0\0\3 this is not a DM file at all", 33);
        f.close();
        for (const QStringList& args : {QStringList{junk}, QStringList{dir.filePath("missing.tif"), "--json"},
                                        QStringList{synthetic("mrc_bigendian_float16.mrc"), "--frame", "7"}}) {
            const Run r = cli(args);
            QCOMPARE(r.code, 2);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.contains(QFileInfo(args[0]).fileName().toUtf8()), r.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(IoCliInfoTest)
#include "io_cli_info_test.moc"
