// The committed synthetic files in tests/data/io (made by make_io_test_files.py) cover what the real
// samples do not: big-endian DM3 with a thumbnail, MRC mode-0 signedness, big-endian float16 MRC,
// Fortran-order and big-endian npy, an interrupted SER series, a hand-written big-endian TIFF, a 16-bit
// PNG with pHYs - plus the NaN/Inf policy. They are always present, so these tests never skip.
#include "core/io/read_micrograph.h"
#include "core/io/write_micrograph.h"
#include "support/test_data.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace ds;

namespace {

Result<Micrograph> read(const char* name, ReadOptions o = {}) {
    return readMicrograph(ds::test::sourcePath(QString("tests/data/io/") + name).toStdString(), o);
}

Micrograph load(const char* name, ReadOptions o = {}) {
    auto r = read(name, o);
    if (!r.ok())
        qFatal("%s", r.error().message.c_str());
    return std::move(r).value();
}

cv::Mat expected(int rows, int cols, std::initializer_list<float> values) {
    cv::Mat m(rows, cols, CV_32F);
    std::copy(values.begin(), values.end(), m.ptr<float>());
    return m;
}

double diff(const cv::Mat& a, const cv::Mat& b) { return cv::norm(a, b, cv::NORM_INF); }

} // namespace

class IoSyntheticTest : public QObject {
    Q_OBJECT
private slots:
    void dmBigEndianAndLittleEndianTwinsAgree() {
        const cv::Mat want = expected(3, 5, {-50, -49, -48, -47, -46, 50, 51, 52, 53, 54, 150, 151, 152, 153, 154});
        for (const char* f : {"dm3_bigendian_int16.dm3", "dm4_littleendian_int16.dm4"}) {
            const Micrograph m = load(f);
            QCOMPARE(m.dtype, std::string("int16"));
            QCOMPARE(diff(m.pixels, want), 0.0); // the RGBA thumbnail (ImageList[0]) is skipped
            QCOMPARE(m.x.unit, std::string("nm"));
            QCOMPARE(m.y.unit, std::string("\xC2\xB5m")); // UTF-16 U+00B5 decoded to UTF-8
            QCOMPARE(m.x.scale, 0.5);
            QCOMPARE(m.x.origin, 2.0); // -Origin(-4 px) * 0.5
            QCOMPARE(*m.y.nmPerPixel(), 250.0);
            QCOMPARE(m.metadata.at("voltage_V"), std::string("200000"));
            QCOMPARE(m.metadata.at("instrument"), std::string("Synthetic \xC3\x85ngstr\xC3\xB6m"));
        }
        QCOMPARE(load("dm3_bigendian_int16.dm3").metadata.at("dm.byte_order"), std::string("big"));
    }

    void mrcMode0Signedness() {
        // Same six bytes 00 7f 80 ff 05 fb: signed for MRC2014, unsigned when IMOD says so.
        const Micrograph s = load("mrc_mode0_signed.mrc");
        QCOMPARE(s.dtype, std::string("int8"));
        QCOMPARE(diff(s.pixels, expected(2, 3, {0, 127, -128, -1, 5, -5})), 0.0);
        const Micrograph u = load("mrc_mode0_imod_unsigned.mrc");
        QCOMPARE(u.dtype, std::string("uint8"));
        QCOMPARE(diff(u.pixels, expected(2, 3, {0, 127, 128, 255, 5, 251})), 0.0);
        QCOMPARE(*s.x.nmPerPixel(), 0.2); // 2 Å voxels
    }

    void mrcBigEndianFloat16() {
        ReadOptions o;
        o.frame = 1;
        const Micrograph f0 = load("mrc_bigendian_float16.mrc"), f1 = load("mrc_bigendian_float16.mrc", o);
        QCOMPARE(f0.dtype, std::string("float16"));
        QCOMPARE(f0.frames, 2);
        QCOMPARE(diff(f0.pixels, expected(2, 2, {0.5f, -2.0f, 65504.0f, 1.0f / 1024})), 0.0);
        QCOMPARE(diff(f1.pixels, expected(2, 2, {-0.5f, 2.0f, -65504.0f, -1.0f / 1024})), 0.0);
        QCOMPARE(f0.metadata.at("mrc.byte_order"), std::string("big"));
    }

