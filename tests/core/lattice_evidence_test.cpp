// Lattice evidence on the real micrographs, point by point: which kind of evidence lands on patches
// the truth calls perfect (false positives at the calibrated threshold) and on the truth defects.
// Prints the breakdown (diagnostic for tuning the evidence weights by physics, not by file) and
// asserts that the truth defects carry evidence above the boundary.
#include "core/detect/lattice_detector.h"
#include "core/detect/evidence_clusters.h"
#include "core/detect/lattice_evidence.h"
#include "core/detect/ring_support.h"
#include "core/analysis/grid_rule.h"
#include "core/analysis/run_image.h"
#include "core/features/normalise.h"
#include "core/io/read_micrograph.h"
#include "core/labels/truth_points.h"
#include "core/lattice/atom_lattice.h"
#include "core/lattice/ring_centres.h"
#include "core/synth/synthetic_graphene.h"
#include "support/test_data.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <map>

using namespace ds;

namespace {
const char* kindName(EvidenceKind k) {
    switch (k) {
    case EvidenceKind::RingCentre: return "ring-centre";
    case EvidenceKind::BrightColumn: return "bright-column";
    case EvidenceKind::BondGraphFace: return "graph-face";
    case EvidenceKind::UnderCoordinated: return "under-coord";
    }
    return "?";
}
} // namespace

class LatticeEvidenceTest : public QObject {
    Q_OBJECT
private slots:
    // Ring support on hand-made ring centres: a hole missing from a perfect triangular lattice of
    // centres turns its six neighbours into apparent pentagons that open onto the empty site
    // (support 0); a real pentagon, neighbours 72 degrees apart, is fully supported.
    void ringSupportSeparatesMissedHoles() {
        const double a = 10;
        std::vector<RingCentre> rings;
        for (int j = -4; j <= 4; ++j)
            for (int i = -4; i <= 4; ++i) {
                if (i == 0 && j == 0)
                    continue; // the missed hole
                RingCentre r;
                r.x = 100 + a * (i + 0.5 * j);
                r.y = 100 + a * j * std::sqrt(3.0) / 2;
                rings.push_back(r);
            }
        const std::size_t pentagon = rings.size();
        {
            RingCentre c;
            c.x = 300;
            c.y = 300;
            rings.push_back(c);
            for (int k = 0; k < 5; ++k) {
                RingCentre r;
                r.x = 300 + a * std::cos(k * 2 * M_PI / 5);
                r.y = 300 + a * std::sin(k * 2 * M_PI / 5);
                rings.push_back(r);
            }
        }
        for (std::size_t i = 0; i < rings.size(); ++i) {
            for (std::size_t j = 0; j < rings.size(); ++j)
                if (i != j && std::hypot(rings[i].x - rings[j].x, rings[i].y - rings[j].y) < 1.3 * a)
                    rings[i].neighbours.push_back(int(j));
            rings[i].ringSize = int(rings[i].neighbours.size());
        }
        const auto support = ringSupport(rings, a, ringSupportFrame(rings));
        int besideHole = 0;
        for (std::size_t i = 0; i < pentagon; ++i)
            if (std::hypot(rings[i].x - 100, rings[i].y - 100) < 1.1 * a) {
                ++besideHole;
                QCOMPARE(rings[i].ringSize, 5);
                QVERIFY(support[i] < 0.05);
            }
        QCOMPARE(besideHole, 6);
        QCOMPARE(rings[pentagon].ringSize, 5);
        QVERIFY(support[pentagon] > 0.99);
    }

