// Synthetic graphene generator: the lattice it draws has the bond length it was asked for (measured
// from the pixels, independently of core/lattice), truth points sit where the image actually
// changed, dopants are brighter than carbon, grain boundaries split two rotated grains, and the
// output is a pure function of the seed.
#include "core/synth/synthetic_graphene.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <vector>

#include <opencv2/imgproc.hpp>

Q_DECLARE_METATYPE(ds::SynthOptions::Contrast)

namespace {

using ds::SynthOptions;

SynthOptions noDefects(SynthOptions o) {
    o.singleVacancies = o.doubleVacancies = o.stoneWales = o.dopants = 0;
    o.grainBoundary = o.contamination = false;
    return o;
}

// Local maxima (3x3) above `threshold`, refined to sub-pixel by an intensity centroid over 5x5.
std::vector<cv::Point2d> localMaxima(const cv::Mat& img, float threshold) {
    cv::Mat dil;
    cv::dilate(img, dil, cv::Mat::ones(3, 3, CV_8U));
    std::vector<cv::Point2d> out;
    for (int r = 2; r < img.rows - 2; ++r)
        for (int c = 2; c < img.cols - 2; ++c) {
            const float v = img.at<float>(r, c);
            if (v < threshold || v < dil.at<float>(r, c))
                continue;
            double sw = 0, sx = 0, sy = 0, lo = v;
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx)
                    lo = std::min(lo, static_cast<double>(img.at<float>(r + dy, c + dx)));
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx) {
                    const double w = img.at<float>(r + dy, c + dx) - lo;
                    sw += w, sx += w * (c + dx + 0.5), sy += w * (r + dy + 0.5);
                }
            out.emplace_back(sx / sw, sy / sw);
        }
    return out;
}

// Median nearest-neighbour distance between the maxima away from the border.
double medianNearestNeighbour(const std::vector<cv::Point2d>& pts, cv::Size size, double border) {
    std::vector<double> nn;
    for (size_t i = 0; i < pts.size(); ++i) {
        const auto& p = pts[i];
        if (p.x < border || p.y < border || p.x > size.width - border || p.y > size.height - border)
            continue;
        double best = 1e18;
        for (size_t j = 0; j < pts.size(); ++j)
            if (j != i)
                best = std::min(best, std::hypot(pts[j].x - p.x, pts[j].y - p.y));
        nn.push_back(best);
    }
    if (nn.empty())
        return 0;
    std::nth_element(nn.begin(), nn.begin() + nn.size() / 2, nn.end());
    return nn[nn.size() / 2];
}

// Radius (cycles per image) and angle of the first-order Bragg reflection: the innermost strong
// peak of the windowed power spectrum, refined by a centroid. The bond length follows as
// N / (1.5 k), because the {10} lattice planes of graphene are 1.5 bonds apart.
struct BraggPeak {
    double radius = 0, angleDeg = 0;
};
BraggPeak firstBraggPeak(const cv::Mat& img) {
    const int n = std::min(img.rows, img.cols);
    cv::Mat sq = img(cv::Rect(0, 0, n, n)).clone();
    sq -= cv::mean(sq)[0];
    cv::Mat win;
    cv::createHanningWindow(win, sq.size(), CV_32F);
    sq = sq.mul(win);
    cv::Mat spec, planes[2], mag;
    cv::dft(sq, spec, cv::DFT_COMPLEX_OUTPUT);
    cv::split(spec, planes);
    cv::magnitude(planes[0], planes[1], mag);
    mag = mag.mul(mag);
    auto freq = [n](int i) { return i <= n / 2 ? i : i - n; };
    double globalMax = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (std::hypot(freq(c), freq(r)) > 4)
                globalMax = std::max(globalMax, static_cast<double>(mag.at<float>(r, c)));
    // Innermost pixel holding at least a fifth of the strongest reflection.
    double bestR = 1e18;
    cv::Point best;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double rad = std::hypot(freq(c), freq(r));
            if (rad > 4 && mag.at<float>(r, c) >= 0.2 * globalMax && rad < bestR) {
                // take the local maximum around it
                bestR = rad;
                best = {c, r};
            }
        }
    // Climb to the local maximum of that reflection, then centroid over 5x5.
    for (int step = 0; step < 10; ++step) {
        cv::Point next = best;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const cv::Point q((best.x + dx + n) % n, (best.y + dy + n) % n);
                if (mag.at<float>(q) > mag.at<float>(next))
                    next = q;
            }
        if (next == best)
            break;
        best = next;
    }
    double sw = 0, sx = 0, sy = 0;
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) {
            const double w = mag.at<float>((best.y + dy + n) % n, (best.x + dx + n) % n);
            sw += w, sx += w * (freq(best.x) + dx), sy += w * (freq(best.y) + dy);
        }
    BraggPeak p;
    p.radius = std::hypot(sx / sw, sy / sw);
    p.angleDeg = std::atan2(sy / sw, sx / sw) * 180.0 / std::numbers::pi;
    return p;
}

