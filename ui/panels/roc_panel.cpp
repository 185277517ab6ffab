#include "ui/panels/roc_panel.h"

#include "core/dataset/dataset_sources.h"
#include "ui/session/detector_results.h"
#include "ui/session/session.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScrollArea>
#include <QTabWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace ds::ui {

namespace {

constexpr int kDebounceMs = 15; // coalesces a brush stroke's label edits without a visible lag
constexpr int kHeldOutDebounceMs = 700; // held-out trains detectors: start once the labelling pauses
constexpr int kProgressSteps = 1000;

QColor detectorColour(int i) {
    static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75)};
    return palette[i % 6];
}

// Docks sit in scroll areas, which size a panel with a word-wrapped label (height-for-width) to
// its children's size hints; QChartView's is ~600 px tall, which would push the text out of view.
class CompactChartView : public QChartView {
public:
    using QChartView::QChartView;
    QSize sizeHint() const override { return {300, 260}; }
};

QChart* makeChart(const QString& x, const QString& y) {
    auto* chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->hide(); // the text below the tabs is the legend (full names, colours)
    chart->setBackgroundRoundness(0);
    auto* ax = new QValueAxis;
    ax->setRange(0, 1);
    ax->setTitleText(x);
    ax->setLabelFormat(QStringLiteral("%.1f"));
    ax->setTickCount(6);
    auto* ay = new QValueAxis;
    ay->setRange(0, 1.02);
    ay->setTitleText(y);
    ay->setLabelFormat(QStringLiteral("%.1f"));
    ay->setTickCount(6);
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(ay, Qt::AlignLeft);
    return chart;
}

void attach(QChart* chart, QAbstractSeries* series) {
    chart->addSeries(series);
    for (QAbstractAxis* a : chart->axes())
        series->attachAxis(a);
}

} // namespace

