// The evaluation protocol on the three real micrographs in shared/data/real (skipped when absent):
// isolation forest on raw pixels must land within 0.05 of the README's scikit-learn reference,
// k-NN on raw pixels must match or beat its reference (within the same tolerance).
#include "core/analysis/protocol_evaluation.h"
#include "core/io/read_micrograph.h"
#include "support/real_frame.h"
#include "support/test_data.h"

#include <QtTest>

class PipelineRealTest : public QObject {
    Q_OBJECT
private slots:
    void protocolMatchesReference_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("patch"); // round(4 x bond length) from the README table
        QTest::addColumn<QString>("detector");
        QTest::addColumn<double>("reference");
        QTest::addColumn<double>("tolerance"); // |ours - reference| <= tolerance (iforest) or ours >= ref - tol
        QTest::newRow("GB iforest") << "G-GrainBoundary-4nm" << 69 << "iforest" << 0.559 << 0.05;
        QTest::newRow("Si iforest") << "G-Si-2nm" << 72 << "iforest" << 0.992 << 0.05;
        QTest::newRow("dimSi iforest") << "G-dimSi" << 144 << "iforest" << 0.978 << 0.05;
        QTest::newRow("GB knn") << "G-GrainBoundary-4nm" << 69 << "knn" << 0.743 << 0.0;
        QTest::newRow("Si knn") << "G-Si-2nm" << 72 << "knn" << 1.000 << 0.0;
        QTest::newRow("dimSi knn") << "G-dimSi" << 144 << "knn" << 1.000 << 0.0;
    }
    void protocolMatchesReference() {
        DS_REQUIRE_TESTDATA();
        QFETCH(QString, name);
        QFETCH(int, patch);
        QFETCH(QString, detector);
        QFETCH(double, reference);
        QFETCH(double, tolerance);
        const QString npy = ds::test::testDataPath("real/" + name + ".npy");
        if (!QFile::exists(npy))
            QSKIP(qPrintable(npy + " not found"));
        auto image = ds::readMicrograph(npy.toStdString());
        QVERIFY2(image.ok(), image.ok() ? "" : image.error().message.c_str());
        auto truth = ds::readTruthPoints(ds::test::testDataPath("real/" + name + ".truth.csv").toStdString());
        QVERIFY(truth.ok());
        ds::ProtocolInput in;
        in.truth = *truth;
        in.bootstrapResamples = 200;
        ds::RunSpec cfg;
        cfg.detector = detector.toStdString();
        cfg.features = "raw";
        cfg.grid = ds::GridSpec{patch, patch / 2, 0, 0};
        // The forest is random: on the grain boundary (near chance) single seeds spread by +-0.07, so
        // the protocol value compared with the reference is the mean over five seeds. k-NN is
        // deterministic: one run.
        const int seeds = detector == "iforest" ? 5 : 1;
        double sum = 0;
        for (int seed = 0; seed < seeds; ++seed) {
            cfg.seed = static_cast<std::uint64_t>(seed);
            auto r = ds::evaluateProtocol(*image, in, cfg);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            qInfo("%s %s raw seed %d: AUROC %.3f, %d patches, %d defect", qPrintable(name), qPrintable(detector), seed,
                  r->auroc, r->patches, r->defectPatches);
            sum += r->auroc;
        }
        const double auroc = sum / seeds;
        qInfo("%s %s raw: mean AUROC %.3f (reference %.3f)", qPrintable(name), qPrintable(detector), auroc, reference);
        if (detector == "iforest")
            QVERIFY2(std::abs(auroc - reference) <= tolerance,
                     qPrintable(QString("AUROC %1 vs reference %2").arg(auroc).arg(reference)));
        else
            QVERIFY2(auroc >= reference - 0.0005, // the reference is rounded to 3 decimals
                     qPrintable(QString("AUROC %1 below reference %2").arg(auroc).arg(reference)));
    }

    // The report's autoencoder must not invert (issue 13: G-Si-2nm scored 0.13-0.21): defects rank
    // above the lattice for every seed, and a frame of a few dozen patches says it is small.
    void autoencoderDoesNotInvert_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("seed");
        for (int seed = 0; seed < 3; ++seed) {
            QTest::newRow(qPrintable(QStringLiteral("Si seed %1").arg(seed))) << "G-Si-2nm" << seed;
            QTest::newRow(qPrintable(QStringLiteral("dimSi seed %1").arg(seed))) << "G-dimSi" << seed;
        }
        QTest::newRow("GB seed 0") << "G-GrainBoundary-4nm" << 0;
    }
    void autoencoderDoesNotInvert() {
        DS_REQUIRE_TESTDATA();
        QFETCH(QString, name);
        QFETCH(int, seed);
        DS_READ_REAL_FRAME(frame, name);
        ds::ProtocolInput in;
        in.truth = frame.truth;
        in.bootstrapResamples = 10;
        ds::RunSpec cfg; // automatic grid, as `evaluate --detector cae --seed S`
        cfg.detector = "cae";
        cfg.seed = static_cast<std::uint64_t>(seed);
        auto r = ds::evaluateProtocol(frame.image, in, cfg);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        qInfo("%s cae seed %d: AUROC %.3f, %d patches", qPrintable(name), seed, r->auroc, r->patches);
        QVERIFY2(r->auroc >= 0.5, qPrintable(QString::number(r->auroc)));
        bool saysSmall = false;
        for (const std::string& note : r->scores.notes)
            saysSmall = saysSmall || note.find("too small") != std::string::npos;
        QCOMPARE(saysSmall, r->patches < 50); // Si and dimSi: 25 patches; the grain boundary: 169
    }
};

QTEST_APPLESS_MAIN(PipelineRealTest)
#include "pipeline_real_test.moc"
