// Pixel size (issue 15, item 1): an image whose file states no length calibration (a .npy, a TIFF
// from a tool that writes none) shows "no pixel size" in the status bar; Image properties sets it
// for that image or for every image, the status bar, the view's scale bar and the report follow,
// the project remembers it, and going back to the file's calibration works. A calibrated file
// shows its own. On the command line, --nm-per-px calibrates only files without a calibration, and
// summary.json says where the calibration came from.
#include "core/io/write_micrograph.h"
#include "core/report/summary_json.h"
#include "gui_test_support.h"
#include "support/test_data.h"
#include "ui/panels/image_properties_dialog.h"
#include "ui/window/main_window.h"
#include "ui/view/micrograph_view.h"
#include "ui/report/report_export.h"
#include "ui/view/scale_bar.h"
#include "ui/session/session.h"
#include "ui/window/status_info.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui;

namespace {
QString writeUncalibrated(const QString& path, int w, int h) {
    // A .npy holds no calibration at all.
    cv::Mat m(h, w, CV_32F);
    cv::RNG rng(3);
    rng.fill(m, cv::RNG::UNIFORM, 0, 255);
    return writeNpy(path.toStdString(), m).ok() ? path : QString();
}
} // namespace

class CalibrationTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { test::isolateSettings(); }

    void pixelSizeSetInImagePropertiesAndRemembered() {
        const QString a = writeUncalibrated(m_dir.filePath("a.npy"), 200, 160);
        const QString b = writeUncalibrated(m_dir.filePath("b.npy"), 120, 100);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.show();
        Session* s = w.session();
        s->setDefaultGrid(GridSpec{40, 20, 0, 0});
        QVERIFY(test::addImages(*s, {a, b}));
        s->setCurrentImage(0);
        QVERIFY(test::waitForPixels(*s, 0));
        QCOMPARE(w.statusInfo()->pixelSizeText(), QStringLiteral("no pixel size"));
        QVERIFY(!s->calibration(0).x.nmPerPixel());
        QCOMPARE(s->calibration(0).source, std::string(kCalibrationNone));

        // This image only.
        ImagePropertiesDialog* dialog = w.showImageProperties(0);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("FileCalibration"))
                    ->text()
                    .contains(QStringLiteral("no unit")));
        dialog->setPixelSize(PixelSize{0.0125, 0.0125}, false);
        dialog->accept();
        QCOMPARE(s->image(0)->pixelSize, std::optional<PixelSize>(PixelSize{0.0125, 0.0125}));
        QVERIFY(!s->image(1)->pixelSize);
        QCOMPARE(*s->calibration(0).x.nmPerPixel(), 0.0125);
        QCOMPARE(s->calibration(0).source, std::string(kCalibrationByUser));
        QVERIFY(s->isModified());
        QVERIFY2(w.statusInfo()->pixelSizeText().contains(QStringLiteral("0.0125 nm/px")),
                 qPrintable(w.statusInfo()->pixelSizeText()));
        // The scale bar the view paints is now in nm, not px.
        QCOMPARE(w.view()->nmPerPixel(), std::optional<double>(0.0125));
        const ScaleBarSpec bar = ScaleBar::choose(w.view()->zoom(), w.view()->nmPerPixel());
        QVERIFY2(bar.text.endsWith(QStringLiteral("nm")), qPrintable(bar.text));

        // Every image, non-square.
        dialog = w.showImageProperties(0);
        dialog->setPixelSize(PixelSize{0.002, 0.003}, true);
        dialog->accept();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(s->image(i)->pixelSize, std::optional<PixelSize>(PixelSize{0.002, 0.003}));
        QVERIFY2(w.statusInfo()->pixelSizeText().contains(QStringLiteral("×")),
                 qPrintable(w.statusInfo()->pixelSizeText()));

        // The report uses it and says where it came from.
        const int n = s->grid(0).size();
        std::vector<float> scores(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            scores[static_cast<std::size_t>(i)] = static_cast<float>(i);
        QVERIFY(ds::test::addTestRun(*s, 0, scores, "test-detector"));
        auto snapshot = snapshotImage(*s, 0);
        QVERIFY(snapshot.ok());
        auto report = buildReport(*snapshot);
        QVERIFY(report.ok());
        QCOMPARE(*report->x.nmPerPixel(), 0.002);
        QCOMPARE(*report->y.nmPerPixel(), 0.003);
        const nlohmann::json summary = summaryJson(*report);
        QCOMPARE(summary["calibration"]["source"].get<std::string>(), std::string("user"));
        QVERIFY(!summary["defect_density_per_nm2"].is_null());

        // Saved and reopened: remembered.
        const QString file = m_dir.filePath("p.dsproj");
        QString error;
        QVERIFY2(s->saveProject(file, &error), qPrintable(error));
        Session t;
        QVERIFY2(t.openProject(file, &error), qPrintable(error));
        QCOMPARE(t.image(1)->pixelSize, std::optional<PixelSize>(PixelSize{0.002, 0.003}));

        // Back to the file's calibration (none).
        dialog = w.showImageProperties(1);
        dialog->setPixelSize(std::nullopt, false);
        dialog->accept();
        QVERIFY(!s->image(1)->pixelSize);
        QVERIFY(s->image(0)->pixelSize);
    }

    // Item 9: a non-square pixel is drawn to scale - the image on screen has the shape of its
    // physical size - with an upright y scale bar beside the x bar; square pixels keep one bar.
    void nonSquarePixelsDrawnToScale() {
        const QString a = writeUncalibrated(m_dir.filePath("aniso.npy"), 200, 100);
        QVERIFY(!a.isEmpty());
        MainWindow w;
        w.setInteractive(false);
        w.resize(1200, 900);
        w.show();
        Session* s = w.session();
        QVERIFY(test::addImages(*s, {a}));
        QVERIFY(test::waitForPixels(*s, 0));
        MicrographView* view = w.view();
        s->setPixelSize({0}, PixelSize{0.01, 0.01});
        QVERIFY(!view->yScaleBar());
        QCOMPARE(view->transform().m22(), view->transform().m11());

        s->setPixelSize({0}, PixelSize{0.01, 0.03}); // 200 x 100 px = 2 nm x 3 nm: taller than wide
        QCOMPARE(view->pixelAspect(), 3.0);
        QVERIFY(qAbs(view->transform().m22() / view->transform().m11() - 3.0) < 1e-9);
        const QRect shown = view->mapFromScene(QRectF(0, 0, 200, 100)).boundingRect();
        const double ratio = double(shown.height()) / shown.width();
        QVERIFY2(qAbs(ratio - 1.5) < 0.03, qPrintable(QString::number(ratio)));
        // Fitted: the whole image is in the viewport.
        QVERIFY(view->viewport()->rect().adjusted(-2, -2, 2, 2).contains(shown));
        // Both bars, each its axis's length on screen.
        const ScaleBarSpec x = view->xScaleBar();
        const auto y = view->yScaleBar();
        QVERIFY(y);
        QVERIFY(x.screenLength > 0 && y->screenLength > 0);
        const auto nm = [](const QString& t) { return t.section(QLatin1Char(' '), 0, 0).toDouble(); };
        QVERIFY(qAbs(x.screenLength / view->transform().m11() * 0.01 - nm(x.text)) < 1e-6 * nm(x.text));
        QVERIFY(qAbs(y->screenLength / view->transform().m22() * 0.03 - nm(y->text)) < 1e-6 * nm(y->text));
        // The upright bar is painted: a white column right of the x bar's box.
        const QImage shot = view->viewport()->grab().toImage();
        const QRectF xBox = ScaleBar::box(view->viewport()->font(), view->viewport()->rect(), x);
        int whiteRun = 0, best = 0;
        const int col = static_cast<int>(xBox.right() + 8 + 8 + 3); // inside the bar (kMargin/2 + 8)
        for (int row = 0; row < shot.height(); ++row) {
            const QColor c = shot.pixelColor(col, row);
            whiteRun = (c.red() > 240 && c.green() > 240 && c.blue() > 240) ? whiteRun + 1 : 0;
            best = std::max(best, whiteRun);
        }
        QVERIFY2(qAbs(best - y->screenLength) <= 2, qPrintable(QStringLiteral("%1 vs %2").arg(best).arg(y->screenLength)));
        // Zooming keeps the shape.
        view->zoomBy(2.0, false);
        QVERIFY(qAbs(view->transform().m22() / view->transform().m11() - 3.0) < 1e-9);
        // The 2 pm x 3 nm pixel (1500:1) would be a line: drawn square, both bars.
        s->setPixelSize({0}, PixelSize{0.002, 3.0});
        QCOMPARE(view->pixelAspect(), 1.0);
        QVERIFY(qAbs(view->transform().m22() / view->transform().m11() - 1.0) < 1e-9);
        const auto tall = view->yScaleBar();
        QVERIFY(tall);
        QVERIFY(qAbs(tall->screenLength / view->transform().m22() * 3.0 - nm(tall->text)) < 1e-6 * nm(tall->text));
        // Back to square.
        s->setPixelSize({0}, std::nullopt);
        QVERIFY(!view->yScaleBar());
        QVERIFY(qAbs(view->transform().m22() / view->transform().m11() - 1.0) < 1e-9);
    }

    void calibratedFileShowsItsOwn() {
        const QString c = test::writeTestImage(m_dir.filePath("c.tif"), 120, 100, 0.02);
        MainWindow w;
        w.setInteractive(false);
        QVERIFY(test::addImages(*w.session(), {c}));
        QVERIFY(test::waitForPixels(*w.session(), 0));
        QVERIFY2(w.statusInfo()->pixelSizeText().contains(QStringLiteral("0.02 nm/px")),
                 qPrintable(w.statusInfo()->pixelSizeText()));
        QCOMPARE(w.session()->calibration(0).source, std::string(kCalibrationFromFile));
    }

    void commandLineCalibratesOnlyUncalibratedFiles() {
        const QString cli = test::cliPath();
        if (cli.isEmpty())
            QSKIP("DEFECTSCOPE_CLI is not set (run through ctest)");
        QDir().mkpath(m_dir.filePath("in"));
        QVERIFY(!writeUncalibrated(m_dir.filePath("in/plain.npy"), 160, 160).isEmpty());
        QVERIFY(!test::writeTestImage(m_dir.filePath("in/own.tif"), 160, 160, 0.02).isEmpty());
        const QString out = m_dir.filePath("out");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(cli, {QStringLiteral("score"), m_dir.filePath("in/plain.npy"), m_dir.filePath("in/own.tif"),
                      QStringLiteral("--out"), out, QStringLiteral("--detector"), QStringLiteral("iforest"),
                      QStringLiteral("--patch"), QStringLiteral("32"), QStringLiteral("--no-figures"),
                      QStringLiteral("--nm-per-px"), QStringLiteral("0.0125")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());
        const auto calibration = [&out](const char* name) {
            QFile f(QDir(out).filePath(QStringLiteral("%1/summary.json").arg(QLatin1String(name))));
            if (!f.open(QIODevice::ReadOnly))
                return QJsonObject();
            return QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("calibration")].toObject();
        };
        const QJsonObject plain = calibration("plain"), own = calibration("own");
        QCOMPARE(plain[QStringLiteral("source")].toString(), QStringLiteral("command line"));
        QCOMPARE(plain[QStringLiteral("nm_per_pixel")].toDouble(), 0.0125);
        QCOMPARE(own[QStringLiteral("source")].toString(), QStringLiteral("file"));
        QVERIFY(std::abs(own[QStringLiteral("nm_per_pixel")].toDouble() - 0.02) < 1e-6);

        QProcess bad;
        bad.setProcessChannelMode(QProcess::MergedChannels);
        bad.start(cli, {QStringLiteral("score"), m_dir.filePath("in/plain.npy"), QStringLiteral("--out"),
                        m_dir.filePath("out-bad"), QStringLiteral("--nm-per-px"), QStringLiteral("-1")});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(QString::fromLocal8Bit(bad.readAll()).contains(QStringLiteral("--nm-per-px")));
    }
};

QTEST_MAIN(CalibrationTest)
#include "calibration_test.moc"
