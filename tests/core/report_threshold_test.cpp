// The shared default-threshold rule (core/report/threshold_rule): its order of precedence, and that
// detectors with a calibrated scale bring their own boundary while rank-only detectors fall back to
// the robust median + 3 MAD rule. Scores are made up; no detector runs.
#include "core/detect/auto_detector.h"
#include "core/detect/lattice_detector.h"
#include "core/detect/detector_registry.h"
#include "core/analysis/threshold_rule.h"

#include <QTest>

#include <limits>
#include <random>

namespace {

// 200 scores: a Gaussian bulk around 1 and ten clear outliers at 9, the first ten labelled defect.
std::vector<float> bulkWithTail() {
    std::mt19937 rng(3);
    std::normal_distribution<float> bulk(1.0f, 0.1f);
    std::vector<float> s(200);
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = i < 10 ? 9.0f + 0.01f * static_cast<float>(i) : bulk(rng);
    return s;
}

std::vector<ds::Label> firstTenDefect() {
    std::vector<ds::Label> l(200, ds::Label::Perfect);
    std::fill(l.begin(), l.begin() + 10, ds::Label::Defect);
    return l;
}

int flagged(const std::vector<float>& s, double t) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [&](float v) { return v >= t; }));
}

} // namespace

class ReportThresholdTest : public QObject {
    Q_OBJECT
private slots:
    void precedence() {
        const auto s = bulkWithTail();
        const auto labels = firstTenDefect();
        ds::ThresholdPolicy fixed{2.5, 0.5};
        QCOMPARE(ds::chooseThreshold(s, labels, "knn", fixed)->rule, std::string("fixed"));
        QCOMPARE(ds::chooseThreshold(s, labels, "knn", fixed)->value, 2.5);
        auto top = ds::chooseThreshold(s, labels, "knn", {std::nullopt, 0.02});
        QCOMPARE(top->rule.substr(0, 13), std::string("contamination"));
        QCOMPARE(flagged(s, top->value), 4); // ceil(0.02 x 200)
        auto youden = ds::chooseThreshold(s, labels, "lattice");
        QCOMPARE(youden->rule, std::string("youden")); // labels beat the detector's own scale
        QCOMPARE(flagged(s, youden->value), 10);
        // Labels that agree with the calibrated boundary keep it (lattice: 0.5; the labelled perfect
        // patches all score below it, the defects above): Youden would sit at the lowest defect.
        std::vector<float> evidence(s.size(), 0.1f);
        for (std::size_t i = 0; i < 10; ++i)
            evidence[i] = 0.9f + 0.1f * static_cast<float>(i);
        auto agree = ds::chooseThreshold(evidence, labels, "lattice");
        QCOMPARE(agree->rule, std::string("calibrated"));
        QCOMPARE(agree->value, *ds::calibratedThresholdOf("lattice"));
        QCOMPARE(ds::chooseThreshold(evidence, labels, "knn")->rule, std::string("youden"));
        auto mad = ds::chooseThreshold(s, {}, "knn");
        QCOMPARE(mad->rule, std::string("median+3mad"));
        QCOMPARE(flagged(s, mad->value), 10); // the tail and nothing of the bulk
        QVERIFY(!ds::chooseThreshold(s, {}, "knn", {std::nullopt, 1.5}).ok());
        // Labels of one class cannot pick a Youden point; labels of the wrong length are ignored.
        QCOMPARE(ds::chooseThreshold(s, std::vector<ds::Label>(200, ds::Label::Perfect), "knn")->rule,
                 std::string("median+3mad"));
        QCOMPARE(ds::chooseThreshold(s, std::vector<ds::Label>(3, ds::Label::Defect), "knn")->rule,
                 std::string("median+3mad"));
    }

    void calibratedDetectorsBringTheirBoundary() {
        // Rank-fused scores are uniform: the MAD rule finds no tail there, which is why detectors
        // with a physical scale declare a threshold instead.
        std::vector<float> uniform(400);
        for (std::size_t i = 0; i < uniform.size(); ++i)
            uniform[i] = static_cast<float>(i) / 399.0f;
        QCOMPARE(flagged(uniform, ds::chooseThreshold(uniform, {}, "knn")->value), 0);
        int calibrated = 0;
        for (const ds::DetectorInfo& d : ds::availableDetectors()) {
            const auto t = ds::calibratedThresholdOf(d.id);
            QCOMPARE(t.has_value(), d.calibratedThreshold.has_value());
            const auto c = ds::chooseThreshold(uniform, {}, d.id);
            QCOMPARE(c->rule, std::string(t ? "calibrated" : "median+3mad"));
            if (t) {
                QCOMPARE(c->value, *t);
                ++calibrated;
            }
        }
        QVERIFY(!ds::calibratedThresholdOf("no-such-detector"));
        QVERIFY(calibrated >= 2);
        QVERIFY(ds::calibratedThresholdOf("lattice")); // evidence units
        QVERIFY(ds::calibratedThresholdOf("auto"));    // its defect band
        QVERIFY(!ds::calibratedThresholdOf("iforest")); // generic detectors only rank
    }

    void nanAndConstantScores() {
        // NaN scores (saved as null in a project) must not move the threshold or defeat Youden.
        auto s = bulkWithTail();
        const auto clean = ds::chooseThreshold(s, {}, "knn");
        const auto cleanYouden = ds::chooseThreshold(s, firstTenDefect(), "knn");
        auto labels = firstTenDefect();
        for (int i = 0; i < 60; ++i) {
            s.push_back(std::numeric_limits<float>::quiet_NaN());
            labels.push_back(ds::Label::Perfect);
        }
        QCOMPARE(ds::chooseThreshold(s, {}, "knn")->value, clean->value);
        const auto y = ds::chooseThreshold(s, labels, "knn");
        QCOMPARE(y->rule, std::string("youden"));
        QCOMPARE(y->value, cleanYouden->value);
        // The lattice detector on a frame with no lattice scores every patch alike: no boundary to
        // calibrate against, so nothing is flagged (not everything).
        const std::vector<float> flat(225, 1.0f);
        const auto f = ds::chooseThreshold(flat, {}, "lattice");
        QCOMPARE(f->rule, std::string("median+3mad"));
        QCOMPARE(flagged(flat, f->value), 0);
    }

    void autoCalibrationKeepsOrderAndPutsTheBoundaryAtTheThreshold() {
        // Evidence units to scores: monotone, the defect boundary (kDefectEvidence) exactly at the
        // calibrated threshold, every score below 2.
        const double unit = ds::LatticeDetector::kDefectEvidence;
        const std::vector<double> e{0.0, 0.1, unit * 0.999, unit, 0.9, 3.0, 100.0};
        const auto c = ds::AutoDetector::calibrated(e);
        const double t = *ds::calibratedThresholdOf("auto");
        for (std::size_t i = 0; i < c.size(); ++i) {
            QCOMPARE(c[i] >= t, e[i] >= unit);
            QVERIFY(c[i] < 2.0f);
            if (i > 0)
                QVERIFY(c[i] > c[i - 1]);
        }
    }
};

QTEST_APPLESS_MAIN(ReportThresholdTest)
#include "report_threshold_test.moc"
