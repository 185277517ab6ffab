// Tests for core/eval: ROC/AUROC with ties against hand-computed values, PR/AP, bootstrap interval,
// thresholds and the cross-validation splits.
#include "core/eval/cross_validation.h"
#include "core/eval/pooled_auroc.h"
#include "core/eval/roc.h"

#include <QtTest>

#include <set>

using ds::Label;
constexpr Label D = Label::Defect, P = Label::Perfect, U = Label::Unlabelled;

class EvalRocTest : public QObject {
    Q_OBJECT
private slots:
    void aurocWithTiesCountsHalf() {
        // defects 0.8, 0.5; perfect 0.5, 0.2, 0.5: pairs won 3 + (0.5 + 1 + 0.5) = 5 of 6.
        const std::vector<float> s{0.8f, 0.5f, 0.5f, 0.2f, 0.5f};
        const std::vector<Label> l{D, D, P, P, P};
        auto a = ds::auroc(s, l);
        QVERIFY(a.ok());
        QCOMPARE(*a, 5.0 / 6.0);
    }
    void aurocAllTiedIsHalf() {
        const std::vector<float> s(6, 1.0f);
        const std::vector<Label> l{D, P, P, D, P, P};
        QCOMPARE(*ds::auroc(s, l), 0.5);
    }
    void aurocPerfectAndInvertedAndUnlabelledIgnored() {
        const std::vector<float> s{3, 2, 1, 0, 100};
        QCOMPARE(*ds::auroc(s, std::vector<Label>{D, D, P, P, U}), 1.0);
        QCOMPARE(*ds::auroc(s, std::vector<Label>{P, P, D, D, U}), 0.0);
    }
    void batchMeanAndPooled() {
        // Both frames separate perfectly on their own, but frame b's scores sit higher throughout:
        // its perfect patch (5) outranks frame a's defects (2, 3), so one threshold cannot serve both.
        const std::vector<ds::FrameScores> frames{{{3, 2, 1, 0}, {D, D, P, P}}, {{9, 5, 100}, {D, P, U}},
                                                  {{4, 4}, {P, P}}}; // one class only: pooled, no own AUROC
        auto b = ds::batchAuroc(frames);
        QVERIFY(b.ok());
        QCOMPARE(b->framesInMean, 2);
        QCOMPARE(b->meanPerFrame, 1.0);
        QVERIFY(!b->perFrame[2].has_value());
        // Defects {3, 2, 9} against perfect {1, 0, 5, 4, 4}: 3 and 2 beat two each, 9 all five.
        QCOMPARE(b->pooled, 9.0 / 15.0);
        QVERIFY(!ds::batchAuroc(std::vector<ds::FrameScores>{{{1, 2}, {P, P}}}).ok());
        QVERIFY(!ds::batchAuroc(std::vector<ds::FrameScores>{{{1, 2}, {P}}}).ok());
    }
    void aurocEqualsTrapezoidOfRocCurve() {
        const std::vector<float> s{0.9f, 0.8f, 0.8f, 0.7f, 0.6f, 0.6f, 0.3f, 0.1f};
        const std::vector<Label> l{D, P, D, P, D, P, P, D};
        auto roc = ds::rocCurve(s, l);
        QVERIFY(roc.ok());
        double area = 0;
        for (std::size_t i = 1; i < roc->size(); ++i)
            area += ((*roc)[i].fpr - (*roc)[i - 1].fpr) * ((*roc)[i].tpr + (*roc)[i - 1].tpr) / 2;
        QVERIFY(std::abs(area - *ds::auroc(s, l)) < 1e-12);
        QCOMPARE(roc->back().fpr, 1.0);
        QCOMPARE(roc->back().tpr, 1.0);
        QCOMPARE(roc->size(), std::size_t(7)); // (0,0) + 6 distinct scores
    }
    void averagePrecisionHandCases() {
        // thresholds 0.9 (R .5, P 1), 0.8 (R .5, P .5), 0.7 (R 1, P 2/3), 0.6: AP = .5 + .5 * 2/3
        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.6f};
        QVERIFY(std::abs(*ds::averagePrecision(s, std::vector<Label>{D, P, D, P}) - (0.5 + 1.0 / 3.0)) < 1e-12);
        // a tie between a defect and a perfect patch: one point, recall 1, precision 1/2
        const std::vector<float> t{0.5f, 0.5f};
        QCOMPARE(*ds::averagePrecision(t, std::vector<Label>{D, P}), 0.5);
    }
    void prCurveStartsAtTheFirstPrecision() {
        // The top score is a perfect patch: no threshold finds a defect before 0.8, so the curve
        // starts at recall 0 with 0.8's precision 1/2 - not at (0, 1) or (0, 0).
        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.1f};
        const auto pr = ds::prCurve(s, std::vector<Label>{P, D, D, P});
        QVERIFY(pr.ok());
        QCOMPARE(pr->size(), std::size_t(4)); // anchor + 0.8, 0.7, 0.1
        QCOMPARE(pr->front().recall, 0.0);
        QCOMPARE(pr->front().precision, 0.5);
        QCOMPARE((*pr)[1].recall, 0.5);
        QCOMPARE((*pr)[1].precision, 0.5);
        QCOMPARE(pr->back().recall, 1.0);
        QVERIFY(std::abs(*ds::averagePrecision(s, std::vector<Label>{P, D, D, P}) - (0.25 + 1.0 / 3.0)) < 1e-12);
    }
    void errorsAreClear() {
        const std::vector<float> s{1, 2};
        auto one = ds::auroc(s, std::vector<Label>{P, P});
        QVERIFY(!one.ok());
        QVERIFY(QString::fromStdString(one.error().message).contains("both"));
        QVERIFY(!ds::auroc(s, std::vector<Label>{P}).ok());
        const std::vector<float> nan{1, std::numeric_limits<float>::quiet_NaN()};
        QCOMPARE(ds::auroc(nan, std::vector<Label>{D, P}).error().code, ds::ErrorCode::Numeric);
    }
    void bootstrapContainsEstimateAndIsSeeded() {
        std::vector<float> s;
        std::vector<Label> l;
        for (int i = 0; i < 200; ++i) {
            s.push_back(static_cast<float>((i * 37) % 101) / 101.0f + (i % 10 == 0 ? 0.4f : 0.0f));
            l.push_back(i % 10 == 0 ? D : P);
        }
        const double a = *ds::auroc(s, l);
        auto ci = ds::aurocBootstrapCi(s, l, 0.95, 500, 7);
        QVERIFY(ci.ok());
        QVERIFY(ci->low <= a && a <= ci->high);
        QVERIFY(ci->low < ci->high);
        auto again = ds::aurocBootstrapCi(s, l, 0.95, 500, 7);
        QCOMPARE(again->low, ci->low);
        QCOMPARE(again->high, ci->high);
    }
    void thresholds() {
        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};
        const std::vector<Label> l{D, P, D, P, P, P};
        auto t0 = ds::thresholdForFpr(s, l, 0.0);
        QCOMPARE(t0->threshold, double(0.9f));
        auto t25 = ds::thresholdForFpr(s, l, 0.25);
        QCOMPARE(t25->threshold, double(0.7f)); // 1 of 4 perfect patches above: FPR .25, TPR 1
        QCOMPARE(t25->tpr, 1.0);
        auto j = ds::youdenThreshold(s, l);
        QCOMPARE(j->threshold, double(0.7f));
    }
    void stratifiedFolds() {
        std::vector<Label> l;
        for (int i = 0; i < 50; ++i) l.push_back(i % 5 == 0 ? D : i % 7 == 0 ? U : P);
        auto folds = ds::stratifiedKFold(l, 5, 3);
        QVERIFY(folds.ok());
        std::multiset<int> tested;
        for (const auto& f : *folds) {
            int d = 0;
            for (int i : f.test) { tested.insert(i); d += l[i] == D; QVERIFY(l[i] != U); }
            QCOMPARE(d, 2);
            QCOMPARE(f.train.size() + f.test.size(), l.size());
        }
        for (int i = 0; i < 50; ++i) QCOMPARE(int(tested.count(i)), l[i] == U ? 0 : 1);
        QVERIFY(!ds::stratifiedKFold(l, 11).ok()); // only 10 defects
        const std::vector<int> img{0, 0, 1, 2, 1};
        auto lo = ds::leaveOneImageOut(img);
        QCOMPARE(lo->size(), std::size_t(3));
        QCOMPARE((*lo)[1].test, (std::vector<int>{2, 4}));
    }
};

QTEST_APPLESS_MAIN(EvalRocTest)
#include "eval_roc_test.moc"
