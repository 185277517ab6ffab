// The default detector (auto) and the lattice estimate on the synthetic generator: every defect
// kind, bond lengths 8-40 px, HAADF and HRTEM contrast, noisy to clean doses. Each row isolates one
// defect kind so a miss is attributable. Product path: evaluateProtocol with the automatic grid.
#include "core/detect/detector_registry.h"
#include "core/analysis/protocol_evaluation.h"
#include "core/lattice/lattice_estimate.h"
#include "core/synth/synthetic_graphene.h"

#include "core/lattice/ring_centres.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <vector>

using namespace ds;

namespace {
// Debug aid: ring centres (size != 6 in red), truth (blue), defect patches missed among the top
// scores outlined.
void dumpOverlay(const SyntheticImage& s, const LatticeEstimate& est, const RunResult& sc,
                 const std::vector<Label>& truth, const std::string& path) {
    cv::Mat g, c;
    cv::normalize(s.pixels, g, 0, 255, cv::NORM_MINMAX);
    g.convertTo(g, CV_8U);
    cv::cvtColor(g, c, cv::COLOR_GRAY2BGR);
    auto rings = findRingCentres(s.pixels, est);
    if (rings)
        for (const RingCentre& r : *rings)
            cv::putText(c, std::to_string(r.ringSize), cv::Point2d(r.x - 4, r.y + 4), cv::FONT_HERSHEY_SIMPLEX, 0.35,
                        r.ringSize == 6 ? cv::Scalar(0, 160, 0) : cv::Scalar(0, 0, 255), 1);
    for (const TruthPoint& p : s.truth)
        cv::circle(c, cv::Point2d(p.x, p.y), 6, {255, 0, 0}, 2);
    for (int i = 0; i < sc.grid.size(); ++i)
        if (truth[i] == Label::Defect)
            cv::putText(c, QString::number(sc.scores[i], 'f', 2).toStdString(), sc.grid.rect(i).tl() + cv::Point(3, 12),
                        cv::FONT_HERSHEY_SIMPLEX, 0.35, {255, 255, 0}, 1);
    cv::imwrite(path, c);
}
} // namespace

