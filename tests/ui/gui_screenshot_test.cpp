// `defectscope --screenshot`: the real binary renders 1600 x 1000 PNGs that show the micrograph and
// the hand labels where the labelled patches are; a file that fails to load gives a non-zero exit.
#include "core/analysis/grid_rule.h"
#include "core/project/project_file.h"
#include "core/synth/synthetic_graphene.h"
#include "gui_test_support.h"
#include "support/test_data.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;

namespace {

struct Run {
    int exitCode = -1;
    QString stderrText;
};

Run runGui(const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(test::guiPath(), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.stderrText = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

struct Tint {
    qint64 count = 0;
    double meanX = 0, meanY = 0;
};

// Pixels clearly tinted towards `colour` ('r' = defect red, 'b' = perfect blue) and where they are.
Tint tinted(const QImage& img, char colour) {
    Tint t;
    for (int y = 0; y < img.height(); ++y) {
        const QRgb* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(row[x]), g = qGreen(row[x]), b = qBlue(row[x]);
            const bool hit =
                colour == 'r' ? (r > g + 60 && r > b + 60) : (b > r + 60 && b > g + 10);
            if (hit) {
                ++t.count;
                t.meanX += x;
                t.meanY += y;
            }
        }
    }
    if (t.count > 0) {
        t.meanX /= static_cast<double>(t.count);
        t.meanY /= static_cast<double>(t.count);
    }
    return t;
}

} // namespace

class GuiScreenshotTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // A project holding the demo image with labelled blocks of patches (or none).
    QString writeProject(const QString& name, bool labelled) {
        Project p;
        ProjectImage img;
        img.synthSeed = 1;
        const SynthOptions o = demoSynthOptions(1);
        img.width = o.width;
        img.height = o.height;
        img.grid = latticeGrid(o.bondPx);
        const PatchGrid g = *img.patchGrid();
        img.labels.assign(static_cast<std::size_t>(g.size()), Label::Unlabelled);
        if (labelled) {
            for (int r = 0; r < g.rows() / 3; ++r)
                for (int c = 0; c < g.columns() / 3; ++c) {
                    img.labels[static_cast<std::size_t>(g.index(c, r))] = Label::Defect;
                    img.labels[static_cast<std::size_t>(
                        g.index(g.columns() - 1 - c, g.rows() - 1 - r))] = Label::Perfect;
                }
        }
        p.addImage(img);
        const QString path = m_dir.filePath(name);
        return ds::writeProject(path.toStdString(), p).ok() ? path : QString();
    }

private slots:
    void initTestCase() {
        if (test::guiPath().isEmpty())
            QSKIP("DEFECTSCOPE_GUI not set (run through ctest)");
        QVERIFY(m_dir.isValid());
    }

