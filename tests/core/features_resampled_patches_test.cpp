// Tests for ResampledPatches: every patch equals extractPatch()'s (cv::resize per patch) - bit for
// bit in this build, which compiles without FMA like Debian's OpenCV - on grids where the shared
// pass applies (64/32 -> 48 as `score` uses, with an origin; 40/20 -> 30; 100/25 -> 36 with three
// patches overlapping) and where it must fall back (stride off the weights' period, integer scale,
// enlarging, a non-float image), in bands of any number of patch rows; raw features through
// computeFeatures match as well.
#include "core/features/feature_extractor.h"
#include "core/features/resampled_patches.h"

#include <QtTest>

namespace {

cv::Mat noise(int w, int h, int seed) {
    cv::Mat m(h, w, CV_32F);
    cv::RNG rng(static_cast<std::uint64_t>(seed));
    rng.fill(m, cv::RNG::NORMAL, 0.0, 3.0);
    return m;
}

// Largest absolute difference between ResampledPatches and extractPatch over all patches.
double worstDifference(const cv::Mat& image, const ds::GridSpec& spec, int out, bool expectShared) {
    const auto grid = ds::PatchGrid::create(spec, image.cols, image.rows);
    if (!grid)
        return -1;
    const ds::ResampledPatches patches(image, *grid, out);
    if (patches.shared() != expectShared)
        return -2;
    double worst = 0;
    int seen = 0;
    const auto compare = [&](int i, const cv::Mat& got) {
        const cv::Mat want = ds::extractPatch(image, *grid, i, out);
        worst = got.size() == want.size() && got.type() == CV_32F ? std::max(worst, cv::norm(got, want, cv::NORM_INF)) : 1e9;
        ++seen;
    };
    patches.forRows(0, grid->rows(), compare);   // one band over the whole grid
    for (int r = 0; r < grid->rows(); ++r)         // a band per patch row
        patches.forRows(r, r + 1, compare);
    if (seen != 2 * grid->size())
        return -3;
    return worst;
}

} // namespace

class FeaturesResampledPatchesTest : public QObject {
    Q_OBJECT
private slots:
    void sharedPassEqualsPerPatchResize() {
        const cv::Mat image = noise(611, 397, 1);
        QCOMPARE(worstDifference(image, {64, 32, 0, 0}, 48, true), 0.0);
        QCOMPARE(worstDifference(image, {64, 32, 7, 3}, 48, true), 0.0);  // origin off zero
        QCOMPARE(worstDifference(image, {64, 64, 5, 0}, 48, true), 0.0);  // touching patches
        QCOMPARE(worstDifference(image, {40, 20, 1, 2}, 30, true), 0.0);
        QCOMPARE(worstDifference(image, {100, 25, 0, 0}, 36, true), 0.0); // 4 patches over a pixel
    }
    void fallsBackWhereTheWeightsDoNotRepeat() {
        const cv::Mat image = noise(300, 260, 2);
        QCOMPARE(worstDifference(image, {64, 30, 0, 0}, 48, false), 0.0);  // 30 * 48 / 64 is no integer
        QCOMPARE(worstDifference(image, {96, 48, 0, 0}, 48, false), 0.0);  // scale 2: cv::resize's other path
        QCOMPARE(worstDifference(image, {32, 16, 0, 0}, 48, false), 0.0);  // enlarging
        QCOMPARE(worstDifference(image, {64, 128, 0, 0}, 48, false), 0.0); // gaps between patches
        cv::Mat bytes;
        image.convertTo(bytes, CV_8U, 10, 128);
        QCOMPARE(worstDifference(bytes, {64, 32, 0, 0}, 48, false), 0.0);
    }
    void rawFeaturesAreTheResampledPixels() {
        const cv::Mat image = noise(256, 200, 3);
        const auto grid = ds::PatchGrid::create({64, 32, 0, 0}, image.cols, image.rows);
        QVERIFY(grid.ok());
        auto fm = ds::computeFeatures(image, *grid, "raw", 48);
        QVERIFY(fm.ok());
        for (int i = 0; i < grid->size(); ++i)
            QCOMPARE(cv::norm(fm->values.row(i), ds::extractPatch(image, *grid, i, 48).reshape(1, 1), cv::NORM_INF), 0.0);
        // Joined ids read the same patches.
        auto joined = ds::computeFeatures(image, *grid, "raw+stats", 48);
        QVERIFY(joined.ok());
        QCOMPARE(cv::norm(joined->values.colRange(0, 48 * 48), fm->values, cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(FeaturesResampledPatchesTest)
#include "features_resampled_patches_test.moc"
