// RocPanel: the AUROC it shows equals the core's on the same held-out scores and labels, it uses
// the out-of-fold scores of patches a fit saw, it follows label edits live, clicking the curve sets
// the threshold with the matching operating point, and the bootstrap interval brackets the AUROC.
#include "core/eval/roc.h"
#include "ui/session/detector_results.h"
#include "ui/actions/label_suggestions.h"
#include "ui/panels/roc_panel.h"
#include "ui/session/session.h"

#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <random>

using namespace ds;
using namespace ds::ui;

namespace {

// Scores loosely following the labels: defects higher on average, with overlap.
std::vector<float> noisyScores(const std::vector<Label>& truth, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.f, 1.f);
    std::vector<float> s(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i)
        s[i] = noise(rng) + (truth[i] == Label::Defect ? 1.5f : 0.f);
    return s;
}

double coreAuroc(const std::vector<float>& scores, const std::vector<Label>& labels) {
    std::vector<float> s;
    std::vector<Label> l;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != Label::Unlabelled && std::isfinite(scores[i])) {
            s.push_back(scores[i]);
            l.push_back(labels[i]);
        }
    return auroc(s, l).value();
}

struct Fixture {
    Session session;
    DetectorResults results{&session};
    RocPanel panel{&session, &results};
    int patches = 0;
    std::vector<Label> truth; // which patches are "really" defects in this test

    bool open() {
        session.openDemo(1);
        if (!QTest::qWaitFor([&] { return !session.grid(0).empty() && !session.isBusy(); }, 120000))
            return false;
        patches = session.grid(0).size();
        truth.assign(static_cast<std::size_t>(patches), Label::Perfect);
        for (int i = 0; i < patches; i += 7)
            truth[static_cast<std::size_t>(i)] = Label::Defect;
        return true;
    }
    void label(int from, int to) { // label patches [from, to) with their truth
        std::vector<int> def, perf;
        for (int i = from; i < to; ++i)
            (truth[static_cast<std::size_t>(i)] == Label::Defect ? def : perf).push_back(i);
        session.setLabels(def, Label::Defect);
        session.setLabels(perf, Label::Perfect);
    }
    DetectorImageResult result(const std::string& id, std::vector<float> scores) {
        DetectorImageResult r;
        r.imageId = session.idOf(0);
        r.spec.detector = r.run.detector = id;
        r.spec.grid = session.grid(0).spec();
        r.run.grid = session.grid(0);
        r.run.scores = scores;
        r.run.evalScores = std::move(scores);
        return r;
    }
    bool waitSettled() {
        QSignalSpy settled(&panel, &RocPanel::settled);
        return settled.wait(30000);
    }
    // The common start: the first 120 patches labelled, detector "alpha" scored; its scores.
    std::vector<float> scoreAlpha() {
        label(0, 120);
        std::vector<float> scores = noisyScores(truth, 7);
        results.add(result("alpha", scores));
        session.showRun(0, "alpha");
        return scores;
    }
};

} // namespace

class RocPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void numbersFollowTheLocale() {
        // A German user reads 0,912, not 0.912: the language choice sets QLocale's default.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        Fixture f;
        QVERIFY(f.open());
        f.scoreAlpha();
        const bool settled = f.waitSettled();
        const QString text = f.panel.summaryText();
        QLocale::setDefault(QLocale::c());
        QVERIFY(settled);
        const double a = f.panel.curves().front().auroc;
        QVERIFY2(text.contains(QLocale(QLocale::German).toString(a, 'f', 3)), qPrintable(text));
        QVERIFY(!text.contains(QLocale::c().toString(a, 'f', 3)));
    }

    void aurocEqualsCoreAndFollowsLabels() {
        Fixture f;
        QVERIFY(f.open());
        const std::vector<float> scores = f.scoreAlpha();
        QVERIFY(f.waitSettled());
        QCOMPARE(static_cast<int>(f.panel.curves().size()), 1);
        const RocCurveResult& c = f.panel.curves().front();
        QVERIFY(c.valid);
        QCOMPARE(c.auroc, coreAuroc(scores, f.session.currentImage()->labels));
        const int defectsBefore = c.defects, perfectBefore = c.perfect;
        QVERIFY(f.panel.interval().low <= c.auroc && c.auroc <= f.panel.interval().high);
        QVERIFY(f.panel.summaryText().contains(QStringLiteral("AUROC")));
        QVERIFY(f.panel.summaryText().contains(QLocale::c().toString(c.auroc, 'f', 3)));

        // One more labelled patch: the curve is recomputed on the new labels.
        int next = 120;
        while (f.truth[static_cast<std::size_t>(next)] != Label::Defect)
            ++next;
        const quint64 updates = f.panel.updates();
        f.session.setLabels({next}, Label::Defect);
        QTRY_VERIFY_WITH_TIMEOUT(f.panel.updates() > updates, 10000);
        QCOMPARE(f.panel.curves().front().defects, defectsBefore + 1);
        QCOMPARE(f.panel.curves().front().perfect, perfectBefore);
        QCOMPARE(f.panel.curves().front().auroc, coreAuroc(scores, f.session.currentImage()->labels));
    }

    void usesHeldOutScoresAndOverlaysDetectors() {
        Fixture f;
        QVERIFY(f.open());
        f.label(0, 200);
        // "Trained" scores separate perfectly (the fit saw the labels); held-out ones do not.
        std::vector<float> trained(static_cast<std::size_t>(f.patches));
        for (int i = 0; i < f.patches; ++i)
            trained[static_cast<std::size_t>(i)] = f.truth[static_cast<std::size_t>(i)] == Label::Defect ? 10.f : 0.f;
        DetectorImageResult sup = f.result("supervised", trained);
        sup.run.evalScores = noisyScores(f.truth, 3);
        sup.run.evalScores[5] = std::nanf(""); // a trained-on patch without a held-out score is left out
        f.results.add(sup);
        const std::vector<float> other = noisyScores(f.truth, 11);
        f.results.add(f.result("other", other));
        f.session.showRun(0, "supervised");
        QVERIFY(f.waitSettled());
        QCOMPARE(static_cast<int>(f.panel.curves().size()), 2);
        const auto& labels = f.session.currentImage()->labels;
        QCOMPARE(f.panel.curves()[0].auroc, coreAuroc(sup.run.evalScores, labels));
        QVERIFY(f.panel.curves()[0].auroc < 1.0);
        QCOMPARE(f.panel.curves()[1].auroc, coreAuroc(other, labels));
        QCOMPARE(f.panel.curves()[0].defects + f.panel.curves()[0].perfect + 1,
                 f.panel.curves()[1].defects + f.panel.curves()[1].perfect);
    }

    void clickSetsThresholdAndOperatingPoint() {
        Fixture f;
        QVERIFY(f.open());
        f.label(0, 150);
        const std::vector<float> scores = noisyScores(f.truth, 5);
        f.results.add(f.result("alpha", scores));
        f.session.showRun(0, "alpha");
        QVERIFY(f.waitSettled());
        QSignalSpy requested(&f.panel, &RocPanel::thresholdRequested);
        QObject::connect(&f.panel, &RocPanel::thresholdRequested, &f.results, &DetectorResults::setThreshold);
        const RocPoint target = f.panel.curves().front().roc[f.panel.curves().front().roc.size() / 2];
        f.panel.onCurveClicked(QStringLiteral("alpha"), QPointF(target.fpr + 0.001, target.tpr - 0.001), false);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(*f.results.threshold(), target.threshold);
        QVERIFY(f.waitSettled());
        const auto& op = f.panel.curves().front().operating;
        QVERIFY(op.has_value());
        QCOMPARE(op->fpr, target.fpr);
        QCOMPARE(op->tpr, target.tpr);
        QVERIFY(op->precision > 0 && op->precision <= 1);
    }

    void everyDetectorNamedInFullAndThePlotKeepsItsHeight() {
        // Several detectors with long names in a narrow panel: no elided chart legend ("a…"), each
        // name whole in the text beside its colour, and the plot as tall as with one detector.
        Fixture f;
        QVERIFY(f.open());
        f.panel.resize(320, 620);
        f.panel.show();
        const std::vector<float> first = f.scoreAlpha();
        QVERIFY(f.waitSettled());
        const int plotHeight = f.panel.rocView()->height();
        QVERIFY2(plotHeight >= 300, qPrintable(QString::number(plotHeight)));
        const QStringList ids{"isolation-forest-long", "kernel-density-estimate", "knn-distance-k5",
                              "local-outlier-factor", "one-class-svm-rbf"};
        for (int i = 0; i < ids.size(); ++i)
            f.results.add(f.result(ids[i].toStdString(), noisyScores(f.truth, 20 + static_cast<std::uint64_t>(i))));
        QVERIFY(f.waitSettled());
        QCOMPARE(static_cast<int>(f.panel.curves().size()), 6);
        QVERIFY(!f.panel.rocView()->chart()->legend()->isVisible());
        QVERIFY(!f.panel.prView()->chart()->legend()->isVisible());
        const QString text = f.panel.summaryText();
        for (const QString& id : ids)
            QVERIFY2(text.contains(id), qPrintable(id + " not in " + text));
        QCOMPARE(text.count(QStringLiteral("&#9632;")), 6); // one colour swatch per detector
        QCOMPARE(f.panel.rocView()->height(), plotHeight);
        // The text that does not fit scrolls instead of being cut off.
        auto* area = qobject_cast<QScrollArea*>(f.panel.summaryArea());
        QVERIFY(area);
        QVERIFY(area->widget()->height() > area->viewport()->height());
        QVERIFY(area->verticalScrollBar()->maximum() > 0);
    }

    void prCurveStartsAtRecallZeroAtTheFirstPrecision() {
        Fixture f;
        QVERIFY(f.open());
        f.label(0, 120);
        std::vector<float> scores = noisyScores(f.truth, 7);
        // The highest score goes to a perfect patch: the first threshold finds no defect.
        int perfect = 1;
        while (f.truth[static_cast<std::size_t>(perfect)] != Label::Perfect)
            ++perfect;
        scores[static_cast<std::size_t>(perfect)] = 100.f;
        f.results.add(f.result("alpha", scores));
        f.session.showRun(0, "alpha");
        QVERIFY(f.waitSettled());
        QLineSeries* pr = nullptr;
        for (QAbstractSeries* s : f.panel.prView()->chart()->series())
            if (s->property("detector").toString() == QLatin1String("alpha"))
                pr = qobject_cast<QLineSeries*>(s);
        QVERIFY(pr && pr->count() > 2);
        QCOMPARE(pr->at(0).x(), 0.0);
        QVERIFY2(pr->at(0).y() > 0 && pr->at(0).y() < 1, qPrintable(QString::number(pr->at(0).y())));
        QCOMPARE(pr->at(0).y(), pr->at(1).y()); // the first precision, not 0 or 1
        for (int i = 0; i < pr->count(); ++i)
            QVERIFY2(!(pr->at(i).x() == 0 && pr->at(i).y() == 0), "the PR curve passes through (0, 0)");
    }

    void suggestionsPreferPatchesNearTheThreshold() {
        // Pure ranking: unlabelled only; nearest the threshold first; disagreement raises priority.
        const std::vector<float> shown{0.f, 1.f, 2.f, 3.f, 4.f, 5.f};
        const std::vector<Label> labels{Label::Unlabelled, Label::Unlabelled, Label::Defect,
                                        Label::Unlabelled, Label::Unlabelled, Label::Unlabelled};
        auto r = rankLabelSuggestions({shown}, labels, 3.0);
        QCOMPARE(static_cast<int>(r.size()), 5);
        QCOMPARE(r.front(), 3);
        QVERIFY(std::find(r.begin(), r.end(), 2) == r.end());
        QVERIFY((r[1] == 1 && r[2] == 4) || (r[1] == 4 && r[2] == 1));
        QVERIFY((r[3] == 0 && r[4] == 5) || (r[3] == 5 && r[4] == 0));
        const std::vector<float> other{5.f, 1.f, 2.f, 3.f, 4.f, 0.f}; // disagrees on 0 and 5
        r = rankLabelSuggestions({shown, other}, labels, 3.0);
        QVERIFY(std::find(r.begin(), r.end(), 0) < std::find(r.begin(), r.end(), 1));
    }
};

QTEST_MAIN(RocPanelTest)
#include "roc_panel_test.moc"
