// k-NN and one-class SVM scoring on the BLAS (pairwise_distances.h) equal the direct computation up
// to float rounding: k-NN against brute-force double-precision distances (including clustered data,
// where |q|^2 + |b|^2 - 2 q.b cancels badly, duplicate rows and the "self" exclusion), the SVM
// against OpenCV's own predict() on the very model the detector saved. Random data, fixed seeds;
// 300-row query sets exercise a full 256-row block and a short tail block.
#include "core/detect/detector_registry.h"
#include "core/detect/detector_support.h"
#include "core/detect/pairwise_distances.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include <opencv2/ml.hpp>

namespace {

ds::FeatureMatrix matrix(const cv::Mat& values) {
    ds::FeatureMatrix fm;
    fm.values = values;
    fm.featureId = "made-up";
    return fm;
}

// rows x cols of N(0,1), or `clusters` tight clusters far apart (distances within a cluster are
// tiny next to the rows' norms).
cv::Mat randomRows(int rows, int cols, std::uint64_t seed, int clusters = 0) {
    cv::RNG rng(seed);
    cv::Mat x(rows, cols, CV_32F);
    rng.fill(x, cv::RNG::NORMAL, 0, 1);
    if (clusters > 0) {
        cv::Mat centres(clusters, cols, CV_32F);
        rng.fill(centres, cv::RNG::NORMAL, 0, 100);
        for (int r = 0; r < rows; ++r)
            x.row(r) = x.row(r) * 0.01 + centres.row(r % clusters);
    }
    return x;
}

// Mean distance to the k nearest bank rows, in double, excluding one bank row equal to the query.
std::vector<double> bruteKnn(const cv::Mat& bankRaw, const cv::Mat& queryRaw, int k) {
    ds::detail::Standardiser s;
    std::vector<int> all(static_cast<std::size_t>(bankRaw.rows));
    for (int i = 0; i < bankRaw.rows; ++i)
        all[static_cast<std::size_t>(i)] = i;
    s.fit(bankRaw, all);
    const cv::Mat bank = s.apply(bankRaw), query = s.apply(queryRaw);
    std::vector<double> out;
    for (int q = 0; q < query.rows; ++q) {
        std::vector<double> d;
        bool selfSkipped = false;
        for (int b = 0; b < bank.rows; ++b) {
            if (!selfSkipped && std::memcmp(bankRaw.ptr(b), queryRaw.ptr(q), bankRaw.cols * sizeof(float)) == 0) {
                selfSkipped = true;
                continue;
            }
            double sum = 0;
            for (int c = 0; c < bank.cols; ++c) {
                const double diff = double(query.at<float>(q, c)) - bank.at<float>(b, c);
                sum += diff * diff;
            }
            d.push_back(std::sqrt(sum));
        }
        std::sort(d.begin(), d.end());
        double mean = 0;
        for (int j = 0; j < k; ++j)
            mean += d[static_cast<std::size_t>(j)];
        out.push_back(mean / k);
    }
    return out;
}

double maxRelativeError(const std::vector<float>& got, const std::vector<double>& want) {
    double worst = 0;
    for (std::size_t i = 0; i < want.size(); ++i)
        worst = std::max(worst, std::abs(got[i] - want[i]) / std::max(1e-12, std::abs(want[i])));
    return worst;
}

} // namespace

class DetectBlasTest : public QObject {
    Q_OBJECT
private slots:
    void squaredDistancesMatchDirect() {
        const cv::Mat q = randomRows(300, 45, 1), r = randomRows(130, 45, 2);
        cv::Mat d2;
        ds::detail::squaredDistances(q, r, ds::detail::squaredRowNorms(r), d2);
        QCOMPARE(d2.rows, 300);
        QCOMPARE(d2.cols, 130);
        for (int i = 0; i < q.rows; ++i)
            for (int j = 0; j < r.rows; ++j) {
                const double direct = ds::detail::exactSquaredDistance(q.ptr<float>(i), r.ptr<float>(j), q.cols);
                QVERIFY(std::abs(d2.at<float>(i, j) - direct) <= 1e-4 * (1 + direct));
            }
    }

    void knnEqualsBruteForce_data() {
        QTest::addColumn<int>("clusters");
        QTest::addColumn<int>("k");
        QTest::newRow("gaussian k=5") << 0 << 5;
        QTest::newRow("gaussian k=1") << 0 << 1;
        QTest::newRow("tight clusters k=5") << 7 << 5;
    }
    void knnEqualsBruteForce() {
        QFETCH(int, clusters);
        QFETCH(int, k);
        cv::Mat bank = randomRows(700, 37, 11, clusters);
        bank.row(5).copyTo(bank.row(400)); // a genuine duplicate: its twin stays a neighbour at distance 0
        const cv::Mat other = randomRows(300, 37, 12, clusters);
        auto det = ds::createDetector("knn");
        QVERIFY(det.ok());
        QVERIFY((*det)->setParameter("k", k).ok());
        QVERIFY((*det)->fit(matrix(bank), {}, ds::RunControl::none()).ok());

        auto self = (*det)->score(matrix(bank), ds::RunControl::none());
        QVERIFY(self.ok());
        const double selfError = maxRelativeError(*self, bruteKnn(bank, bank, k));
        QVERIFY2(selfError < 1e-5, qPrintable(QString::number(selfError)));

        auto foreign = (*det)->score(matrix(other), ds::RunControl::none());
        QVERIFY(foreign.ok());
        const double foreignError = maxRelativeError(*foreign, bruteKnn(bank, other, k));
        QVERIFY2(foreignError < 1e-5, qPrintable(QString::number(foreignError)));
    }

    void ocsvmEqualsOpenCvPredict() {
        const cv::Mat train = randomRows(400, 23, 21), query = randomRows(300, 23, 22) * 1.5;
        auto det = ds::createDetector("ocsvm");
        QVERIFY(det.ok());
        QVERIFY((*det)->setParameter("gamma", 0.04).ok());
        QVERIFY((*det)->setParameter("nu", 0.3).ok());
        QVERIFY((*det)->fit(matrix(train), {}, ds::RunControl::none()).ok());
        auto ours = (*det)->score(matrix(query), ds::RunControl::none());
        QVERIFY(ours.ok());

        // The reference: OpenCV's predict() on the model exactly as the detector saves it.
        std::stringstream saved;
        QVERIFY((*det)->save(saved).ok());
        saved.seekg(0);
        QCOMPARE(ds::detail::readPod<std::int32_t>(saved), 23);
        const float sign = ds::detail::readPod<float>(saved);
        auto svm = cv::Algorithm::loadFromString<cv::ml::SVM>(ds::detail::readString(saved));
        QVERIFY(svm && svm->isTrained());
        cv::Mat raw;
        svm->predict(query, raw, cv::ml::StatModel::RAW_OUTPUT);
        double worst = 0;
        for (int i = 0; i < query.rows; ++i)
            worst = std::max(worst, std::abs((*ours)[static_cast<std::size_t>(i)] - sign * raw.at<float>(i)) /
                                        (1e-3 + std::abs(raw.at<float>(i))));
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));

        // A loaded model scores the same.
        auto loaded = ds::createDetector("ocsvm");
        saved.clear();
        saved.seekg(0);
        QVERIFY((*loaded)->load(saved).ok());
        auto again = (*loaded)->score(matrix(query), ds::RunControl::none());
        QVERIFY(again.ok());
        QVERIFY(*again == *ours);
    }
};

QTEST_APPLESS_MAIN(DetectBlasTest)
#include "detect_blas_test.moc"
