// Every detector on synthetic graphene with known defects: AUROC floors that can fail, plus the
// autoencoder's reconstruction check. Patch counts and epochs are small so the suite stays fast.
#include "core/detect/cae_detector.h"
#include "core/detect/detector_registry.h"
#include "core/analysis/protocol_evaluation.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/synth/synthetic_graphene.h"

#include <QtTest>

namespace {

ds::SyntheticImage makeImage(std::uint64_t seed, int size = 384) {
    ds::SynthOptions o;
    o.width = o.height = size;
    o.bondPx = 12.0;
    o.seed = seed;
    o.singleVacancies = 3;
    o.doubleVacancies = 1;
    o.stoneWales = 2;
    o.dopants = 3;
    return ds::synthesizeGraphene(o);
}

ds::Micrograph asMicrograph(const ds::SyntheticImage& s) {
    ds::Micrograph m;
    m.pixels = s.pixels;
    return m;
}

ds::RunSpec configFor(const std::string& detector, const std::string& features = {}) {
    ds::RunSpec c;
    c.detector = detector;
    c.features = features;
    c.grid = ds::GridSpec{48, 24, 0, 0}; // 4 bond lengths of 12 px
    c.resample = 32;
    return c;
}

} // namespace

class DetectSyntheticTest : public QObject {
    Q_OBJECT
private slots:
    void selfModeDetectorsBeatChance_data() {
        QTest::addColumn<QString>("detector");
        QTest::addColumn<QString>("features");
        QTest::addColumn<double>("floor");
        QTest::newRow("iforest raw") << "iforest" << "raw" << 0.6;
        QTest::newRow("iforest stats") << "iforest" << "stats" << 0.6;
        QTest::newRow("ocsvm raw") << "ocsvm" << "raw" << 0.6;
        QTest::newRow("knn raw") << "knn" << "raw" << 0.6;
        QTest::newRow("knn fft") << "knn" << "fft" << 0.6;
        QTest::newRow("knn hog") << "knn" << "hog" << 0.6;
        QTest::newRow("cae raw") << "cae" << "raw" << 0.6;
    }
    void selfModeDetectorsBeatChance() {
        QFETCH(QString, detector);
        QFETCH(QString, features);
        QFETCH(double, floor);
        const auto img = makeImage(11);
        ds::ProtocolInput in;
        in.truth = img.truth;
        in.mask = img.mask;
        in.bootstrapResamples = 200;
        auto cfg = configFor(detector.toStdString(), features.toStdString());
        if (detector == "cae")
            cfg.params = {{"epochs", 10}};
        auto r = ds::evaluateProtocol(asMicrograph(img), in, cfg);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        qInfo("%s on %s: AUROC %.3f [%.3f, %.3f], %d patches, %d defect", qPrintable(detector), qPrintable(features),
              r->auroc, r->aurocCi.low, r->aurocCi.high, r->patches, r->defectPatches);
        QVERIFY(r->defectPatches > 0 && r->defectPatches < r->patches);
        QVERIFY2(r->auroc > floor, qPrintable(QString("AUROC %1 <= %2").arg(r->auroc).arg(floor)));
    }

    void denseTrainedOnOneRunResultAnother() {
        // Supervised: fit on the truth labels of image A, evaluate on image B (never seen).
        const auto a = makeImage(21), b = makeImage(22);
        auto cfg = configFor("dense", "stats+fft");
        auto grid = ds::PatchGrid::create(*cfg.grid, a.pixels.cols, a.pixels.rows);
        const auto labelsA = ds::labelsFromTruth(*grid, a.truth, a.mask);
        auto det = ds::createDetector("dense");
        QVERIFY(det.ok());
        auto fa = ds::computeFeatures(ds::normaliseImage(a.pixels), *grid, "stats+fft", 32);
        auto fb = ds::computeFeatures(ds::normaliseImage(b.pixels), *grid, "stats+fft", 32);
        QVERIFY(fa.ok() && fb.ok());
        QVERIFY((*det)->fit(*fa, labelsA, ds::RunControl::none()).ok());
        auto scores = (*det)->score(*fb, ds::RunControl::none());
        QVERIFY(scores.ok());
        auto auc = ds::auroc(*scores, ds::labelsFromTruth(*grid, b.truth, b.mask));
        QVERIFY(auc.ok());
        qInfo("dense stats+fft, trained on A, tested on B: AUROC %.3f", *auc);
        QVERIFY(*auc > 0.6);
    }

    void autoencoderReconstructsPerfectPatches() {
        // Trained on the perfect patches of one image, checked on the perfect patches of another
        // (different seed, so different noise and lattice offset): it must generalise, not memorise.
        const auto perfect = [](std::uint64_t seed) {
            ds::SynthOptions o;
            o.width = o.height = 320;
            o.bondPx = 12.0;
            o.seed = seed;
            o.singleVacancies = o.doubleVacancies = o.stoneWales = o.dopants = 0;
            const auto img = ds::synthesizeGraphene(o);
            auto grid = ds::PatchGrid::create({48, 16, 0, 0}, img.pixels.cols, img.pixels.rows);
            return *ds::computeFeatures(ds::normaliseImage(img.pixels), *grid, "raw", 32);
        };
        const ds::FeatureMatrix train = perfect(5), test = perfect(6);
        ds::CaeDetector cae;
        QVERIFY(cae.setParameter("epochs", 15).ok());
        QVERIFY(cae.fit(train, {}, ds::RunControl::none()).ok());
        auto err = cae.reconstructionError(test, ds::RunControl::none());
        QVERIFY(err.ok());
        double meanErr = 0, meanVar = 0;
        for (int i = 0; i < test.rows(); ++i) {
            cv::Scalar m, sd;
            cv::meanStdDev(test.values.row(i), m, sd);
            meanVar += sd[0] * sd[0];
            meanErr += (*err)[static_cast<std::size_t>(i)];
        }
        meanErr /= test.rows();
        meanVar /= test.rows();
        qInfo("autoencoder on unseen perfect patches: mean reconstruction MSE %.4f vs mean patch variance %.4f "
              "(%d patches)", meanErr, meanVar, test.rows());
        QVERIFY(meanErr < 0.25 * meanVar);
    }
};

QTEST_APPLESS_MAIN(DetectSyntheticTest)
#include "detect_synthetic_test.moc"
