// The annotated figure looks like the screen (issue 15, item 7): the heat map and its legend in the
// GUI's colour map (magma: black to pale yellow, not a rainbow), defect and perfect labels marked in
// the GUI's label colours, the threshold outline in the GUI's green, header text readable on a
// small image, the scale-bar label clear of the bar, and the lattice still visible under a strong
// heat map.
#include "core/report/annotated_image.h"
#include "core/report/figure_colours.h"
#include "gui_test_support.h"
#include "ui/report/report_export.h"
#include "ui/session/session.h"

#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace ds;
using namespace ds::ui;

namespace {
bool near(const cv::Vec3b& p, const Rgb& c, int tolerance = 30) {
    return std::abs(p[2] - c.r) <= tolerance && std::abs(p[1] - c.g) <= tolerance &&
           std::abs(p[0] - c.b) <= tolerance;
}
} // namespace

class ReportFigureTest : public QObject {
    Q_OBJECT
    Session m_session;
    cv::Mat m_figure, m_grey;
    ScoreReport m_report;
    int m_band = 0;
    int m_defect = -1, m_perfect = -1;

private slots:
    void initTestCase() {
        test::isolateSettings();
        m_session.openDemo(1);
        QVERIFY(test::waitForPixels(m_session, 0));
        const PatchGrid grid = m_session.grid(0);
        const int n = grid.size();
        // Scores rising left to right: the right part of the image is "anomalous".
        std::vector<float> scores(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            scores[static_cast<std::size_t>(i)] = static_cast<float>(grid.column(i)) / static_cast<float>(grid.columns());
        QVERIFY(ds::test::addTestRun(m_session, 0, scores, "test-detector"));
        m_defect = grid.columns() - 1;                   // top-right: a high score
        m_perfect = (grid.rows() / 2) * grid.columns();  // left edge, middle row: a low score
        m_session.setLabels({m_defect}, Label::Defect);
        m_session.setLabels({m_perfect}, Label::Perfect);
        auto snapshot = snapshotImage(m_session, 0);
        QVERIFY(snapshot.ok());
        snapshot->style.heatAlpha = 0.55; // the GUI's default opacity
        auto report = buildReport(*snapshot);
        QVERIFY(report.ok());
        m_report = *report;
        auto figure = renderAnnotatedImage(snapshot->pixels->micrograph.pixels, m_report, snapshot->style);
        QVERIFY(figure.ok());
        m_figure = *figure;
        if (qEnvironmentVariableIsSet("DS_FIGURE_GRAB")) // a look by eye
            cv::imwrite(qEnvironmentVariable("DS_FIGURE_GRAB").toStdString(), m_figure);
        m_band = annotationHeaderHeight(m_report.imageWidth);
        QCOMPARE(m_figure.rows, m_report.imageHeight + m_band);
        cv::Mat f, g;
        snapshot->pixels->micrograph.pixels.convertTo(f, CV_32F);
        cv::normalize(f, g, 0, 255, cv::NORM_MINMAX, CV_8U);
        m_grey = g;
    }

    void legendUsesTheGuiColourMap() {
        // The ramp spans the right part of the header's top: its left end is magma's near-black,
        // its right end magma's pale yellow (a rainbow would end in red or blue).
        const cv::Mat band = m_figure(cv::Rect(0, 0, m_figure.cols, m_band));
        int rampRow = -1;
        for (int y = 0; y < band.rows && rampRow < 0; ++y) {
            // The rightmost pixel that is neither the band's background nor the threshold tick
            // (which sits at the right end when the threshold is the top score).
            int x = band.cols - 1;
            while (x > band.cols / 2 && (band.at<cv::Vec3b>(y, x) == band.at<cv::Vec3b>(0, band.cols - 1) ||
                                         near(band.at<cv::Vec3b>(y, x), kThresholdColour, 60)))
                --x;
            const cv::Vec3b right = band.at<cv::Vec3b>(y, x);
            if (right[2] > 230 && right[1] > 220 && right[0] > 140 && right[0] < 220)
                rampRow = y;
        }
        QVERIFY2(rampRow >= 0, "no pale-yellow end of a magma ramp in the header");
        int darkest = 255 * 3;
        for (int x = band.cols / 2; x < band.cols; ++x) {
            const cv::Vec3b p = band.at<cv::Vec3b>(rampRow, x);
            darkest = std::min(darkest, p[0] + p[1] + p[2]);
        }
        QVERIFY2(darkest < 40, qPrintable(QString::number(darkest)));
    }

    void labelsAndThresholdMarkedInTheGuiColours() {
        const cv::Mat view = m_figure(cv::Rect(0, m_band, m_report.imageWidth, m_report.imageHeight));
        const auto markAt = [&](int patch) {
            const cv::Rect r = m_report.grid.rect(patch);
            return view.at<cv::Vec3b>(r.y + 3, r.x + 3);
        };
        QVERIFY(near(markAt(m_defect), kDefectColour));
        QVERIFY(near(markAt(m_perfect), kPerfectColour));
        int green = 0;
        for (int y = 0; y < view.rows; ++y)
            for (int x = 0; x < view.cols; ++x)
                green += near(view.at<cv::Vec3b>(y, x), kThresholdColour, 10);
        QVERIFY2(green > view.cols / 2, qPrintable(QString::number(green)));
    }

    void headerTextIsReadable() {
        // The first line of text in the header's left part is at least 10 pixels tall.
        const cv::Mat band = m_figure(cv::Rect(0, 0, m_figure.cols / 2, m_band));
        int first = -1, last = -1;
        for (int y = 0; y < band.rows; ++y) {
            bool text = false;
            for (int x = 0; x < band.cols && !text; ++x) {
                const cv::Vec3b p = band.at<cv::Vec3b>(y, x);
                text = p[0] > 150 && p[1] > 150 && p[2] > 150;
            }
            if (text && first < 0)
                first = y;
            if (!text && first >= 0 && last < 0)
                last = y;
        }
        QVERIFY(first >= 0 && last > first);
        QVERIFY2(last - first >= 10, qPrintable(QStringLiteral("title %1 px tall").arg(last - first)));
    }

    // On a narrow figure a long file name gives way, not the detector and the AUROC after it.
    void titleShortensTheNameNotTheResult() {
        const std::string name = "2024-05-17_graphene_sample_B_series_03_frame_0042_drift_corrected.tif";
        const std::string tail = " | knn (stats) | AUROC 0.912 [0.871, 0.950]";
        const FittedTitle wide = fitFigureTitle(name, tail, 1.0, 2, 100000);
        QCOMPARE(wide.text, name + tail);
        const FittedTitle narrow = fitFigureTitle(name, tail, 1.0, 2, 1200);
        QVERIFY2(narrow.text.size() > tail.size() &&
                     narrow.text.compare(narrow.text.size() - tail.size(), tail.size(), tail) == 0,
                 narrow.text.c_str());
        QVERIFY(narrow.text.find("...") != std::string::npos);
        QVERIFY(narrow.text.rfind("2024", 0) == 0); // the name's start and end remain
        QVERIFY(narrow.text.find("corrected.tif") != std::string::npos);
        int base = 0;
        QVERIFY(cv::getTextSize(narrow.text, cv::FONT_HERSHEY_SIMPLEX, narrow.scale, 2, &base).width <= 1200);
    }

    void scaleBarLabelClearOfTheBar() {
        // The bar: the topmost row of the bottom-left corner with a long run of pure white. Just above
        // it (inside the bar's columns) there is a dark gap, and above that the label's light text.
        const int h = std::min(160, m_report.imageHeight / 2);
        const cv::Mat corner = m_figure(cv::Rect(0, m_figure.rows - h, m_figure.cols / 2, h));
        int barTop = -1, barX0 = -1, barX1 = -1;
        for (int y = 0; y < corner.rows && barTop < 0; ++y) {
            int run = 0;
            for (int x = 0; x < corner.cols; ++x) {
                run = corner.at<cv::Vec3b>(y, x) == cv::Vec3b(255, 255, 255) ? run + 1 : 0;
                if (run > 20) {
                    barTop = y;
                    barX1 = x;
                    barX0 = x - run + 1;
                }
            }
        }
        QVERIFY2(barTop > 4, "no scale bar in the bottom-left corner");
        while (barX1 + 1 < corner.cols && corner.at<cv::Vec3b>(barTop, barX1 + 1) == cv::Vec3b(255, 255, 255))
            ++barX1;
        const auto lightIn = [&](int y) {
            int n = 0;
            for (int x = barX0; x <= barX1; ++x) {
                const cv::Vec3b p = corner.at<cv::Vec3b>(y, x);
                n += p[0] > 120 && p[1] > 120 && p[2] > 120;
            }
            return n;
        };
        QCOMPARE(lightIn(barTop - 1), 0);
        QCOMPARE(lightIn(barTop - 2), 0);
        int text = 0;
        for (int y = barTop - 3; y >= std::max(0, barTop - 40); --y)
            text += lightIn(y);
        QVERIFY2(text > 10, "no label above the bar");
    }

    void latticeStaysVisibleUnderTheHeatMap() {
        // Where the heat map is strongest (right edge), the figure keeps most of the micrograph's
        // local contrast.
        const int w = m_report.imageWidth / 6;
        const cv::Rect area(m_report.imageWidth - w - 4, m_report.imageHeight / 3, w, m_report.imageHeight / 3);
        cv::Mat figureGrey;
        cv::cvtColor(m_figure(area + cv::Point(0, m_band)), figureGrey, cv::COLOR_BGR2GRAY);
        cv::Scalar mf, sf, mg, sg;
        cv::meanStdDev(figureGrey, mf, sf);
        cv::meanStdDev(m_grey(area), mg, sg);
        QVERIFY2(sf[0] > 0.5 * sg[0], qPrintable(QStringLiteral("contrast %1 of %2").arg(sf[0]).arg(sg[0])));
    }
};

QTEST_MAIN(ReportFigureTest)
#include "report_figure_test.moc"