RocPanel::RocPanel(Session* session, DetectorResults* results, QWidget* parent)
    : QWidget(parent), m_session(session), m_results(results), m_tabs(new QTabWidget(this)),
      m_rocChart(makeChart(tr("False-positive rate"), tr("True-positive rate"))),
      m_prChart(makeChart(tr("Recall"), tr("Precision"))), m_rocView(new CompactChartView(m_rocChart)),
      m_prView(new CompactChartView(m_prChart)), m_rocOp(new QScatterSeries), m_prOp(new QScatterSeries),
      m_text(new QLabel(this)), m_heldOutBox(new QCheckBox(tr("Held-out image"), this)),
      m_heldOutProgress(new QProgressBar(this)), m_heldOutCancel(new QPushButton(tr("Cancel"), this)) {
    setObjectName(QStringLiteral("RocPanel"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &RocPanel::startComputation);

    auto* chance = new QLineSeries;
    chance->setName(tr("chance"));
    chance->append(0, 0);
    chance->append(1, 1);
    chance->setPen(QPen(Qt::gray, 1, Qt::DashLine));
    attach(m_rocChart, chance);
    for (QScatterSeries* op : {m_rocOp, m_prOp}) {
        op->setName(tr("threshold"));
        op->setMarkerSize(11);
        op->setColor(Qt::black);
        op->setBorderColor(Qt::white);
    }
    attach(m_rocChart, m_rocOp);
    attach(m_prChart, m_prOp);
    for (QChartView* v : {m_rocView, m_prView}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumSize(220, 200);
    }
    m_tabs->addTab(m_rocView, tr("ROC"));
    m_tabs->addTab(m_prView, tr("Precision-recall"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // The text scrolls in its own area: growing with more detectors, it must neither squeeze the
    // plot nor be cut off at the bottom of the dock.
    auto* textArea = new QScrollArea(this);
    textArea->setObjectName(QStringLiteral("RocSummaryArea"));
    textArea->setWidgetResizable(true);
    textArea->setFrameShape(QFrame::NoFrame);
    textArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    textArea->setWidget(m_text);
    textArea->setMinimumHeight(4 * fontMetrics().lineSpacing());
    // Its height comes from the stretch below, never from how much text there is.
    textArea->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    m_heldOutBox->setObjectName(QStringLiteral("RocHeldOut"));
    m_heldOutBox->setToolTip(tr("Train the shown detector on the hand labels of the project's other images and "
                                "score this image, which it never saw (leave-one-image-out)"));
    m_heldOutProgress->setRange(0, kProgressSteps);
    m_heldOutProgress->setMaximumHeight(14);
    m_heldOutProgress->setVisible(false);
    m_heldOutCancel->setObjectName(QStringLiteral("RocHeldOutCancel"));
    m_heldOutCancel->setVisible(false);
    auto* heldOutRow = new QHBoxLayout;
    heldOutRow->addWidget(m_heldOutBox);
    heldOutRow->addWidget(m_heldOutProgress, 1);
    heldOutRow->addWidget(m_heldOutCancel);
    heldOutRow->addStretch(0);
    m_heldOutDebounce.setSingleShot(true);
    m_heldOutDebounce.setInterval(kHeldOutDebounceMs);
    m_heldOutPoll.setInterval(100);
    connect(&m_heldOutDebounce, &QTimer::timeout, this, &RocPanel::startHeldOut);
    connect(&m_heldOutPoll, &QTimer::timeout, this,
            [this] { m_heldOutProgress->setValue(m_heldOutFraction->load()); });
    connect(m_heldOutBox, &QCheckBox::toggled, this, &RocPanel::setHeldOutEnabled);
    connect(m_heldOutCancel, &QPushButton::clicked, this, &RocPanel::cancelHeldOut);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(heldOutRow);
    layout->addWidget(m_tabs, 3);
    layout->addWidget(textArea, 1);

    connect(session, &Session::changed, this, [this](Session::Changes what, int index) {
        if ((what & (Session::Labels | Session::Scores | Session::Grid | Session::ImageList)) &&
            (index < 0 || index == m_session->currentIndex()))
            scheduleUpdate();
    });
    connect(session, &Session::currentImageChanged, this, &RocPanel::scheduleUpdate);
    connect(results, &DetectorResults::resultsChanged, this, &RocPanel::scheduleUpdate);
    connect(results, &DetectorResults::thresholdChanged, this, &RocPanel::scheduleUpdate);
    // Held-out scores depend on every labelled image, not only the current one.
    connect(session, &Session::changed, this, [this](Session::Changes what, int) {
        if (what & (Session::Labels | Session::Scores | Session::Grid | Session::ImageList))
            scheduleHeldOut();
    });
    connect(session, &Session::currentImageChanged, this, &RocPanel::scheduleHeldOut);
    connect(results, &DetectorResults::resultsChanged, this, &RocPanel::scheduleHeldOut);
    refreshText();
    scheduleUpdate(); // built on an open project (a language switch): show its runs
}

RocPanel::~RocPanel() = default;

std::vector<RocInput> RocPanel::snapshotInputs(std::vector<Label>* labels) const {
    std::vector<RocInput> inputs;
    const int index = m_session->currentIndex();
    const ProjectImage* img = m_session->image(index);
    if (!img)
        return inputs;
    *labels = img->labels;
    const QString shown = m_results->shownDetector(index);
    for (const QString& id : m_results->detectors(index)) {
        const StoredRun* r = m_results->result(index, id);
        RocInput in;
        in.detector = id.toStdString();
        in.evalScores = r->result.evalScores;
        in.shown = id == shown;
        inputs.push_back(std::move(in));
    }
    return inputs;
}

void RocPanel::scheduleUpdate() { m_debounce.start(); }

void RocPanel::startComputation() {
    std::vector<Label> labels;
    std::vector<RocInput> inputs = snapshotInputs(&labels);
    const std::optional<double> threshold = m_results->threshold();
    m_intervalJob.drop(); // its curves are about to be replaced
    m_curveJob.start([inputs = std::move(inputs), labels = std::move(labels), threshold] {
        return computeRocCurves(inputs, labels, threshold);
    }, [this](std::vector<RocCurveResult> curves) {
        showCurves(curves);
        startInterval();
    });
}

void RocPanel::startInterval() {
    m_aurocCi = Interval{1, 0};
    const RocCurveResult* target = nullptr;
    for (const RocCurveResult& c : m_curves)
        if (c.valid && (c.shown || !target))
            target = &c;
    if (!target) {
        emit settled();
        return;
    }
    // The run's own seed, as its report and `defectscope-cli report` use: the interval shown here is
    // the one they print.
    const StoredRun* run = m_results->result(m_session->currentIndex(), QString::fromStdString(target->detector));
    const std::uint64_t seed = run ? run->spec.seed : 0;
    m_intervalJob.start([scores = target->scores, labels = target->labels, seed] {
        return aurocBootstrapCi(scores, labels, 0.95, kDefaultBootstrapResamples, seed);
    }, [this](Result<Interval> ci) {
        if (ci)
            m_aurocCi = *ci;
        refreshText();
        emit settled();
    });
}

void RocPanel::showCurves(const std::vector<RocCurveResult>& curves) {
    m_curves = curves;
    // Series are rebuilt: a handful of detectors, each thinned to a few hundred points.
    const auto series = m_rocChart->series();
    for (QAbstractSeries* s : series)
        if (s->property("detector").isValid()) {
            m_rocChart->removeSeries(s);
            delete s;
        }
    const auto prSeries = m_prChart->series();
    for (QAbstractSeries* s : prSeries)
        if (s->property("detector").isValid()) {
            m_prChart->removeSeries(s);
            delete s;
        }
    m_rocOp->clear();
    m_prOp->clear();
    int i = 0;
    for (const RocCurveResult& c : m_curves) {
        const QColor colour = detectorColour(i++);
        if (!c.valid)
            continue;
        const QString id = QString::fromStdString(c.detector);
        auto* roc = new QLineSeries;
        auto* pr = new QLineSeries;
        QList<QPointF> rocPoints, prPoints;
        rocPoints.reserve(static_cast<qsizetype>(c.roc.size()));
        for (const RocPoint& p : c.roc)
            rocPoints.append(QPointF(p.fpr, p.tpr));
        for (const PrPoint& p : c.pr)
            prPoints.append(QPointF(p.recall, p.precision));
        roc->replace(rocPoints);
        pr->replace(prPoints);
        roc->setName(tr("%1 %2").arg(id).arg(QLocale().toString(c.auroc, 'f', 3)));
        pr->setName(tr("%1 %2").arg(id).arg(QLocale().toString(c.averagePrecision, 'f', 3)));
        for (QLineSeries* s : {roc, pr}) {
            s->setProperty("detector", id);
            s->setPen(QPen(colour, c.shown ? 2.5 : 1.5));
        }
        attach(m_rocChart, roc);
        attach(m_prChart, pr);
        connect(roc, &QLineSeries::clicked, this, [this, id](const QPointF& p) { onCurveClicked(id, p, false); });
        connect(pr, &QLineSeries::clicked, this, [this, id](const QPointF& p) { onCurveClicked(id, p, true); });
        if (c.operating) {
            m_rocOp->append(c.operating->fpr, c.operating->tpr);
            m_prOp->append(c.operating->tpr, c.operating->precision);
        }
    }
    // Keep the operating point drawn on top of the curves.
    for (auto [chart, op] : {std::pair{m_rocChart, m_rocOp}, std::pair{m_prChart, m_prOp}}) {
        chart->removeSeries(op);
        attach(chart, op);
    }
    drawHeldOut();
    ++m_updates;
    refreshText();
    emit updated();
}

bool RocPanel::heldOutEnabled() const { return m_heldOutBox->isChecked(); }

void RocPanel::setHeldOutEnabled(bool on) {
    if (m_heldOutBox->isChecked() != on) {
        m_heldOutBox->setChecked(on); // comes back here through toggled
        return;
    }
    if (on) {
        scheduleHeldOut();
        m_heldOutDebounce.start(0); // the user asked for it: no need to wait
    } else {
        m_heldOutDebounce.stop();
        m_heldOutJob.drop();
        setHeldOutRunning(false);
        m_heldOut.reset();
        m_heldOutStatus.clear();
        drawHeldOut();
        refreshText();
    }
}

void RocPanel::scheduleHeldOut() {
    if (!heldOutEnabled())
        return;
    // What is shown no longer matches the labels or runs: take it away, compute afresh.
    m_heldOutJob.drop();
    m_heldOut.reset();
    m_heldOutStatus.clear();
    drawHeldOut();
    refreshText();
    m_heldOutDebounce.start();
}

void RocPanel::startHeldOut() {
    if (!heldOutEnabled())
        return;
    const int index = m_session->currentIndex();
    const ProjectImage* current = m_session->image(index);
    QString why;
    if (!current || m_results->shownDetector(index).isEmpty())
        why = tr("Held-out image: run a detector on this image first.");
    else if (!hasHandLabels(*current))
        why = tr("Held-out image: label defect and perfect patches on this image first.");
    else if (handLabelledImages(*m_session) < 2)
        why = tr("Held-out image: needs hand labels on another image of the project to train on.");
    if (!why.isEmpty()) {
        setHeldOutRunning(false);
        m_heldOutStatus = why;
        refreshText();
        emit heldOutFinished(false);
        return;
    }
    HeldOutRocRequest request = heldOutRequest(*m_session, *m_results);
    auto fraction = std::make_shared<std::atomic<int>>(0);
    m_heldOutFraction = fraction;
    setHeldOutRunning(true);
    m_heldOutJob.start([request = std::move(request), fraction](std::stop_token stop) {
        const RunControl rc(stop, [fraction](double f, std::string_view) {
            fraction->store(static_cast<int>(f * kProgressSteps));
        });
        return computeHeldOutRoc(request, rc);
    }, [this](Result<HeldOutRocResult> r) {
        setHeldOutRunning(false);
        if (r) {
            m_heldOut = std::move(r).value();
            m_heldOutStatus.clear();
        } else {
            m_heldOutStatus = tr("Held-out image: %1").arg(QString::fromStdString(r.error().message));
        }
        drawHeldOut();
        refreshText();
        emit heldOutFinished(m_heldOut.has_value());
    });
    refreshText();
}

void RocPanel::cancelHeldOut() {
    if (!m_heldOutJob.running())
        return;
    m_heldOutJob.drop(); // stops the worker; its result will not land
    m_heldOutDebounce.stop();
    setHeldOutRunning(false);
    m_heldOutStatus = tr("Held-out image: cancelled.");
    refreshText();
}

void RocPanel::setHeldOutRunning(bool running) {
    m_heldOutProgress->setValue(0);
    m_heldOutProgress->setVisible(running);
    m_heldOutCancel->setVisible(running);
    if (running)
        m_heldOutPoll.start();
    else
        m_heldOutPoll.stop();
}

void RocPanel::drawHeldOut() {
    const auto series = m_rocChart->series();
    for (QAbstractSeries* s : series)
        if (s->property("heldOut").isValid()) {
            m_rocChart->removeSeries(s);
            delete s;
        }
    if (!m_heldOut || !m_heldOut->current.valid)
        return;
    QColor colour = Qt::black;
    for (std::size_t i = 0; i < m_curves.size(); ++i)
        if (m_curves[i].detector == m_heldOut->detector)
            colour = detectorColour(static_cast<int>(i));
    auto* roc = new QLineSeries;
    QList<QPointF> points;
    for (const RocPoint& p : m_heldOut->current.roc)
        points.append(QPointF(p.fpr, p.tpr));
    roc->replace(points);
    roc->setName(tr("held out image"));
    roc->setProperty("heldOut", true);
    roc->setPen(QPen(colour, 2.0, Qt::DashLine));
    attach(m_rocChart, roc);
}

void RocPanel::onCurveClicked(const QString& detector, const QPointF& point, bool pr) {
    for (const RocCurveResult& c : m_curves) {
        if (QString::fromStdString(c.detector) != detector || !c.shown)
            continue;
        // The nearest curve point in the chart's coordinates; its threshold becomes the shared one.
        double best = std::numeric_limits<double>::infinity(), threshold = 0;
        if (!pr) {
            for (const RocPoint& p : c.roc) {
                const double d = std::hypot(p.fpr - point.x(), p.tpr - point.y());
                if (d < best) { best = d; threshold = p.threshold; }
            }
        } else {
            for (const PrPoint& p : c.pr) {
                const double d = std::hypot(p.recall - point.x(), p.precision - point.y());
                if (d < best) { best = d; threshold = p.threshold; }
            }
        }
        if (std::isfinite(threshold))
            emit thresholdRequested(threshold);
        return;
    }
}

QString RocPanel::summaryText() const { return m_text->text(); }
QWidget* RocPanel::summaryArea() const { return m_text->parentWidget()->parentWidget(); }

void RocPanel::refreshText() {
    QStringList lines;
    int i = 0;
    for (const RocCurveResult& c : m_curves) {
        // The swatch ties the line to its curve: the charts have no legend of their own.
        const QString swatch = QStringLiteral("<span style=\"color:%1\">&#9632;</span> ")
                                   .arg(detectorColour(i++).name());
        const QString id = swatch + QString::fromStdString(c.detector).toHtmlEscaped();
        if (!c.valid) {
            lines << tr("<b>%1</b>: needs held-out defect and perfect labels (%2 defect, %3 perfect)")
                         .arg(id).arg(c.defects).arg(c.perfect);
            continue;
        }
        QString line = tr("<b>%1</b>: AUROC %2").arg(id).arg(QLocale().toString(c.auroc, 'f', 3));
        if (c.shown || &c == &m_curves.front()) {
            if (m_aurocCi.low <= m_aurocCi.high && (c.shown || m_curves.size() == 1))
                line += tr(" [95%: %1-%2]").arg(QLocale().toString(m_aurocCi.low, 'f', 3)).arg(QLocale().toString(m_aurocCi.high, 'f', 3));
        }
        line += tr(", AP %1, on %2 defect / %3 perfect held-out patches")
                    .arg(QLocale().toString(c.averagePrecision, 'f', 3)).arg(c.defects).arg(c.perfect);
        // Which kind of AUROC this is: a self fit never saw labels; a trained run's labelled
        // patches carry out-of-fold scores from fits within this image.
        const StoredRun* run = m_results->result(m_session->currentIndex(), QString::fromStdString(c.detector));
        line += QStringLiteral(" - <i>%1</i>")
                    .arg(run && run->spec.mode == RunMode::Trained
                             ? tr("out-of-fold within this image")
                             : tr("self: fitted on this image without labels"));
        lines << line;
        if (c.operating)
            lines << tr("&nbsp;&nbsp;at threshold %1: TPR %2, FPR %3, precision %4")
                         .arg(QLocale().toString(c.operating->threshold, 'g', 4))
                         .arg(QLocale().toString(c.operating->tpr, 'f', 2))
                         .arg(QLocale().toString(c.operating->fpr, 'f', 2))
                         .arg(QLocale().toString(c.operating->precision, 'f', 2));
    }
    if (m_heldOut && m_heldOut->current.valid) {
        const HeldOutRocResult& h = *m_heldOut;
        QString line = tr("<b>held out image</b> (%1): AUROC %2")
                           .arg(QString::fromStdString(h.detector).toHtmlEscaped())
                           .arg(QLocale().toString(h.current.auroc, 'f', 3));
        if (h.currentCi.low <= h.currentCi.high)
            line += tr(" [95%: %1-%2]").arg(QLocale().toString(h.currentCi.low, 'f', 3)).arg(QLocale().toString(h.currentCi.high, 'f', 3));
        line += tr(", on %1 defect / %2 perfect labelled patches - <i>trained on the hand labels of the other "
                   "images only (%3 defect / %4 perfect patches)</i>")
                    .arg(h.current.defects).arg(h.current.perfect).arg(h.trainDefect).arg(h.trainPerfect);
        lines << line;
        lines << tr("<b>pooled</b> over %n labelled image(s): AUROC %1 [95%: %2-%3] - <i>every image scored by "
                    "the model that did not see it, ranked together</i>", nullptr, h.images)
                     .arg(QLocale().toString(h.pooledAuroc, 'f', 3))
                     .arg(QLocale().toString(h.pooledCi.low, 'f', 3))
                     .arg(QLocale().toString(h.pooledCi.high, 'f', 3));
    } else if (m_heldOut) {
        lines << tr("Held-out image: this image needs both defect and perfect labels (%1 defect, %2 perfect)")
                     .arg(m_heldOut->current.defects).arg(m_heldOut->current.perfect);
    } else if (m_heldOutJob.running()) {
        lines << tr("Held-out image: training on the other images…");
    }
    if (!m_heldOutStatus.isEmpty())
        lines << m_heldOutStatus.toHtmlEscaped();
    if (lines.isEmpty())
        lines << tr("Run a detector and label a few defect and perfect patches: the ROC is computed on "
                    "labels the detector did not train on.");
    m_text->setText(lines.join(QStringLiteral("<br>")));
}

} // namespace ds::ui
