#pragma once
// One of the shared real frames (shared/data/real/NAME.npy with NAME.truth.csv) read for a test, or
// the reason it could not be: the caller QSKIPs when the file is absent and fails on a bad read.
// Test thread only.
#include "core/io/read_micrograph.h"
#include "core/labels/truth_points.h"
#include "support/test_data.h"

#include <QFile>
#include <QString>

namespace ds::test {

struct RealFrame {
    bool present = false; // the .npy exists
    QString problem;      // non-empty when it exists but could not be read
    Micrograph image;
    std::vector<TruthPoint> truth;
};

inline RealFrame readRealFrame(const QString& name) {
    RealFrame f;
    const QString npy = testDataPath("real/" + name + ".npy");
    if (!QFile::exists(npy))
        return f;
    f.present = true;
    auto image = readMicrograph(npy.toStdString());
    auto truth = readTruthPoints(testDataPath("real/" + name + ".truth.csv").toStdString());
    if (!image || !truth) {
        f.problem = QString::fromStdString(!image ? image.error().message : truth.error().message);
        return f;
    }
    f.image = std::move(*image);
    f.truth = std::move(*truth);
    return f;
}

} // namespace ds::test

// Loads NAME into `frame`, skipping the test when the file is absent and failing on a bad read.
#define DS_READ_REAL_FRAME(frame, name)                                                           \
    const ds::test::RealFrame frame = ds::test::readRealFrame(name);                              \
    if (!frame.present)                                                                           \
        QSKIP(qPrintable(QString(name) + ".npy not found"));                                      \
    QVERIFY2(frame.problem.isEmpty(), qPrintable(frame.problem))
