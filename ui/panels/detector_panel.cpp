#include "ui/panels/detector_panel.h"

#include "core/detect/detector_registry.h"
#include "core/features/feature_extractor.h"
#include "ui/window/core_text.h"
#include "ui/session/detector_results.h"
#include "ui/jobs/detector_runner.h"
#include "ui/session/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace ds::ui {

namespace {
constexpr const char* kDefaultDetector = "auto";
}

DetectorPanel::DetectorPanel(Session* session, DetectorResults* results, QWidget* parent)
    : QWidget(parent), m_session(session), m_results(results), m_runner(new DetectorRunner(this)),
      m_detector(new QComboBox(this)), m_about(new QLabel(this)), m_form(nullptr), m_formHost(new QWidget(this)),
      m_features(new QComboBox(this)), m_scope(new QComboBox(this)), m_train(new QPushButton(tr("&Train"), this)),
      m_score(new QPushButton(tr("S&core"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("DetectorPanel"));
    m_restoring = true; // building the widgets is not a settings change of the project
    for (const DetectorInfo& d : availableDetectors())
        m_detector->addItem(coreText(d.displayName), QString::fromStdString(d.id));
    m_detector->setToolTip(tr("The anomaly detector: higher scores mean more unusual patches"));
    m_about->setWordWrap(true);
    m_about->setForegroundRole(QPalette::PlaceholderText);

    m_features->setEditable(true);
    m_features->addItem(tr("(detector default)"), QString());
    for (const std::string& f : availableFeatures())
        m_features->addItem(QString::fromStdString(f), QString::fromStdString(f));
    m_features->addItem(QStringLiteral("stats+fft"), QStringLiteral("stats+fft"));
    m_features->setToolTip(tr("Patch features: raw, stats, fft, hog, or several joined with '+'"));
    m_scope->addItem(tr("This image"));
    m_scope->addItem(tr("All images"));

    m_train->setToolTip(tr("Fit on your hand labels and score every patch; the ROC uses out-of-fold scores "
                           "for the patches the fit saw"));
    m_score->setToolTip(tr("Fit without labels (the detector learns what is usual) and score every patch"));
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("idle"));
    m_status->setWordWrap(true);
    // Inside the dock's scroll area: no height-for-width (it would size the panel to its hints),
    // and combo boxes that do not insist on their longest entry's width.
    for (QLabel* label : {m_about, m_status}) {
        QSizePolicy p = label->sizePolicy();
        p.setHeightForWidth(false);
        label->setSizePolicy(p);
        label->setMinimumHeight(label->fontMetrics().lineSpacing() * 2);
    }
    for (QComboBox* box : {m_detector, m_features, m_scope}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }

    // What to run and the buttons that run it first, the fine-tuning (features, parameters) after:
    // on a 720-pixel screen the dock is short, and Train / Score must not be scrolled out of view.
    auto* top = new QFormLayout;
    top->addRow(tr("Detector"), m_detector);
    top->addRow(m_about);
    top->addRow(tr("Scope"), m_scope);
    auto* settings = new QFormLayout;
    settings->addRow(tr("Features"), m_features);
    m_form = new QFormLayout(m_formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_score);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(settings);
    layout->addWidget(m_formHost);
    layout->addStretch(1);

    connect(m_detector, &QComboBox::currentIndexChanged, this, [this] {
        rebuildForm();
        storeSettings();
    });
    connect(m_features, &QComboBox::currentTextChanged, this, [this] { storeSettings(); });
    connect(m_train, &QPushButton::clicked, this, &DetectorPanel::train);
    connect(m_score, &QPushButton::clicked, this, &DetectorPanel::score);
    connect(m_cancel, &QPushButton::clicked, this, &DetectorPanel::cancel);
    connect(m_runner, &DetectorRunner::progress, this, [this](quint64, double f, const QString& step) {
        m_progress->setValue(static_cast<int>(std::lround(f * 1000)));
        m_progress->setFormat(QStringLiteral("%p% - ") + step);
    });
    connect(m_runner, &DetectorRunner::runningChanged, this, [this](bool running) {
        m_cancel->setEnabled(running);
        running ? m_session->beginJob() : m_session->endJob();
    });
    connect(m_runner, &DetectorRunner::finished, this, &DetectorPanel::onFinished);
    connect(m_runner, &DetectorRunner::failed, this, [this](quint64 run, const QString& message) {
        m_progress->setFormat(tr("failed"));
        setStatus(tr("Run failed: %1").arg(message));
        emit runFinished(run, false);
    });
    connect(m_runner, &DetectorRunner::cancelled, this, [this](quint64 run) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("cancelled"));
        setStatus(tr("Cancelled; earlier results are kept."));
        emit runFinished(run, false);
    });
    connect(session, &Session::changed, this, [this](Session::Changes what, int) {
        if (what & Session::ImageList)
            restoreSettings();
    });
    // "3 image(s) scored" speaks of the previous project's images.
    connect(session, &Session::projectReset, this, [this] {
        setStatus(QString());
        m_progress->setValue(0);
        m_progress->setFormat(tr("idle"));
    });

    if (!setDetectorId(QString::fromLatin1(kDefaultDetector)))
        m_detector->setCurrentIndex(0); // no `auto` registered: the first detector there is
    rebuildForm();
    m_restoring = false;
}