double maxAbsDiffNear(const cv::Mat& diff, double x, double y, double radius) {
    double best = 0;
    for (int r = std::max(0, int(y - radius)); r <= std::min(diff.rows - 1, int(y + radius)); ++r)
        for (int c = std::max(0, int(x - radius)); c <= std::min(diff.cols - 1, int(x + radius)); ++c)
            if (std::hypot(c + 0.5 - x, r + 0.5 - y) <= radius)
                best = std::max(best, static_cast<double>(diff.at<float>(r, c)));
    return best;
}

} // namespace

class SynthGrapheneTest : public QObject {
    Q_OBJECT
private slots:
    void bondLengthFromAtomPositions_data() {
        QTest::addColumn<double>("bond");
        QTest::addColumn<double>("rotation");
        QTest::newRow("10px") << 10.0 << 0.0;
        QTest::newRow("14px rotated 17") << 14.0 << 17.0;
        QTest::newRow("21.5px rotated -33") << 21.5 << -33.0;
    }
    void bondLengthFromAtomPositions() {
        QFETCH(double, bond);
        QFETCH(double, rotation);
        SynthOptions o = noDefects({});
        o.bondPx = bond;
        o.rotationDeg = rotation;
        o.noise = false;
        o.seed = 11;
        const auto img = ds::synthesizeGraphene(o);
        QCOMPARE(img.pixels.type(), CV_32F);
        QCOMPARE(img.pixels.size(), cv::Size(512, 512));
        double mx = 0;
        cv::minMaxLoc(img.pixels, nullptr, &mx);
        const auto maxima = localMaxima(img.pixels, static_cast<float>(0.5 * mx));
        QVERIFY(maxima.size() > 100);
        const double measured = medianNearestNeighbour(maxima, img.pixels.size(), 2 * bond);
        QVERIFY2(std::abs(measured - bond) / bond < 0.03,
                 qPrintable(QStringLiteral("measured %1 px for %2 px").arg(measured).arg(bond)));
    }

    void bondLengthFromSpectrum_data() {
        QTest::addColumn<double>("bond");
        QTest::addColumn<double>("rotation");
        QTest::addColumn<ds::SynthOptions::Contrast>("contrast");
        QTest::newRow("haadf 12px noisy") << 12.0 << 5.0 << SynthOptions::Contrast::Haadf;
        QTest::newRow("haadf 18px noisy") << 18.0 << 40.0 << SynthOptions::Contrast::Haadf;
        QTest::newRow("hrtem 14px noisy") << 14.0 << 23.0 << SynthOptions::Contrast::Hrtem;
    }
    void bondLengthFromSpectrum() {
        QFETCH(double, bond);
        QFETCH(double, rotation);
        QFETCH(ds::SynthOptions::Contrast, contrast);
        SynthOptions o; // default defects on: they must not disturb the lattice's spacing
        o.bondPx = bond;
        o.rotationDeg = rotation;
        o.contrast = contrast;
        o.seed = 5;
        const auto img = ds::synthesizeGraphene(o);
        const BraggPeak peak = firstBraggPeak(img.pixels);
        const double measured = img.pixels.cols / (1.5 * peak.radius);
        QVERIFY2(std::abs(measured - bond) / bond < 0.03,
                 qPrintable(QStringLiteral("measured %1 px for %2 px").arg(measured).arg(bond)));
    }