    // A compact defect's points merge at their centre; a long chain (grain boundary) stays apart.
    void compactDefectsMerge() {
        const double bond = 10;
        std::vector<EvidencePoint> pts;
        for (int k = 0; k < 4; ++k) // Stone-Wales-like: four faces ~1.3 bonds around (50, 50)
            pts.push_back({50 + 13 * std::cos(k * M_PI / 2 + 0.3), 50 + 13 * std::sin(k * M_PI / 2 + 0.3), 1.0,
                           EvidenceKind::BondGraphFace});
        for (int k = 0; k < 10; ++k) // a chain 17 px apart along y = 300
            pts.push_back({100 + 17.0 * k, 300, 1.0, EvidenceKind::RingCentre});
        pts.push_back({52, 52, 2.0, EvidenceKind::BrightColumn}); // dopants never merge
        const auto out = mergeCompactDefects(pts, bond);
        QCOMPARE(int(out.size()), 1 + 10 + 1);
        int merged = 0;
        for (const EvidencePoint& p : out)
            if (p.kind != EvidenceKind::BrightColumn && p.weight > 3.5) {
                ++merged;
                QVERIFY(std::hypot(p.x - 50, p.y - 50) < 1.0);
                QCOMPARE(p.weight, 4.0);
            }
        QCOMPARE(merged, 1);
    }

