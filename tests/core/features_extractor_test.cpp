// Tests for core/features: normalisation, dimensions of every feature id and joins, clear errors,
// the FFT magnitude's insensitivity to where the lattice sits in the patch, cancellation.
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"
#include "core/synth/synthetic_graphene.h"

#include <QtTest>

#include <numeric>

namespace {
double cosine(const cv::Mat& a, const cv::Mat& b) { return a.dot(b) / (cv::norm(a) * cv::norm(b)); }
} // namespace

class FeaturesExtractorTest : public QObject {
    Q_OBJECT
private slots:
    void normaliseUsesMedianAndMad() {
        // values 1..9 (median 5, MAD 2) plus an outlier that must not change the scale much
        cv::Mat m = (cv::Mat_<float>(1, 11) << 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000, std::numeric_limits<float>::quiet_NaN());
        const cv::Mat n = ds::normaliseImage(m);
        QCOMPARE(n.type(), CV_32F);
        // finite values: 1..9 and 1000 -> median 5.5, |dev| = 4.5,3.5,..,0.5,..,994.5 -> MAD 2.5
        QVERIFY(std::abs(n.at<float>(0, 4) - (5 - 5.5) / (1.4826 * 2.5)) < 1e-5);
        QCOMPARE(n.at<float>(0, 10), 0.0f); // NaN pixels become 0, not NaN
        const cv::Mat flat(4, 4, CV_32F, cv::Scalar(3));
        QCOMPARE(cv::countNonZero(ds::normaliseImage(flat)), 0);
    }
    void dimensionsAndJoins() {
        QCOMPARE(*ds::featureDimension("raw", 48), 2304);
        QCOMPARE(*ds::featureDimension("fft", 48), 48 * 25);
        const int stats = *ds::featureDimension("stats", 48), hog = *ds::featureDimension("hog", 48);
        QVERIFY(stats > 5 && hog > 100);
        QCOMPARE(*ds::featureDimension("stats+fft+hog", 48), stats + 48 * 25 + hog);
        auto bad = ds::featureDimension("raw+pixels", 48);
        QVERIFY(!bad.ok());
        QVERIFY(QString::fromStdString(bad.error().message).contains("unknown feature id 'pixels'"));
        QVERIFY(!ds::featureDimension("raw", 2).ok());
    }
    void computeFillsImageGridAndRows() {
        ds::SynthOptions o;
        o.width = o.height = 200;
        o.bondPx = 10;
        const cv::Mat img = ds::normaliseImage(ds::synthesizeGraphene(o).pixels);
        auto grid = ds::PatchGrid::create({40, 20, 0, 0}, img.cols, img.rows);
        QVERIFY(grid.ok());
        for (const char* id : {"raw", "stats", "fft", "hog", "stats+fft", ""}) {
            auto fm = ds::computeFeatures(img, *grid, id, 32);
            QVERIFY2(fm.ok(), id);
            QCOMPARE(fm->rows(), grid->size());
            QCOMPARE(fm->cols(), *ds::featureDimension(id, 32));
            QCOMPARE(fm->image.size(), img.size());
            QCOMPARE(fm->grid.size(), grid->size());
            QCOMPARE(cv::checkRange(fm->values), true);
        }
        auto raw = ds::computeFeatures(img, *grid, "raw", 40); // no resampling: row 0 = first patch
        QCOMPARE(cv::norm(raw->values.row(0).reshape(1, 40), img(cv::Rect(0, 0, 40, 40)), cv::NORM_INF), 0.0);
        auto unknown = ds::computeFeatures(img, *grid, "wavelet", 32);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ds::ErrorCode::InvalidArgument);
    }
    void fftIsInsensitiveToLatticeShift() {
        ds::SynthOptions o;
        o.width = o.height = 256;
        o.bondPx = 10;
        o.singleVacancies = o.doubleVacancies = o.stoneWales = o.dopants = 0;
        const cv::Mat img = ds::normaliseImage(ds::synthesizeGraphene(o).pixels);
        auto grid = ds::PatchGrid::create({48, 7, 0, 0}, img.cols, img.rows); // stride 7: not a lattice period
        auto fft = ds::computeFeatures(img, *grid, "fft", 48);
        auto raw = ds::computeFeatures(img, *grid, "raw", 48);
        const double fftSim = cosine(fft->values.row(0), fft->values.row(1));
        const double rawSim = cosine(raw->values.row(0), raw->values.row(1));
        qInfo("neighbouring patches shifted by 7 px: cosine fft %.3f, raw %.3f", fftSim, rawSim);
        QVERIFY(fftSim > 0.95);
        QVERIFY(fftSim > rawSim);
    }
    void cancellation() {
        const cv::Mat img(1024, 1024, CV_32F, cv::Scalar(0));
        cv::randn(img, 0, 1);
        auto grid = ds::PatchGrid::create({32, 8, 0, 0}, img.cols, img.rows);
        std::stop_source stop;
        stop.request_stop();
        auto fm = ds::computeFeatures(img, *grid, "hog", 48, ds::RunControl(stop.get_token()));
        QVERIFY(!fm.ok());
        QCOMPARE(fm.error().code, ds::ErrorCode::Cancelled);
        QVERIFY(!ds::computeFeatures(cv::Mat(), *grid, "raw", 48).ok());
    }
};

QTEST_APPLESS_MAIN(FeaturesExtractorTest)
#include "features_extractor_test.moc"