    void truthPointsMarkWhereTheImageChanged() {
        SynthOptions o;
        o.width = o.height = 768;
        o.noise = false;
        o.seed = 3;
        o.singleVacancies = 3, o.doubleVacancies = 2, o.stoneWales = 3, o.dopants = 3;
        o.contamination = true;
        const auto withDefects = ds::synthesizeGraphene(o);
        const auto perfect = ds::synthesizeGraphene(noDefects(o));
        std::map<std::string, int> count;
        for (const auto& t : withDefects.truth)
            ++count[t.kind];
        QCOMPARE(count["vacancy"], 3);
        QCOMPARE(count["double_vacancy"], 2);
        QCOMPARE(count["stone_wales"], 3);
        QCOMPARE(count["dopant"], 3);
        QCOMPARE(count["contamination"], 1);
        QVERIFY(!withDefects.mask.empty() && cv::countNonZero(withDefects.mask) > 0);

        cv::Mat diff;
        cv::absdiff(withDefects.pixels, perfect.pixels, diff);
        const double a = o.bondPx;
        // Every truth point: the image differs there by a good fraction of a carbon column.
        for (const auto& t : withDefects.truth)
            QVERIFY2(maxAbsDiffNear(diff, t.x, t.y, a) > 0.3 * o.dose,
                     qPrintable(QStringLiteral("%1 at %2,%3 changed nothing").arg(t.kind.c_str()).arg(t.x).arg(t.y)));
        // Every change: explained by a nearby point defect or by the contamination mask.
        cv::Mat nearMask;
        cv::dilate(withDefects.mask, nearMask, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(int(3 * a), int(3 * a))));
        int unexplained = 0;
        for (int r = 0; r < diff.rows; ++r)
            for (int c = 0; c < diff.cols; ++c) {
                if (diff.at<float>(r, c) < 0.05 * o.dose || nearMask.at<uchar>(r, c))
                    continue;
                const bool near = std::any_of(withDefects.truth.begin(), withDefects.truth.end(), [&](const auto& t) {
                    return std::hypot(c + 0.5 - t.x, r + 0.5 - t.y) < 2.5 * a;
                });
                unexplained += !near;
            }
        QCOMPARE(unexplained, 0);
        // Defects keep apart and away from the borders.
        for (size_t i = 0; i < withDefects.truth.size(); ++i) {
            const auto& p = withDefects.truth[i];
            QVERIFY(p.x > 2 * a && p.y > 2 * a && p.x < o.width - 2 * a && p.y < o.height - 2 * a);
            for (size_t j = i + 1; j < withDefects.truth.size(); ++j)
                QVERIFY(std::hypot(p.x - withDefects.truth[j].x, p.y - withDefects.truth[j].y) >= 4.9 * a);
        }
    }

    void dopantsAreBrighterThanCarbon() {
        SynthOptions o = noDefects({});
        o.dopants = 4;
        o.seed = 21;
        const auto img = ds::synthesizeGraphene(o); // noisy, as a detector would see it
        cv::Mat smooth;
        cv::blur(img.pixels, smooth, cv::Size(3, 3));
        double mx = 0;
        cv::minMaxLoc(smooth, nullptr, &mx);
        std::vector<double> peaks;
        for (const auto& p : localMaxima(smooth, 0.0f))
            peaks.push_back(smooth.at<float>(int(p.y), int(p.x)));
        std::nth_element(peaks.begin(), peaks.begin() + peaks.size() / 2, peaks.end());
        const double carbon = peaks[peaks.size() / 2];
        int dopants = 0;
        for (const auto& t : img.truth) {
            QCOMPARE(t.kind, std::string("dopant"));
            const double here = maxAbsDiffNear(smooth, t.x, t.y, 2.0);
            QVERIFY2(here > 2.5 * carbon, qPrintable(QStringLiteral("dopant %1 vs carbon %2").arg(here).arg(carbon)));
            ++dopants;
        }
        QCOMPARE(dopants, 4);
    }

    void grainBoundarySplitsTwoRotatedGrains() {
        SynthOptions o = noDefects({});
        o.width = o.height = 640;
        o.noise = false;
        o.grainBoundary = true;
        o.seed = 8;
        const auto gb = ds::synthesizeGraphene(o);
        const auto single = ds::synthesizeGraphene(noDefects(o));
        const double a = o.bondPx;
        QVERIFY(std::abs(gb.secondGrainRotationDeg - gb.rotationDeg) >= 10.0);
        QVERIFY(gb.truth.size() >= 640 / (2 * a) - 2);
        // Truth points lie on one line, two bonds apart.
        const auto& p0 = gb.truth.front();
        const auto& p1 = gb.truth.back();
        const cv::Point2d dir = cv::Point2d(p1.x - p0.x, p1.y - p0.y) * (1.0 / std::hypot(p1.x - p0.x, p1.y - p0.y));
        auto signedDistance = [&](double x, double y) { return dir.x * (y - p0.y) - dir.y * (x - p0.x); };
        for (const auto& t : gb.truth) {
            QCOMPARE(t.kind, std::string("grain_boundary"));
            QVERIFY(std::abs(signedDistance(t.x, t.y)) < 1e-6);
        }
        // One grain is the single-grain render; the other differs everywhere; the seam is at the points.
        cv::Mat diff;
        cv::absdiff(gb.pixels, single.pixels, diff);
        double sideSum[2] = {0, 0};
        int sideN[2] = {0, 0};
        double sideMax[2] = {0, 0};
        for (int r = 0; r < diff.rows; ++r)
            for (int c = 0; c < diff.cols; ++c) {
                const double d = signedDistance(c + 0.5, r + 0.5);
                if (std::abs(d) < 2 * a)
                    continue;
                const int s = d > 0;
                sideSum[s] += diff.at<float>(r, c), ++sideN[s];
                sideMax[s] = std::max(sideMax[s], static_cast<double>(diff.at<float>(r, c)));
            }
        const int same = sideMax[0] < sideMax[1] ? 0 : 1;
        QVERIFY(sideMax[same] < 1e-3 * o.dose);
        QVERIFY(sideSum[1 - same] / sideN[1 - same] > 0.05 * o.dose);
        // The second grain really is rotated: its Bragg reflection turns by the misorientation
        // (modulo the 60 degree symmetry), measured in a window wholly inside each grain.
        auto grainWindow = [&](int sideSign) -> cv::Rect {
            for (int size : {256, 224, 192, 160, 128})
                for (int y = 0; y + size <= o.height; y += 32)
                    for (int x = 0; x + size <= o.width; x += 32) {
                        bool inside = true;
                        for (cv::Point2d q : {cv::Point2d(x, y), cv::Point2d(x + size, y), cv::Point2d(x, y + size),
                                              cv::Point2d(x + size, y + size)})
                            inside = inside && signedDistance(q.x, q.y) * sideSign > a;
                        if (inside)
                            return {x, y, size, size};
                    }
            return {};
        };
        const cv::Rect wSame = grainWindow(same ? 1 : -1), wOther = grainWindow(same ? -1 : 1);
        QVERIFY(wSame.area() > 0 && wOther.area() > 0);
        auto wrap60 = [](double deg) { return deg - 60.0 * std::round(deg / 60.0); };
        const double turned = wrap60(firstBraggPeak(gb.pixels(wOther)).angleDeg - firstBraggPeak(gb.pixels(wSame)).angleDeg);
        const double expected = wrap60(gb.secondGrainRotationDeg - gb.rotationDeg);
        QVERIFY2(std::abs(wrap60(turned - expected)) < 3.0,
                 qPrintable(QStringLiteral("turned %1, expected %2").arg(turned).arg(expected)));
        // No two atoms closer than three quarters of a bond (overlaps at the seam were removed).
        double closest = 1e18;
        for (size_t i = 0; i < gb.atoms.size(); ++i)
            for (size_t j = i + 1; j < gb.atoms.size(); ++j) {
                const double dx = gb.atoms[i].x - gb.atoms[j].x, dy = gb.atoms[i].y - gb.atoms[j].y;
                if (std::abs(dx) < a && std::abs(dy) < a)
                    closest = std::min(closest, std::hypot(dx, dy));
            }
        QVERIFY2(closest >= 0.74 * a, qPrintable(QString::number(closest)));
    }

    void hrtemShowsDarkAtoms() {
        SynthOptions o = noDefects({});
        o.contrast = SynthOptions::Contrast::Hrtem;
        o.noise = false;
        const auto img = ds::synthesizeGraphene(o);
        const double mean = cv::mean(img.pixels)[0];
        double atAtoms = 0;
        int n = 0;
        for (const auto& at : img.atoms)
            if (at.x > 1 && at.y > 1 && at.x < o.width - 1 && at.y < o.height - 1)
                atAtoms += img.pixels.at<float>(int(at.y), int(at.x)), ++n;
        QVERIFY(atAtoms / n < 0.9 * mean);
    }

    void demoHasEveryKind() {
        const auto img = ds::synthesizeGraphene(ds::demoSynthOptions(1));
        QCOMPARE(img.pixels.size(), cv::Size(1024, 1024));
        std::map<std::string, int> count;
        for (const auto& t : img.truth)
            ++count[t.kind];
        for (const char* kind : {"vacancy", "double_vacancy", "stone_wales", "dopant", "grain_boundary", "contamination"})
            QVERIFY2(count[kind] > 0, kind);
        const auto m = ds::toMicrograph(img);
        QVERIFY(m.x.nmPerPixel().has_value());
        QVERIFY(std::abs(*m.x.nmPerPixel() * img.bondPx - 0.142) < 1e-9);
    }

    void sameSeedSameImage() {
        SynthOptions o;
        o.grainBoundary = o.contamination = true;
        o.seed = 99;
        const auto a = ds::synthesizeGraphene(o), b = ds::synthesizeGraphene(o);
        QCOMPARE(cv::norm(a.pixels, b.pixels, cv::NORM_INF), 0.0);
        QCOMPARE(a.truth.size(), b.truth.size());
        for (size_t i = 0; i < a.truth.size(); ++i)
            QVERIFY(a.truth[i].x == b.truth[i].x && a.truth[i].y == b.truth[i].y && a.truth[i].kind == b.truth[i].kind);
        o.seed = 100;
        const auto c = ds::synthesizeGraphene(o);
        QVERIFY(cv::norm(a.pixels, c.pixels, cv::NORM_INF) > 0);
    }
};

QTEST_APPLESS_MAIN(SynthGrapheneTest)
#include "synth_graphene_test.moc"