    void realBreakdown_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"G-GrainBoundary-4nm", "G-Si-2nm", "G-dimSi"})
            QTest::newRow(n) << QString(n);
        // Clean synthetic frames (dose 300): what precision is left once noise is not the cause.
        // HRTEM at bond 14 px gets 111 counts/px, the dose at which one missing column has an
        // ideal-observer SNR of 10 (detect_hrtem_dose_test). These rows were at 15 counts/px,
        // below the Rose criterion for a single column there: the old hole search met the recall
        // bar only by flagging 116 and 86 of the 144 patches (AUROC 0.55-0.80 either way).
        // synth:KIND:BOND:CONTRAST:DOSE
        for (const char* n : {"synth:stone_wales:24:haadf:300", "synth:vacancy:24:haadf:300", "synth:divacancy:24:haadf:300",
                              "synth:stone_wales:14:hrtem:111", "synth:contamination:14:hrtem:111"})
            QTest::newRow(n) << QString(n);
    }
    void realBreakdown() {
        QFETCH(QString, name);
        cv::Mat pixels, mask;
        Result<std::vector<TruthPoint>> truth = std::vector<TruthPoint>{};
        if (name.startsWith("synth:")) {
            const QStringList f = name.split(':');
            SynthOptions o;
            o.bondPx = f[2].toDouble();
            o.width = o.height = std::max(384, static_cast<int>(std::lround(o.bondPx * 20)));
            o.rotationDeg = 7 + o.bondPx;
            o.contrast = f[3] == "hrtem" ? SynthOptions::Contrast::Hrtem : SynthOptions::Contrast::Haadf;
            o.dose = f[4].toDouble();
            o.seed = 7;
            o.stoneWales = f[1] == "stone_wales" ? 3 : 0;
            o.singleVacancies = f[1] == "vacancy" ? 3 : 0;
            o.doubleVacancies = f[1] == "divacancy" ? 2 : 0;
            o.contamination = f[1] == "contamination";
            const SyntheticImage s = synthesizeGraphene(o);
            pixels = s.pixels;
            mask = s.mask;
            truth = s.truth;
        } else {
            DS_REQUIRE_TESTDATA();
            const QString base = test::testDataPath("real/" + name);
            auto img = readMicrograph((base + ".npy").toStdString());
            truth = readTruthPoints((base + ".truth.csv").toStdString());
            QVERIFY(img.ok() && truth.ok());
            pixels = img->pixels;
        }
        const cv::Mat norm = normaliseImage(pixels);
        std::optional<LatticeEstimate> est;
        std::vector<std::string> notes;
        auto grid = automaticGrid(norm, est, notes);
        QVERIFY(grid.ok() && est);
        auto ev = computeLatticeEvidence(norm, RunControl::none(), est);
        QVERIFY(ev.ok());
        const auto labels = labelsFromTruth(*grid, *truth, mask);
        const auto scores = latticePatchScores(*ev, *grid);
        qInfo("%s: ring hexagon fraction %.2f, column graph hexagons %.2f, three-fold %.2f", qPrintable(name),
              ev->ringHexFraction, ev->graphHexFraction, ev->graphThreeFold);

        // Per kind: evidence weight within 1.5 bonds of a truth point (true) or not (false).
        const double bond = est->bondPx;
        std::map<EvidenceKind, double> onTrue, onFalse;
        std::map<EvidenceKind, int> nTrue, nFalse;
        for (const EvidencePoint& p : ev->points) {
            double nearest = 1e9;
            for (const TruthPoint& t : *truth)
                nearest = std::min(nearest, std::hypot(t.x - p.x, t.y - p.y));
            const bool real = nearest < 1.5 * bond;
            if (qEnvironmentVariableIsSet("DS_EVIDENCE_DUMP"))
                qInfo("  %-13s w %.2f at (%.0f, %.0f) depth %.2f support %.2f strain %.3f %s", kindName(p.kind),
                      p.weight, p.x, p.y, p.depth, p.support, p.strain, real ? "TRUE" : "false");
            (real ? onTrue : onFalse)[p.kind] += p.weight;
            ++(real ? nTrue : nFalse)[p.kind];
        }
        for (EvidenceKind k : {EvidenceKind::RingCentre, EvidenceKind::BrightColumn, EvidenceKind::BondGraphFace,
                               EvidenceKind::UnderCoordinated})
            qInfo("  %-13s near a truth point: %d points, weight %.2f; elsewhere: %d points, weight %.2f", kindName(k),
                  nTrue[k], onTrue[k], nFalse[k], onFalse[k]);
        // Why each falsely flagged patch crossed the boundary: its evidence points, the rest is
        // lattice absence and the strain tie-breaker.
        for (int i = 0; i < grid->size(); ++i) {
            if (labels[i] != Label::Perfect || scores[i] < LatticeDetector::kDefectEvidence)
                continue;
            double pts = 0;
            for (const EvidencePoint& p : ev->points)
                if (grid->rect(i).contains(cv::Point(int(p.x), int(p.y))))
                    pts += p.weight;
            qInfo("  false positive patch %d: score %.2f = points %.2f + absence/strain %.2f", i, scores[i], pts,
                  scores[i] - pts);
        }
        if (qEnvironmentVariableIsSet("DS_EVIDENCE_OVERLAY")) {
            // Debug aid: ring centres by size (hexagons green), atom columns (grey), truth (blue).
            const int up = 3;
            cv::Mat g, c;
            cv::normalize(norm, g, 0, 255, cv::NORM_MINMAX);
            g.convertTo(g, CV_8U);
            cv::resize(g, g, cv::Size(), up, up, cv::INTER_CUBIC);
            cv::cvtColor(g, c, cv::COLOR_GRAY2BGR);
            if (auto atoms = findAtomLattice(norm, *est))
                for (const AtomColumn& a : atoms->atoms)
                    cv::circle(c, cv::Point2d(a.x, a.y) * up, 3, a.coordination == 3 ? cv::Scalar(200, 200, 0) : cv::Scalar(0, 200, 255), -1);
            if (auto rings = findRingCentres(norm, *est))
                for (const RingCentre& r : *rings)
                    cv::putText(c, std::to_string(r.ringSize), cv::Point2d(r.x * up - 6, r.y * up + 6),
                                cv::FONT_HERSHEY_SIMPLEX, 0.6, r.ringSize == 6 ? cv::Scalar(0, 160, 0) : cv::Scalar(0, 0, 255), 2);
            for (const TruthPoint& p : *truth)
                cv::circle(c, cv::Point2d(p.x, p.y) * up, 12, {255, 0, 0}, 2);
            cv::imwrite(qgetenv("DS_EVIDENCE_OVERLAY").toStdString() + "/" + QString(name).replace(':', '_').toStdString() + ".png", c);
        }
        int tp = 0, flagged = 0, defects = 0;
        for (int i = 0; i < grid->size(); ++i) {
            const bool f = scores[i] >= LatticeDetector::kDefectEvidence, d = labels[i] == Label::Defect;
            tp += f && d;
            flagged += f;
            defects += d;
        }
        qInfo("  %d patches, %d defect, %d flagged, %d true positives", grid->size(), defects, flagged, tp);
        QVERIFY(defects > 0);
        QVERIFY(tp >= 0.75 * defects);
    }
};

QTEST_GUILESS_MAIN(LatticeEvidenceTest)
#include "lattice_evidence_test.moc"
