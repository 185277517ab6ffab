// The automatic patch grid (side 4 bond lengths, stride half): sized from a confident lattice
// estimate, the documented 48/24 fallback - said in the run's notes - when the estimate is too
// uncertain to mean anything, and a caller's estimate reused instead of being made again.
#include "core/analysis/grid_rule.h"
#include "core/analysis/run_image.h"
#include "core/features/normalise.h"
#include "core/lattice_test_support.h"

#include <QTest>

#include <algorithm>
#include <string>

using namespace ds;

namespace {
bool mentions(const std::vector<std::string>& notes, const std::string& what) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(what) != std::string::npos; });
}
} // namespace

class LatticeAutoGridTest : public QObject {
    Q_OBJECT
private slots:
    void confidentLatticeSizesThePatches() {
        const cv::Mat img = test::renderHoneycomb(384, 384, 11.0, 20.0, 50.0, false, 3);
        std::optional<LatticeEstimate> lattice;
        std::vector<std::string> notes;
        auto grid = automaticGrid(normaliseImage(img), lattice, notes);
        QVERIFY(grid.ok());
        QVERIFY(lattice.has_value());
        QVERIFY(lattice->confidence >= kMinGridConfidence);
        QCOMPARE(grid->spec().side, latticeGrid(lattice->bondPx).side);
        QCOMPARE(grid->spec().side, 44);
        QCOMPARE(grid->spec().stride, 22);
        QVERIFY(notes.empty());
    }

    void uncertainLatticeFallsBackToTheDefault() {
        // Amorphous "atoms" (noise blurred to column size): the estimator still names a bond length,
        // but with confidence below 0.1 it is a guess and must not size the patches.
        cv::Mat img(400, 400, CV_32F);
        cv::randn(img, 100, 10);
        cv::GaussianBlur(img, img, cv::Size(), 3.0);
        std::optional<LatticeEstimate> lattice;
        std::vector<std::string> notes;
        auto grid = automaticGrid(normaliseImage(img), lattice, notes);
        QVERIFY(grid.ok());
        QVERIFY(lattice.has_value()); // still reported, with its confidence
        QVERIFY2(lattice->confidence < kMinGridConfidence, qPrintable(QString::number(lattice->confidence)));
        QCOMPARE(grid->spec().side, kFallbackPatchSide);
        QCOMPARE(grid->spec().stride, kFallbackPatchStride);
        QVERIFY(mentions(notes, "confidence"));
        QVERIFY(mentions(notes, "default patch side 48 px"));

        // The whole pipeline says so in the run's notes too.
        Micrograph m;
        m.pixels = img;
        RunSpec cfg;
        cfg.detector = "lattice";
        auto scored = runImage(m, cfg, {});
        QVERIFY2(scored.ok(), scored.ok() ? "" : scored.error().message.c_str());
        QCOMPARE(scored->grid.spec().side, kFallbackPatchSide);
        QVERIFY(mentions(scored->notes, "default patch side"));
    }

    void callersEstimateIsReused() {
        // An estimate handed over in the config is used as is (a deliberately different bond length
        // shows it was not re-estimated from the pixels) and reaches the result.
        const cv::Mat img = test::renderHoneycomb(384, 384, 11.0, 20.0, 50.0, false, 3);
        auto real = estimateLattice(normaliseImage(img));
        QVERIFY(real.ok());
        LatticeEstimate given = *real;
        given.bondPx = 9.0;
        Micrograph m;
        m.pixels = img;
        RunSpec cfg;
        for (const char* detector : {"lattice", "auto"}) {
            cfg.detector = detector;
            auto scored = runImage(m, cfg, RunInputs{{}, given, {}});
            QVERIFY2(scored.ok(), scored.ok() ? "" : scored.error().message.c_str());
            QCOMPARE(scored->grid.spec().side, latticeGrid(9.0).side);
            QVERIFY(scored->lattice.has_value());
            QCOMPARE(scored->lattice->bondPx, 9.0);
        }
        // Handing over the estimate the pipeline would make itself changes nothing in the scores.
        RunSpec own;
        own.detector = "lattice";
        auto a = runImage(m, own, {});
        auto b = runImage(m, own, RunInputs{{}, *real, {}});
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a->scores == b->scores);
    }
};

QTEST_GUILESS_MAIN(LatticeAutoGridTest)
#include "lattice_auto_grid_test.moc"
