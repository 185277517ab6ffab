// The report figures' PNG encoder: every filter and a range of levels decode (with OpenCV's libpng)
// to exactly the pixels given, for grey, BGR and BGRA images of awkward sizes; bad input is refused
// with a message; writePng() leaves a decodable file under the final name only.
#include "core/report/png_encoder.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace {

// A smooth gradient with noise and a sharp-edged block: what a figure holds, small.
cv::Mat testImage(int rows, int cols, int channels, double noise = 20) {
    cv::Mat f(rows, cols, CV_32FC(channels));
    cv::randn(f, 0, noise);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            for (int c = 0; c < channels; ++c)
                f.ptr<float>(y)[x * channels + c] += 60.f * c + 0.5f * (x + y) + ((x / 7 + y / 5) % 3 == 0 ? 90 : 0);
    cv::Mat u8;
    f.convertTo(u8, CV_8U);
    return u8;
}

bool samePixels(const cv::Mat& a, const cv::Mat& b) {
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

} // namespace

class ReportPngTest : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("channels");
        QTest::newRow("1x1 grey") << 1 << 1 << 1;
        QTest::newRow("7x3 BGR") << 7 << 3 << 3;
        QTest::newRow("1x50 BGR") << 1 << 50 << 3;
        QTest::newRow("64x65 grey") << 64 << 65 << 1;
        QTest::newRow("33x129 BGR") << 33 << 129 << 3;
        QTest::newRow("17x31 BGRA") << 17 << 31 << 4;
        QTest::newRow("300x200 BGR") << 300 << 200 << 3;
    }
    void roundTrip() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, channels);
        const cv::Mat image = testImage(rows, cols, channels);
        for (auto filter : {ds::PngFilter::None, ds::PngFilter::Sub, ds::PngFilter::Up, ds::PngFilter::Average,
                            ds::PngFilter::Paeth, ds::PngFilter::Adaptive})
            for (int level : {1, 6, 12}) {
                auto png = ds::encodePng(image, {level, filter});
                QVERIFY2(png.ok(), png.ok() ? "" : png.error().message.c_str());
                const cv::Mat back = cv::imdecode(*png, cv::IMREAD_UNCHANGED);
                QVERIFY2(samePixels(back, image),
                         qPrintable(QString("filter %1 level %2").arg(static_cast<int>(filter)).arg(level)));
            }
    }

    void defaultsCompressANoisyGradient() {
        const cv::Mat image = testImage(256, 256, 3, 3);
        auto ours = ds::encodePng(image);
        QVERIFY(ours.ok());
        // Raw RGB is 196,608 bytes; with the gradient predicted away, noise of sd 3 (~3.8 bits a
        // sample) is what remains.
        QVERIFY2(ours->size() < 120000, qPrintable(QString::number(ours->size())));
        auto none = ds::encodePng(image, {1, ds::PngFilter::None});
        QVERIFY(none.ok() && ours->size() < none->size());
    }

    void refusesWhatItCannotEncode() {
        for (const cv::Mat& bad : {cv::Mat(), cv::Mat(4, 4, CV_16UC1, cv::Scalar(1)), cv::Mat(4, 4, CV_8UC2, cv::Scalar(1)),
                                   cv::Mat(4, 4, CV_32FC3, cv::Scalar(1))}) {
            auto png = ds::encodePng(bad);
            QVERIFY(!png.ok());
            QCOMPARE(png.error().code, ds::ErrorCode::InvalidArgument);
        }
        const cv::Mat ok(4, 4, CV_8UC1, cv::Scalar(3));
        QVERIFY(!ds::encodePng(ok, {0, ds::PngFilter::Average}).ok());
        QVERIFY(!ds::encodePng(ok, {13, ds::PngFilter::Average}).ok());
    }

    void writesAtomically() {
        QTemporaryDir dir;
        const std::string path = (std::filesystem::path(dir.path().toStdString()) / "figure.png").string();
        const cv::Mat image = testImage(40, 60, 3);
        QVERIFY(ds::writePng(path, image).ok());
        QVERIFY(samePixels(cv::imread(path, cv::IMREAD_UNCHANGED), image));
        // Bad input: an error naming the file, and the earlier figure is still there, intact.
        auto bad = ds::writePng(path, cv::Mat(4, 4, CV_16UC1, cv::Scalar(1)));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("figure.png") != std::string::npos);
        QVERIFY(samePixels(cv::imread(path, cv::IMREAD_UNCHANGED), image));
        QCOMPARE(static_cast<int>(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                                                std::filesystem::directory_iterator())),
                 1);
        // A folder that does not exist: an error, no exception.
        QVERIFY(!ds::writePng((std::filesystem::path(dir.path().toStdString()) / "no" / "x.png").string(), image).ok());
    }
};

QTEST_APPLESS_MAIN(ReportPngTest)
#include "report_png_test.moc"
