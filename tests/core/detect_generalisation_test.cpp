// Does `auto` generalise beyond the three shared real frames? Each frame is changed the way another
// microscope session would change it - resampled to 0.5x, 0.75x and 1.5x scale, recorded at a lower
// dose (Poisson counts), inverted in contrast (bright holes, dark columns) - and must keep an AUROC
// of at least 0.95 with the default settings (automatic grid, self mode). Skipped without the data.
// A lower dose is one noise realisation among many: those rows are scored over kDoseSeeds Poisson
// seeds, and the mean must reach 0.95 with no realisation below kDoseSeedFloor, so that a row
// passes because the detector copes with the dose, not because one seed happened to.
#include "core/detect/detector_registry.h"
#include "core/analysis/protocol_evaluation.h"
#include "support/real_frame.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <random>

namespace {

// The frame with its pixels scaled so the median sits at `dose` counts above the minimum, then
// Poisson-sampled: what the same field gives at that dose.
cv::Mat atDose(const cv::Mat& image, double dose, unsigned seed) {
    cv::Mat f;
    image.convertTo(f, CV_32F);
    double lo = 0;
    cv::minMaxLoc(f, &lo);
    std::vector<float> v(f.begin<float>(), f.end<float>());
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    const double scale = dose / std::max(1e-6, double(v[v.size() / 2]) - lo);
    std::mt19937 rng(seed);
    cv::Mat out(f.size(), CV_32F);
    for (int y = 0; y < f.rows; ++y)
        for (int x = 0; x < f.cols; ++x) {
            std::poisson_distribution<int> p(std::max(1e-6, (f.at<float>(y, x) - lo) * scale));
            out.at<float>(y, x) = static_cast<float>(p(rng));
        }
    return out;
}

// Poisson seeds per dose row (1 .. kDoseSeeds) and the least AUROC any one of them may give. Ten
// realisations put the mean's own spread at about a third of one realisation's (~0.02 on the grain
// boundary at 3 counts/px). The floor catches a realisation that collapses - the lattice lost to
// noise scores ~0.55, the earlier ring finder's worst seed 0.878 - while the mean carries the 0.95.
constexpr unsigned kDoseSeeds = 10;
constexpr double kDoseSeedFloor = 0.90;
constexpr double kMinAuroc = 0.95;

} // namespace

class DetectGeneralisationTest : public QObject {
    Q_OBJECT
private slots:
    void autoKeepsAuroc_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("change");
        QTest::addColumn<double>("value");
        for (const char* name : {"G-Si-2nm", "G-dimSi", "G-GrainBoundary-4nm"}) {
            for (double s : {0.5, 0.75, 1.5})
                QTest::newRow(qPrintable(QStringLiteral("%1 scale %2").arg(name).arg(s))) << name << "scale" << s;
            // Counts per pixel at the frame median. The grain boundary at 3 counts is the hardest
            // row: only its rings carry signal. An ideal observer still sees one of its columns at
            // SNR ~6 there (the published frame's own noise included), and a 5-7 pair moves
            // several. With pentagon and heptagon hole filters beside the hexagon's
            // (core/lattice/ring_centres.cpp) auto scores 0.980 on average over seeds 1-10
            // (0.950-1.000); with the hexagon's alone it was 0.953 (0.878-0.998).
            for (double d : {3.0, 10.0})
                QTest::newRow(qPrintable(QStringLiteral("%1 dose %2").arg(name).arg(d))) << name << "dose" << d;
            QTest::newRow(qPrintable(QStringLiteral("%1 inverted").arg(name))) << name << "invert" << 0.0;
        }
    }
    void autoKeepsAuroc() {
        DS_REQUIRE_TESTDATA();
        QFETCH(QString, name);
        QFETCH(QString, change);
        QFETCH(double, value);
        DS_READ_REAL_FRAME(frame, name);
        ds::Micrograph m = frame.image;
        ds::ProtocolInput in;
        in.truth = frame.truth;
        in.bootstrapResamples = 10;
        if (change == "scale") {
            cv::resize(frame.image.pixels, m.pixels, cv::Size(), value, value, value < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
            for (ds::TruthPoint& p : in.truth) {
                p.x *= value;
                p.y *= value;
            }
        } else if (change == "invert") {
            double hi = 0;
            cv::minMaxLoc(frame.image.pixels, nullptr, &hi);
            m.pixels = hi - frame.image.pixels;
        }
        ds::RunSpec cfg; // auto, automatic grid
        if (change != "dose") {
            auto r = ds::evaluateProtocol(m, in, cfg);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            qInfo("%s %s %.2f: AUROC %.3f (%d patches, %d defect, patch %d)", qPrintable(name), qPrintable(change), value,
                  r->auroc, r->patches, r->defectPatches, r->scores.grid.spec().side);
            QVERIFY2(r->auroc >= kMinAuroc, qPrintable(QString::number(r->auroc)));
            return;
        }
        double sum = 0, worst = 1;
        QString each;
        for (unsigned seed = 1; seed <= kDoseSeeds; ++seed) {
            m.pixels = atDose(frame.image.pixels, value, seed);
            auto r = ds::evaluateProtocol(m, in, cfg);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            sum += r->auroc;
            worst = std::min(worst, r->auroc);
            each += QString::asprintf(" %.3f", r->auroc);
        }
        const double mean = sum / kDoseSeeds;
        qInfo("%s dose %.0f: mean AUROC %.3f, worst %.3f over Poisson seeds 1-%u:%s", qPrintable(name), value, mean, worst,
              kDoseSeeds, qPrintable(each));
        QVERIFY2(mean >= kMinAuroc, qPrintable(QString::number(mean)));
        // Known, not yet fixed (the seeds made it visible; it predates the pentagon and heptagon
        // filters, with the same 0.810): in Poisson seed 6 one hole of the Si frame splits into two
        // weak maxima a bond apart (depth 2.6 and 2.9 noise sigmas), the triangulation reads a
        // 4-7-7 cluster there (merged weight 3.25), and it outranks the dopant, whose blob
        // evidence (z 11.7) auto weighs by 1 - topology trust (0.14 here).
        QEXPECT_FAIL("G-Si-2nm dose 3", "seed 6: a noise-split hole outranks the dopant (0.810)", Continue);
        QVERIFY2(worst >= kDoseSeedFloor, qPrintable(QString::number(worst)));
    }
};

QTEST_APPLESS_MAIN(DetectGeneralisationTest)
#include "detect_generalisation_test.moc"
