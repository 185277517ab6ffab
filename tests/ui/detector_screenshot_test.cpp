// `defectscope --screenshot OUT.png --demo --run ID` runs the detector to completion before the
// picture is taken: compared with the same screenshot without --run, the view is covered by the
// heat map (many more saturated pixels) and the ROC panel shows a curve in its first series colour.
#include "core/detect/detector_registry.h"
#include "support/test_data.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Counts {
    int saturated = 0; // pixels whose channels differ by > 40: colour, not grey chrome or micrograph
    int rocBlue = 0;   // pixels of the first ROC series colour (31, 119, 180)
};

Counts count(const QImage& img) {
    Counts c;
    for (int y = 0; y < img.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(line[x]), g = qGreen(line[x]), b = qBlue(line[x]);
            c.saturated += std::max({r, g, b}) - std::min({r, g, b}) > 40;
            c.rocBlue += std::abs(r - 31) + std::abs(g - 119) + std::abs(b - 180) < 30;
        }
    }
    return c;
}

bool shoot(const QStringList& args, const QString& out, QString* log) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(ds::test::guiPath(), args + QStringList{QStringLiteral("--screenshot"), out});
    const bool ok = p.waitForFinished(240000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    *log = QString::fromLocal8Bit(p.readAll());
    return ok;
}

} // namespace

class DetectorScreenshotTest : public QObject {
    Q_OBJECT
private slots:
    void runBeforeScreenshotShowsHeatMapAndRoc() {
        if (ds::test::guiPath().isEmpty())
            QSKIP("DEFECTSCOPE_GUI not set");
        QString id = QStringLiteral("auto");
        bool haveAuto = false;
        for (const ds::DetectorInfo& d : ds::availableDetectors())
            haveAuto |= d.id == "auto";
        if (!haveAuto)
            id = QStringLiteral("iforest");
        QTemporaryDir dir;
        const QString plain = dir.filePath(QStringLiteral("plain.png")), run = dir.filePath(QStringLiteral("run.png"));
        QString log;
        QVERIFY2(shoot({QStringLiteral("--demo")}, plain, &log), qPrintable(log));
        QVERIFY2(shoot({QStringLiteral("--demo"), QStringLiteral("--run"), id}, run, &log), qPrintable(log));
        const QImage a(plain), b(run);
        QVERIFY(!a.isNull() && !b.isNull());
        QCOMPARE(a.size(), b.size());
        const Counts ca = count(a.convertToFormat(QImage::Format_RGB32));
        const Counts cb = count(b.convertToFormat(QImage::Format_RGB32));
        qInfo("saturated %d -> %d, ROC-blue %d -> %d", ca.saturated, cb.saturated, ca.rocBlue, cb.rocBlue);
        QVERIFY2(cb.saturated > ca.saturated + 50000, "the heat map does not cover the view");
        QVERIFY2(cb.rocBlue > ca.rocBlue + 200, "no ROC curve in the screenshot");

        // An unknown detector is refused with a message, not a hang.
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(ds::test::guiPath(), {QStringLiteral("--demo"), QStringLiteral("--run"), QStringLiteral("no-such"),
                                      QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(QString::fromLocal8Bit(p.readAll()).contains(QStringLiteral("no-such")));
    }
};

QTEST_GUILESS_MAIN(DetectorScreenshotTest)
#include "detector_screenshot_test.moc"
