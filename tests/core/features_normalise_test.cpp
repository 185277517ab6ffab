// normaliseImage() against the textbook computation (sort the finite values, take the middle one or
// the mean of the two middle ones; the same for |x - median|; divide): identical floats for odd and
// even pixel counts, negative values, NaN/inf pixels, integer images full of ties, a flat image (the
// standard-deviation fallback), non-continuous views and 16-bit input.
#include "core/features/normalise.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

double textbookMedian(std::vector<float> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (static_cast<double>(v[n / 2 - 1]) + v[n / 2]);
}

cv::Mat textbookNormalise(const cv::Mat& image) {
    cv::Mat f;
    image.convertTo(f, CV_32F);
    std::vector<float> finite;
    for (int r = 0; r < f.rows; ++r)
        for (int c = 0; c < f.cols; ++c)
            if (std::isfinite(f.at<float>(r, c)))
                finite.push_back(f.at<float>(r, c));
    const double median = finite.empty() ? 0 : textbookMedian(finite);
    const float m = static_cast<float>(median);
    std::vector<float> dev;
    double sumSq = 0;
    for (float v : finite) {
        dev.push_back(std::abs(v - m));
        sumSq += (v - median) * (v - median);
    }
    double scale = dev.empty() ? 0 : 1.4826 * textbookMedian(dev);
    if (!(scale > 0) && !finite.empty())
        scale = std::sqrt(sumSq / static_cast<double>(finite.size()));
    if (!(scale > 0))
        scale = 1;
    const float inv = static_cast<float>(1.0 / scale);
    cv::Mat out(f.size(), CV_32F);
    for (int r = 0; r < f.rows; ++r)
        for (int c = 0; c < f.cols; ++c) {
            const float v = f.at<float>(r, c);
            out.at<float>(r, c) = std::isfinite(v) ? (v - m) * inv : 0.f;
        }
    return out;
}

// Exact for the median and MAD paths; the standard-deviation fallback sums in another order, which
// may move the last bit of the scale.
bool identical(const cv::Mat& a, const cv::Mat& b) {
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) <= 1e-6 * (1 + cv::norm(b, cv::NORM_INF));
}

} // namespace

class FeaturesNormaliseTest : public QObject {
    Q_OBJECT
private slots:
    void equalsTextbook_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("kind");
        QTest::newRow("odd count, gaussian") << 31 << 17 << 0;
        QTest::newRow("even count, gaussian") << 64 << 50 << 0;
        QTest::newRow("with NaN and inf") << 40 << 41 << 1;
        QTest::newRow("integer counts, many ties") << 100 << 90 << 2;
        QTest::newRow("flat with two outliers (sd fallback)") << 20 << 20 << 3;
        QTest::newRow("single pixel") << 1 << 1 << 0;
        QTest::newRow("all NaN") << 3 << 3 << 4;
    }
    void equalsTextbook() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, kind);
        cv::Mat img(rows, cols, CV_32F);
        cv::RNG rng(static_cast<std::uint64_t>(rows * 1000 + cols));
        rng.fill(img, cv::RNG::NORMAL, -3, 40);
        if (kind == 1) {
            img.at<float>(0, 0) = NAN;
            img.at<float>(5, 7) = INFINITY;
            img.at<float>(9, 2) = -INFINITY;
            img.at<float>(rows - 1, cols - 1) = NAN;
        } else if (kind == 2) {
            for (auto& v : cv::Mat_<float>(img))
                v = std::round(std::abs(v) / 10) + 1000;
        } else if (kind == 3) {
            img.setTo(5);
            img.at<float>(0, 0) = 9;
            img.at<float>(3, 3) = -1;
        } else if (kind == 4) {
            img.setTo(NAN);
        }
        const cv::Mat got = ds::normaliseImage(img), want = textbookNormalise(img);
        QVERIFY2(identical(got, want), qPrintable(QString::number(cv::norm(got, want, cv::NORM_INF))));
        // In place: the same values, written into the image's own buffer.
        cv::Mat inPlace = img.clone();
        const uchar* buffer = inPlace.data;
        ds::normaliseInPlace(inPlace);
        QCOMPARE(inPlace.data, buffer);
        QVERIFY(identical(inPlace, want));
    }

    void viewsAndOtherTypes() {
        cv::Mat big(50, 60, CV_32F);
        cv::randu(big, -10, 10);
        const cv::Mat view = big(cv::Rect(7, 3, 31, 40)); // not continuous
        QVERIFY(identical(ds::normaliseImage(view), textbookNormalise(view)));
        cv::Mat u16(33, 34, CV_16U);
        cv::randu(u16, 0, 4000);
        QVERIFY(identical(ds::normaliseImage(u16), textbookNormalise(u16)));
        QVERIFY(ds::normaliseImage(cv::Mat()).empty());
        // What cannot be written in place gets a new buffer, with the same values.
        cv::Mat viewInPlace = view, u16InPlace = u16;
        ds::normaliseInPlace(viewInPlace);
        ds::normaliseInPlace(u16InPlace);
        QVERIFY(identical(viewInPlace, textbookNormalise(view)));
        QVERIFY(identical(u16InPlace, textbookNormalise(u16)));
        QCOMPARE(u16.type(), CV_16U); // the caller's other header still sees its own pixels
    }
};

QTEST_APPLESS_MAIN(FeaturesNormaliseTest)
#include "features_normalise_test.moc"