    void npyFortranAndBigEndian() {
        const cv::Mat grid = expected(3, 4, {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23});
        const Micrograph f2 = load("npy_fortran_int16_3x4.npy");
        QCOMPARE(f2.dtype, std::string("int16"));
        QCOMPARE(diff(f2.pixels, grid), 0.0);
        for (int f : {0, 1}) {
            ReadOptions o;
            o.frame = f;
            const Micrograph m = load("npy_fortran_bigendian_f4_2x3x4.npy", o);
            QCOMPARE(m.frames, 2);
            QCOMPARE(diff(m.pixels, grid + 100.0 * f), 0.0);
        }
        QCOMPARE(diff(load("npy_bigendian_u2_2x3.npy").pixels, expected(2, 3, {1, 256, 65535, 0, 4660, 43981})), 0.0);
    }

    void serInterruptedSeriesUsesValidElementsOnly() {
        const Micrograph m = load("ser_interrupted_series.ser");
        QCOMPARE(m.frames, 2); // Total 4, Valid 2
        QCOMPARE(diff(m.pixels, expected(2, 3, {0, 1, 2, 10, 11, 12})), 0.0); // flipped to top-down
        ReadOptions o;
        o.frame = 1;
        QCOMPARE(diff(load("ser_interrupted_series.ser", o).pixels, expected(2, 3, {1000, 1001, 1002, 1010, 1011, 1012})), 0.0);
        o.frame = 2;
        auto r = read("ser_interrupted_series.ser", o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m.x.unit, std::string("m"));
        QCOMPARE(*m.x.nmPerPixel(), 0.2);
    }

    void tiffBigEndianUint16() {
        const Micrograph m = load("tiff_bigendian_uint16.tif");
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(m.width(), 5);
        QCOMPARE(m.height(), 4);
        QCOMPARE(m.pixels.at<float>(0, 1), 60001.0f);
        QCOMPARE(m.pixels.at<float>(3, 4), 63004.0f);
        QCOMPARE(m.pixels.at<float>(2, 2), 2002.0f);
    }

    void png16BitWithPhysCalibration() {
        const Micrograph m = load("png_gray16_phys.png");
        QCOMPARE(m.dtype, std::string("uint16"));
        QCOMPARE(m.width(), 4);
        QCOMPARE(m.height(), 3);
        QCOMPARE(m.pixels.at<float>(2, 3), float(4096 * 2 + 257 * 3)); // big-endian samples
        QCOMPARE(m.x.unit, std::string("m"));
        QCOMPARE(*m.x.nmPerPixel(), 0.5);
        QCOMPARE(*m.y.nmPerPixel(), 1.0);
    }

    void nonFinitePixelsAreRejectedUnlessAllowed() {
        QTemporaryDir dir;
        Micrograph m;
        m.pixels = cv::Mat::ones(4, 4, CV_32F);
        m.pixels.at<float>(1, 2) = std::numeric_limits<float>::quiet_NaN();
        m.pixels.at<float>(3, 0) = std::numeric_limits<float>::infinity();
        const std::string path = dir.filePath("nan.tif").toStdString();
        QVERIFY(writeTiff(path, m).ok());
        auto r = readMicrograph(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Numeric);
        QVERIFY(r.error().message.find("nan.tif") != std::string::npos);
        QVERIFY(r.error().message.find("2 of 16") != std::string::npos);
        ReadOptions o;
        o.allowNonFinite = true;
        auto kept = readMicrograph(path, o);
        QVERIFY(kept.ok());
        QCOMPARE(kept->metadata.at("nonfinite_pixels"), std::string("2"));
        QVERIFY(std::isnan(kept->pixels.at<float>(1, 2)));
    }

    void formatDetectionPrefersMagicOverExtension() {
        QTemporaryDir dir;
        const std::string lying = dir.filePath("really_npy.tif").toStdString();
        QVERIFY(writeNpy(lying, cv::Mat::eye(3, 3, CV_32F)).ok());
        auto r = readMicrograph(lying);
        QVERIFY(r.ok());
        QCOMPARE(r->metadata.at("format"), std::string("NPY"));
        auto missing = readMicrograph(dir.filePath("absent.dm3").toStdString());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QVERIFY(missing.error().message.find("absent.dm3") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(IoSyntheticTest)
#include "io_synthetic_test.moc"