class LatticeSyntheticTest : public QObject {
    Q_OBJECT
private slots:
    void defects_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("bond");
        QTest::addColumn<bool>("hrtem");
        QTest::addColumn<double>("dose");
        const char* kinds[] = {"vacancy", "divacancy", "stone_wales", "dopant", "grain_boundary", "contamination"};
        const double bonds[] = {8, 14, 24, 40};
        int k = 0;
        for (const char* kind : kinds)
            for (double b : bonds) {
                const bool hrtem = (k % 2) == 1;
                const double dose = (k % 3) == 0 ? 15.0 : 300.0;
                ++k;
                QTest::newRow(qPrintable(QStringLiteral("%1 b%2 %3 dose%4").arg(kind).arg(b).arg(hrtem ? "hrtem" : "haadf").arg(dose)))
                    << QString(kind) << b << hrtem << dose;
            }
    }
    void defects() {
        QFETCH(QString, kind);
        QFETCH(double, bond);
        QFETCH(bool, hrtem);
        QFETCH(double, dose);
        SynthOptions o;
        // Enough lattice for a few dozen patches at every bond length.
        o.width = o.height = std::max(384, static_cast<int>(std::lround(bond * 20)));
        o.bondPx = bond;
        o.rotationDeg = 7.0 + bond;
        o.contrast = hrtem ? SynthOptions::Contrast::Hrtem : SynthOptions::Contrast::Haadf;
        o.dose = dose;
        o.seed = static_cast<std::uint64_t>(bond * 10 + kind.size());
        o.singleVacancies = kind == "vacancy" ? 3 : 0;
        o.doubleVacancies = kind == "divacancy" ? 2 : 0;
        o.stoneWales = kind == "stone_wales" ? 3 : 0;
        o.dopants = kind == "dopant" ? 3 : 0;
        o.grainBoundary = kind == "grain_boundary";
        o.contamination = kind == "contamination";
        const SyntheticImage s = synthesizeGraphene(o);

        auto est = estimateLattice(s.pixels);
        QVERIFY(est.ok());
        // Two grains defeat the autocorrelation refinement (its peaks follow one orientation), so a
        // small frame with a boundary keeps the coarser Fourier value: 5 % there, 3 % elsewhere.
        const double tolerance = kind == "grain_boundary" ? 0.05 : 0.03;
        QVERIFY2(std::fabs(est->bondPx / s.bondPx - 1) < tolerance,
                 qPrintable(QStringLiteral("bond %1 estimated %2").arg(s.bondPx).arg(est->bondPx)));

        // The generator's rotation turns lattice vector a1 from +x towards +y, our convention too.
        if (kind != "grain_boundary") {
            double d = std::fmod(std::fabs(est->orientationDeg - s.rotationDeg), 60.0);
            d = std::min(d, 60.0 - d);
            QVERIFY2(d < 1.5, qPrintable(QStringLiteral("rotation %1 estimated %2").arg(s.rotationDeg).arg(est->orientationDeg)));
        }

        Micrograph m;
        m.pixels = s.pixels;
        ProtocolInput in;
        in.truth = s.truth;
        in.mask = s.mask;
        in.bootstrapResamples = 10;
        RunSpec cfg; // defaults: detector auto, automatic grid
        auto r = evaluateProtocol(m, in, cfg);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        qInfo("AUROC %.3f (%d patches, %d defect), bond est %.2f/%.2f conf %.2f", r->auroc, r->patches,
              r->defectPatches, est->bondPx, s.bondPx, est->confidence);
        s_aurocs.push_back(r->auroc);
        // What the report calls a defect without labels: the detector's calibrated threshold.
        if (const auto t = calibratedThresholdOf(cfg.detector)) {
            int tp = 0, flagged = 0, defects = 0;
            for (std::size_t i = 0; i < r->truthLabels.size(); ++i) {
                const bool f = r->scores.scores[i] >= *t, d = r->truthLabels[i] == Label::Defect;
                tp += f && d;
                flagged += f;
                defects += d;
            }
            const double recall = defects ? double(tp) / defects : 1.0, precision = flagged ? double(tp) / flagged : 1.0;
            qInfo("at the calibrated threshold %.2f: %d flagged, recall %.2f, precision %.2f", *t, flagged, recall,
                  precision);
            s_recalls.push_back(recall);
            s_precisions.push_back(precision);
        }
        if (qEnvironmentVariableIsSet("DS_LATTICE_OVERLAY"))
            dumpOverlay(s, *est, r->scores, r->truthLabels, qgetenv("DS_LATTICE_OVERLAY").toStdString());
        // Per configuration only "not worse than chance"; the aggregate floor (issue #5: 0.95) is
        // below. Known weak spots, both HRTEM at dose 15 and bond 14 px, where single ring centres
        // drown in shot noise: contamination (~0.72) and Stone-Wales (~0.76).
        QVERIFY(r->auroc >= 0.5);
    }

    // Issue 13: a region with no lattice (amorphous contamination) is an anomaly to a scientist:
    // the patches it mostly covers must score in the calibrated defect band, at a clean and at a
    // low dose, bright and dark columns.
    void amorphousRegionScoresInDefectBand_data() {
        QTest::addColumn<bool>("hrtem");
        QTest::addColumn<double>("dose");
        QTest::newRow("haadf dose 300") << false << 300.0;
        QTest::newRow("haadf dose 15") << false << 15.0;
        QTest::newRow("hrtem dose 300") << true << 300.0;
    }
    void amorphousRegionScoresInDefectBand() {
        QFETCH(bool, hrtem);
        QFETCH(double, dose);
        SynthOptions o;
        o.width = o.height = 384;
        o.bondPx = 12;
        o.rotationDeg = 11;
        o.contrast = hrtem ? SynthOptions::Contrast::Hrtem : SynthOptions::Contrast::Haadf;
        o.dose = dose;
        o.seed = 31;
        o.singleVacancies = o.doubleVacancies = o.stoneWales = o.dopants = 0;
        o.contamination = true;
        const SyntheticImage s = synthesizeGraphene(o);
        QVERIFY(!s.mask.empty());
        Micrograph m;
        m.pixels = s.pixels;
        ProtocolInput in;
        in.truth = s.truth;
        in.mask = s.mask;
        in.bootstrapResamples = 10;
        RunSpec cfg;
        auto r = evaluateProtocol(m, in, cfg);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const double t = *calibratedThresholdOf("auto");
        int covered = 0, inBand = 0;
        for (int i = 0; i < r->scores.grid.size(); ++i) {
            const cv::Rect rect = r->scores.grid.rect(i);
            if (2 * cv::countNonZero(s.mask(rect)) <= rect.area())
                continue; // mostly lattice
            ++covered;
            inBand += r->scores.scores[i] >= t;
        }
        qInfo("%d patches mostly amorphous, %d in the defect band; AUROC %.3f", covered, inBand, r->auroc);
        QVERIFY(covered > 0);
        QCOMPARE(inBand, covered);
    }

    void meanOverConfigurations() {
        if (s_aurocs.empty())
            QSKIP("no configuration ran");
        double sum = 0;
        for (double a : s_aurocs)
            sum += a;
        qInfo("mean AUROC over %d synthetic configurations: %.3f", int(s_aurocs.size()), sum / s_aurocs.size());
        QVERIFY(sum / s_aurocs.size() >= 0.95);
        if (!s_recalls.empty()) {
            double rs = 0, ps = 0;
            for (std::size_t i = 0; i < s_recalls.size(); ++i) {
                rs += s_recalls[i];
                ps += s_precisions[i];
            }
            qInfo("mean at the calibrated threshold over %d configurations: recall %.3f, precision %.3f",
                  int(s_recalls.size()), rs / s_recalls.size(), ps / s_precisions.size());
            // The report's predicted-defect count rests on this threshold: it must keep finding the
            // truth defects across the set (measured 0.985 when this floor was set; one Stone-Wales
            // or vacancy missed per row at dose 15 is what it tolerates).
            QVERIFY(rs / s_recalls.size() >= 0.9);
        }
    }

private:
    static inline std::vector<double> s_aurocs, s_recalls, s_precisions;
};

QTEST_GUILESS_MAIN(LatticeSyntheticTest)
#include "lattice_synthetic_test.moc"
