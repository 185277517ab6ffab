// Round trips through the writers: what writeTiff/writeNpy store, readMicrograph reads back exactly
// (pixels, calibration, metadata), and a failed write never leaves a file under the final name.
#include "core/io/read_micrograph.h"
#include "core/io/write_micrograph.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace ds;

class IoWritersTest : public QObject {
    Q_OBJECT

    static cv::Mat ramp(int rows, int cols) {
        cv::Mat m(rows, cols, CV_32F);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                m.at<float>(r, c) = static_cast<float>(r * 1000 + c) * 0.5f - 7.25f;
        return m;
    }

private slots:
    void tiffRoundTripKeepsPixelsAndCalibration() {
        QTemporaryDir dir;
        Micrograph m;
        m.pixels = ramp(37, 53); // odd, non-square: catches transposes and stride bugs
        m.x = {0.0614634, 1.5, "nm"};
        m.y = {0.125, -2.0, "\xC2\xB5m"};
        m.dtype = "uint16";
        m.metadata["voltage_V"] = "300000";
        const std::string path = dir.filePath("out.tif").toStdString();
        auto st = writeTiff(path, m);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
        auto r = readMicrograph(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->width(), 53);
        QCOMPARE(r->height(), 37);
        QCOMPARE(r->dtype, std::string("float32"));
        QCOMPARE(cv::norm(r->pixels, m.pixels, cv::NORM_INF), 0.0);
        QCOMPARE(r->x.unit, std::string("nm"));
        QCOMPARE(r->y.unit, std::string("\xC2\xB5m"));
        // TIFF resolution is a rational: allow its rounding, nothing more.
        QVERIFY(std::abs(r->x.scale - 0.0614634) < 1e-6 * 0.0614634);
        QVERIFY(std::abs(r->y.scale - 0.125) < 1e-9);
        QVERIFY(std::abs(r->x.origin - 1.5) < 1e-5);
        QVERIFY(std::abs(r->y.origin + 2.0) < 1e-5);
        QVERIFY(r->metadata.at("defectscope.metadata_json").find("300000") != std::string::npos);
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
    }

    void tiffWithoutCalibrationStaysUncalibrated() {
        QTemporaryDir dir;
        Micrograph m;
        m.pixels = ramp(8, 9);
        const std::string path = dir.filePath("plain.tif").toStdString();
        QVERIFY(writeTiff(path, m).ok());
        auto r = readMicrograph(path);
        QVERIFY(r.ok());
        QVERIFY(!r->x.nmPerPixel().has_value());
        QCOMPARE(r->x.scale, 1.0);
    }

    void npyRoundTripForEveryDepth() {
        QTemporaryDir dir;
        for (int depth : {CV_8U, CV_8S, CV_16U, CV_16S, CV_32S, CV_32F, CV_64F}) {
            cv::Mat src;
            ramp(5, 7).convertTo(src, depth, 0.1);
            const std::string path = dir.filePath(QString("d%1.npy").arg(depth)).toStdString();
            QVERIFY(writeNpy(path, src).ok());
            auto r = readMicrograph(path);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            cv::Mat expected;
            src.convertTo(expected, CV_32F);
            QCOMPARE(cv::norm(r->pixels, expected, cv::NORM_INF), 0.0);
        }
    }

    void failedWriteLeavesNothingBehind() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/dir/out.tif").toStdString();
        Micrograph m;
        m.pixels = ramp(4, 4);
        auto st = writeTiff(path, m);
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("out.tif") != std::string::npos);
        QVERIFY(!writeNpy(dir.filePath("no/such/x.npy").toStdString(), m.pixels).ok());
        QVERIFY(!writeTiff(dir.filePath("empty.tif").toStdString(), Micrograph{}).ok());
        QVERIFY(!std::filesystem::exists(dir.filePath("empty.tif").toStdString()));
    }
};

QTEST_GUILESS_MAIN(IoWritersTest)
#include "io_writers_test.moc"