QString DetectorPanel::detectorId() const { return m_detector->currentData().toString(); }

bool DetectorPanel::setDetectorId(const QString& id) {
    const int i = m_detector->findData(id);
    if (i < 0)
        return false;
    m_detector->setCurrentIndex(i);
    return true;
}

void DetectorPanel::setParameter(const QString& name, double value) {
    m_params[detectorId()][name.toStdString()] = value;
    rebuildForm();
}

void DetectorPanel::setAllImages(bool all) { m_scope->setCurrentIndex(all ? 1 : 0); }

void DetectorPanel::rebuildForm() {
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    const QString id = detectorId();
    auto created = createDetector(id.toStdString());
    if (!created) {
        m_about->setText(QString::fromStdString(created.error().message));
        return;
    }
    const auto& detector = *created.value();
    m_about->setText(detector.needsLabels() ? tr("Supervised: needs defect and perfect labels (use Train).")
                                            : tr("Works without labels; Train also uses your labels."));
    auto& values = m_params[id];
    for (const ParamSpec& p : detector.parameters()) {
        const std::string name = p.name;
        const double current = values.count(name) ? values[name] : p.defaultValue;
        QWidget* editor = nullptr;
        if (p.kind == ParamSpec::Kind::Bool) {
            auto* box = new QCheckBox;
            box->setChecked(current != 0);
            connect(box, &QCheckBox::toggled, this, [this, id, name](bool on) {
                m_params[id][name] = on ? 1 : 0;
                storeSettings();
            });
            editor = box;
        } else if (p.kind == ParamSpec::Kind::Int) {
            auto* spin = new QSpinBox;
            spin->setRange(static_cast<int>(std::max(-2e9, p.minimum)), static_cast<int>(std::min(2e9, p.maximum)));
            spin->setValue(static_cast<int>(current));
            connect(spin, &QSpinBox::valueChanged, this, [this, id, name](int v) {
                m_params[id][name] = v;
                storeSettings();
            });
            editor = spin;
        } else {
            auto* spin = new QDoubleSpinBox;
            spin->setDecimals(p.maximum - p.minimum <= 1 ? 4 : 3);
            spin->setRange(p.minimum, p.maximum);
            spin->setSingleStep((p.maximum - p.minimum) / 100.0);
            spin->setValue(current);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this, id, name](double v) {
                m_params[id][name] = v;
                storeSettings();
            });
            editor = spin;
        }
        editor->setObjectName(QStringLiteral("param_") + QString::fromStdString(name));
        editor->setToolTip(coreText(p.description));
        m_form->addRow(coreText(p.label), editor);
    }
}

DetectorRequest DetectorPanel::buildRequest(bool train) const {
    DetectorRequest req;
    req.spec.mode = train ? RunMode::Trained : RunMode::Self;
    req.spec.detector = detectorId().toStdString();
    const QString features = m_features->currentIndex() == 0 && m_features->currentText() == m_features->itemText(0)
                                 ? QString()
                                 : m_features->currentText().trimmed();
    req.spec.features = features.toStdString();
    const auto it = m_params.find(detectorId());
    if (it != m_params.end())
        req.spec.params = it.value();
    // Every default made explicit, so the stored run says exactly what ran.
    if (auto resolved = resolveRunSpec(req.spec))
        req.spec = std::move(resolved).value();
    std::vector<int> indices;
    if (m_scope->currentIndex() == 1)
        for (int i = 0; i < m_session->imageCount(); ++i)
            indices.push_back(i);
    else if (m_session->currentIndex() >= 0)
        indices.push_back(m_session->currentIndex());
    for (int i : indices) {
        const ProjectImage* img = m_session->image(i);
        if (!img)
            continue;
        DetectorImageInput in;
        in.imageId = img->id;
        in.pixels = m_session->pixels(i); // shared, immutable: the worker reads, never writes
        in.source.path = QString::fromStdString(img->path);
        in.source.synthSeed = img->synthSeed;
        in.grid = img->grid;
        // An image never opened has no size yet: the job loads it and runs on its grid unlabelled.
        if (!m_session->grid(i).empty()) {
            in.labels = img->labels;
            in.labels.resize(static_cast<std::size_t>(m_session->grid(i).size()), Label::Unlabelled);
        }
        req.images.push_back(std::move(in));
    }
    return req;
}