    void demoScreenshotIsFullSizeAndNotFlat() {
        const QString out = m_dir.filePath("demo.png");
        const Run r = runGui({QStringLiteral("--demo"), QStringLiteral("--screenshot"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QImage img(out);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(1600, 1000));
        img = img.convertToFormat(QImage::Format_RGB32);
        // Not a flat colour: a wide spread of grey levels from the lattice.
        double sum = 0, sum2 = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2) {
                const double v = qGray(img.pixel(x, y));
                sum += v;
                sum2 += v * v;
            }
        const double n = (img.height() / 2.0) * (img.width() / 2.0);
        const double sd = std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)));
        QVERIFY2(sd > 20, qPrintable(QString::number(sd)));
    }

    void labelledProjectShowsLabelsWhereThePatchesAre() {
        const QString plain = writeProject(QStringLiteral("plain.dsproj"), false);
        const QString labelled = writeProject(QStringLiteral("labelled.dsproj"), true);
        QVERIFY(!plain.isEmpty() && !labelled.isEmpty());
        const QString outPlain = m_dir.filePath("plain.png"),
                      outLabelled = m_dir.filePath("labelled.png");
        Run r = runGui({QStringLiteral("--open"), plain, QStringLiteral("--screenshot"), outPlain});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        r = runGui(
            {QStringLiteral("--open"), labelled, QStringLiteral("--screenshot"), outLabelled});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const QImage a = QImage(outPlain).convertToFormat(QImage::Format_RGB32);
        const QImage b = QImage(outLabelled).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(b.size(), QSize(1600, 1000));
        const Tint redA = tinted(a, 'r'), redB = tinted(b, 'r'), blueA = tinted(a, 'b'),
                   blueB = tinted(b, 'b');
        // Each labelled block is a ninth of the image: tens of thousands of screen pixels at fit.
        QVERIFY2(redB.count > redA.count + 30000,
                 qPrintable(QStringLiteral("%1 vs %2").arg(redB.count).arg(redA.count)));
        QVERIFY2(blueB.count > blueA.count + 30000,
                 qPrintable(QStringLiteral("%1 vs %2").arg(blueB.count).arg(blueA.count)));
        // Defects were labelled top-left, perfect bottom-right: the tints sit there on screen too.
        QVERIFY(redB.meanX < blueB.meanX - 200);
        QVERIFY(redB.meanY < blueB.meanY - 200);
    }

    void failedLoadExitsNonZeroNamingTheFile() {
        const QString bad = m_dir.filePath("broken.mrc");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(100, '\x07'));
        f.close();
        const QString out = m_dir.filePath("broken.png");
        const Run r = runGui({QStringLiteral("--open"), bad, QStringLiteral("--screenshot"), out});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.stderrText.contains(QStringLiteral("broken.mrc")), qPrintable(r.stderrText));
        const Run p = runGui({QStringLiteral("--open"), m_dir.filePath("missing.dsproj"),
                              QStringLiteral("--screenshot"), out});
        QVERIFY(p.exitCode != 0);
        QVERIFY2(p.stderrText.contains(QStringLiteral("missing.dsproj")), qPrintable(p.stderrText));
        // Issue 17: with --run the session stayed busy waiting for the image that failed, and the
        // screenshot gave up only after 180 s (runGui() kills it at 120 s: exit code -1).
        for (const QString& path : {bad, m_dir.filePath("missing.mrc")}) {
            const Run run = runGui({QStringLiteral("--open"), path, QStringLiteral("--run"),
                                    QStringLiteral("iforest"), QStringLiteral("--screenshot"), out});
            QVERIFY2(run.exitCode == 2, qPrintable(QString::number(run.exitCode) + ": " + run.stderrText));
            QVERIFY2(run.stderrText.contains(QFileInfo(path).fileName()), qPrintable(run.stderrText));
        }
    }

    void imageFileWithRunWaitsForTheImage() {
        // `--open IMAGE --run ID`: the file is read before it is added to the project, so the run
        // must wait for it (it used to fail at once with "no image to run on", exit 2).
        const QString image = test::writeTestImage(m_dir.filePath("plain-run.tif"), 160, 120);
        QVERIFY(!image.isEmpty());
        const QString project = m_dir.filePath("plain-run.dsproj");
        const Run r = runGui({QStringLiteral("--open"), image, QStringLiteral("--run"), QStringLiteral("iforest"),
                              QStringLiteral("--save-project"), project});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        const auto saved = readProject(project.toStdString());
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
        QCOMPARE(static_cast<int>(saved->images.size()), 1);
        QVERIFY(saved->images[0].run("iforest") != nullptr);
    }

    void unwritableOutputExitsNonZero() {
        const Run r =
            runGui({QStringLiteral("--screenshot"), QStringLiteral("/nonexistent-dir/x.png")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.stderrText.contains(QStringLiteral("/nonexistent-dir/x.png")),
                 qPrintable(r.stderrText));
    }
};

QTEST_GUILESS_MAIN(GuiScreenshotTest)
#include "gui_screenshot_test.moc"
