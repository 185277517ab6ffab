// Issue 13: `auto` on synthetic HRTEM frames (dark columns under a phase-contrast transfer with
// its bright halos and ringing, core/synth/column_renderer) at bonds of 6-14 px and a low dose,
// one defect kind per frame so a miss is attributable, three seeds per bond. Default settings:
// self mode, automatic grid (evaluateProtocol), AUROC per kind averaged over bonds and seeds.
//
// What "low dose" means here is read off the rendered frames, not chosen per case. In HRTEM every
// pixel carries the full beam and graphene, a weak phase object, modulates it by a few per cent, so
// counts per pixel say little by themselves: at 5 counts per pixel an ideal observer that knows
// where a missing carbon column is and what it looks like sees it at a signal-to-noise ratio of
// only 0.9 (bond 6 px) to 2.2 (bond 14 px) - no detector can rank single-column defects there.
// The dose is therefore set per bond by the ideal observer: the matched-filter SNR of one missing
// column, sqrt(sum (clean - without column)^2 / clean) at the Poisson variance, fixed at
// kColumnSnr. That is the same electrons per square angstrom at every bond (about 1.1e4 e/A^2,
// 600 counts per pixel at bond 6 px, 110 at 14 px), twice the Rose criterion (SNR 5) for seeing a
// single feature at all. At the Rose criterion itself (SNR 5) auto is far from 0.95 (0.59-0.83
// per kind, mean of 15 frames, when this test was written): it is not asserted.
#include "core/analysis/protocol_evaluation.h"
#include "core/synth/column_renderer.h"
#include "core/synth/synthetic_graphene.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

using namespace ds;

namespace {

// Ideal-observer SNR of one missing carbon column that the dose is set to: twice the Rose
// criterion (5), so a defect is clearly there in the counts but the frame is still dose-limited.
constexpr double kColumnSnr = 10.0;
constexpr int kSeeds = 3;
constexpr double kBonds[] = {6, 8, 10, 12, 14};

SynthOptions hrtemOptions(const std::string& kind, double bond, int seed) {
    SynthOptions o;
    // About 30 x 30 patches at bond 6 px and 10 x 10 at 14 px: a few defect patches among many.
    o.width = o.height = std::max(384, static_cast<int>(std::lround(bond * 36)));
    o.bondPx = bond;
    o.rotationDeg = 3.0 + 17.0 * seed + bond;
    o.contrast = SynthOptions::Contrast::Hrtem;
    o.seed = static_cast<std::uint64_t>(1000 + 97 * seed + bond);
    o.singleVacancies = kind == "vacancy" ? 4 : 0;
    o.doubleVacancies = kind == "divacancy" ? 3 : 0;
    o.stoneWales = kind == "stone_wales" ? 4 : 0;
    o.dopants = kind == "dopant" ? 4 : 0;
    o.grainBoundary = kind == "grain_boundary";
    o.contamination = kind == "contamination";
    return o;
}

// Counts per pixel (HRTEM background level, SynthOptions::dose) at which one missing carbon column
// near the centre of a clean frame reaches `snr` for an ideal matched filter under Poisson noise:
// SNR^2 = dose * sum (a - b)^2 / a over the frame rendered at unit dose with (a) and without (b) it.
double doseForColumnSnr(double bond, double snr) {
    SynthOptions o = hrtemOptions("none", bond, 0);
    o.dose = 1.0;
    o.noise = false;
    const SyntheticImage clean = synthesizeGraphene(o);
    std::size_t centre = 0;
    double best = 1e300;
    for (std::size_t i = 0; i < clean.atoms.size(); ++i) {
        const double d = std::hypot(clean.atoms[i].x - o.width / 2.0, clean.atoms[i].y - o.height / 2.0);
        if (d < best) {
            best = d;
            centre = i;
        }
    }
    std::vector<SynthAtom> without = clean.atoms;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(centre));
    std::mt19937_64 rngA(1), rngB(1); // the same slow background in both renders
    const cv::Mat a = synth::renderColumns(clean.atoms, o, rngA), b = synth::renderColumns(without, o, rngB);
    double perUnitDose = 0;
    for (int y = 0; y < a.rows; ++y)
        for (int x = 0; x < a.cols; ++x) {
            const double m = a.at<float>(y, x), d = m - b.at<float>(y, x);
            if (m > 0)
                perUnitDose += d * d / m;
        }
    return snr * snr / perUnitDose;
}

} // namespace

class DetectHrtemDoseTest : public QObject {
    Q_OBJECT
private slots:
    void idealObserverAtFewCounts() {
        // The premise above: at a few counts per pixel a single missing column is below the Rose
        // criterion at every bond of the range, so those doses cannot be the bar for point defects.
        for (double bond : kBonds) {
            const double snrAt5 = kColumnSnr * std::sqrt(5.0 / doseForColumnSnr(bond, kColumnSnr));
            qInfo("bond %4.1f px: missing column SNR %.2f at 5 counts/px; SNR %.0f needs %.0f counts/px", bond,
                  snrAt5, kColumnSnr, doseForColumnSnr(bond, kColumnSnr));
            QVERIFY(snrAt5 < 5.0);
        }
    }

    void autoPerKind_data() {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"vacancy", "divacancy", "stone_wales", "dopant", "grain_boundary", "contamination"})
            QTest::newRow(kind) << QString(kind);
    }
    void autoPerKind() {
        QFETCH(QString, kind);
        double sum = 0;
        int n = 0;
        for (double bond : kBonds) {
            const double dose = doseForColumnSnr(bond, kColumnSnr);
            QString line;
            for (int seed = 0; seed < kSeeds; ++seed) {
                SynthOptions o = hrtemOptions(kind.toStdString(), bond, seed);
                o.dose = dose;
                const SyntheticImage s = synthesizeGraphene(o);
                QVERIFY(!s.truth.empty());
                Micrograph m;
                m.pixels = s.pixels;
                ProtocolInput in;
                in.truth = s.truth;
                in.mask = s.mask;
                in.bootstrapResamples = 10;
                RunSpec cfg; // defaults: detector auto, automatic grid, self mode
                auto r = evaluateProtocol(m, in, cfg);
                QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
                line += QStringLiteral(" %1").arg(r->auroc, 0, 'f', 3);
                sum += r->auroc;
                ++n;
            }
            qInfo("%s bond %4.1f px, %.0f counts/px: AUROC%s", qPrintable(kind), bond, dose, qPrintable(line));
        }
        const double mean = sum / n;
        qInfo("%s: mean AUROC %.3f over %d frames", qPrintable(kind), mean, n);
        // Measured when this test was written: vacancy 0.990, divacancy 0.968, Stone-Wales 0.992,
        // dopant 0.988, grain boundary 0.976, contamination 0.990 (before triangles and
        // over-coordinated columns stopped counting as bond-graph evidence: 0.947, 0.927, 0.965,
        // 0.944, 0.954, 0.980).
        QVERIFY2(mean >= 0.95, qPrintable(QString::number(mean, 'f', 3)));
    }
};

QTEST_GUILESS_MAIN(DetectHrtemDoseTest)
#include "detect_hrtem_dose_test.moc"