quint64 DetectorPanel::train() { return start(true); }
quint64 DetectorPanel::score() { return start(false); }
void DetectorPanel::cancel() { m_runner->cancel(); }

quint64 DetectorPanel::start(bool train) {
    DetectorRequest req = buildRequest(train);
    if (req.images.empty()) {
        setStatus(tr("No image with pixels to run on."));
        return 0;
    }
    // A run the user starts on an image whose grid is still being sized from the lattice keeps the
    // grid it runs on: the sizer then leaves that image alone.
    for (const DetectorImageInput& in : req.images)
        if (const ProjectImage* img = m_session->image(m_session->indexOfId(in.imageId)))
            m_session->setGridPending(img->path, false);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%p% - starting"));
    setStatus(tr("Running %1 on %n image(s)...", nullptr, static_cast<int>(req.images.size())).arg(detectorId()));
    return m_runner->start(std::move(req));
}

void DetectorPanel::onFinished(quint64 run, const DetectorJobResult& outcome) {
    double seconds = 0;
    int stored = 0;
    QString id = detectorId();
    QStringList problems;
    for (const DetectorImageResult& r : outcome.results) {
        id = QString::fromStdString(r.run.detector);
        if (m_results->add(r))
            ++stored;
        seconds += r.run.seconds;
    }
    for (const DetectorImageFailure& f : outcome.failures)
        problems << QString::fromStdString(f.message);
    m_progress->setValue(1000);
    m_progress->setFormat(tr("done"));
    QString text = tr("%1: %n image(s) scored in %2 s.", nullptr, stored).arg(id).arg(seconds, 0, 'f', 1);
    if (!problems.isEmpty())
        text += QStringLiteral("\n") +
                tr("%n image(s) could not be scored:", nullptr, static_cast<int>(problems.size())) +
                QStringLiteral("\n") + problems.join(QStringLiteral("\n"));
    for (const DetectorImageResult& r : outcome.results)
        for (const std::string& note : r.run.notes)
            text += QStringLiteral("\n") + QString::fromStdString(note);
    setStatus(text);
    emit runFinished(run, true);
}

void DetectorPanel::setStatus(const QString& text) { m_status->setText(text); }
QString DetectorPanel::statusText() const { return m_status->text(); }

void DetectorPanel::storeSettings() {
    if (m_restoring)
        return;
    nlohmann::json params = nlohmann::json::object();
    for (auto it = m_params.cbegin(); it != m_params.cend(); ++it)
        for (const auto& [name, value] : it.value())
            params[it.key().toStdString()][name] = value;
    nlohmann::json s = {{"detector", detectorId().toStdString()},
                        {"features", m_features->currentIndex() == 0 ? std::string() : m_features->currentText().toStdString()},
                        {"params", params}};
    if (s != m_session->project().detectorSettings)
        m_session->setDetectorSettings(s);
}

void DetectorPanel::restoreSettings() {
    const nlohmann::json& s = m_session->project().detectorSettings;
    if (!s.is_object() || !s.contains("detector"))
        return;
    m_restoring = true;
    try {
        if (s.contains("params") && s["params"].is_object())
            for (const auto& [det, values] : s["params"].items())
                if (values.is_object())
                    for (const auto& [name, v] : values.items())
                        if (v.is_number())
                            m_params[QString::fromStdString(det)][name] = v.get<double>();
        if (s["detector"].is_string())
            setDetectorId(QString::fromStdString(s["detector"].get<std::string>()));
        if (s.contains("features") && s["features"].is_string() && !s["features"].get<std::string>().empty())
            m_features->setCurrentText(QString::fromStdString(s["features"].get<std::string>()));
    } catch (const nlohmann::json::exception&) {
        // A hand-edited project with odd settings: keep the defaults.
    }
    rebuildForm();
    m_restoring = false;
}

} // namespace ds::ui
