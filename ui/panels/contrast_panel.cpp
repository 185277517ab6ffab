#include "ui/panels/contrast_panel.h"

#include "ui/panels/histogram_widget.h"
#include "ui/window/settings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace ds::ui {

ContrastPanel::ContrastPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_histogram(new HistogramWidget(this))
    , m_low(new QDoubleSpinBox(this))
    , m_high(new QDoubleSpinBox(this))
    , m_gamma(new QDoubleSpinBox(this))
    , m_lut(new QComboBox(this)) {
    m_mapping.lut = Settings().lut();
    for (QDoubleSpinBox* box : {m_low, m_high}) {
        box->setDecimals(4);
        box->setRange(-1e12, 1e12);
        box->setKeyboardTracking(false);
    }
    m_gamma->setRange(0.1, 5.0);
    m_gamma->setSingleStep(0.1);
    m_gamma->setDecimals(2);
    m_gamma->setValue(1.0);
    m_gamma->setKeyboardTracking(false);
    for (Lut l : kAllLuts)
        m_lut->addItem(lutName(l), static_cast<int>(l));
    m_lut->setCurrentIndex(static_cast<int>(m_mapping.lut));

    auto* autoButton = new QPushButton(tr("&Auto"), this);
    autoButton->setToolTip(
        tr("Clip the darkest and brightest pixels (percentiles) for the best contrast"));
    auto* fullButton = new QPushButton(tr("Min/Max"), this);
    fullButton->setToolTip(tr("Show the full range of values"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(autoButton);
    buttons->addWidget(fullButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Low"), m_low);
    form->addRow(tr("High"), m_high);
    form->addRow(tr("Gamma"), m_gamma);
    form->addRow(tr("Colours"), m_lut);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_histogram, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);

    connect(autoButton, &QPushButton::clicked, this, &ContrastPanel::autoContrast);
    connect(fullButton, &QPushButton::clicked, this, &ContrastPanel::fullRange);
    connect(m_histogram, &HistogramWidget::limitsEdited, this, [this](double lo, double hi) {
        DisplayMapping m = m_mapping;
        m.low = lo;
        m.high = hi;
        setMapping(m);
    });
    const auto fromWidgets = [this] {
        if (m_syncing)
            return;
        DisplayMapping m = m_mapping;
        m.low = m_low->value();
        m.high = std::max(m_high->value(), m.low + 1e-9);
        m.gamma = m_gamma->value();
        m.lut = static_cast<Lut>(m_lut->currentData().toInt());
        setMapping(m);
    };
    connect(m_low, &QDoubleSpinBox::valueChanged, this, fromWidgets);
    connect(m_high, &QDoubleSpinBox::valueChanged, this, fromWidgets);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, fromWidgets);
    connect(m_lut, &QComboBox::currentIndexChanged, this, [this, fromWidgets] {
        fromWidgets();
        Settings().setLut(m_mapping.lut);
    });
    connect(session, &Session::changed, this, [this](Session::Changes what, int) {
        if (what & (Session::Image | Session::ImageList))
            onImageShown();
    });
    connect(session, &Session::currentImageChanged, this, &ContrastPanel::onImageShown);
    syncWidgets();
}

void ContrastPanel::setMapping(const DisplayMapping& mapping) {
    if (mapping == m_mapping)
        return;
    m_mapping = mapping;
    syncWidgets();
    emit mappingChanged(m_mapping);
}

void ContrastPanel::autoContrast() {
    if (!m_shown)
        return;
    const double clip = Settings().autoContrastClip();
    DisplayMapping m = m_mapping;
    m.low = m_shown->stats.percentile(clip);
    m.high = m_shown->stats.percentile(1.0 - clip);
    if (!(m.high > m.low))
        m.high = m.low + 1.0;
    setMapping(m);
}

void ContrastPanel::fullRange() {
    if (!m_shown)
        return;
    DisplayMapping m = m_mapping;
    m.low = m_shown->stats.min;
    m.high = m_shown->stats.max;
    setMapping(m);
}

void ContrastPanel::onImageShown() {
    const auto pixels = m_session->pixels(m_session->currentIndex());
    if (pixels == m_shown)
        return;
    m_shown = pixels;
    setEnabled(m_shown != nullptr);
    if (!m_shown) {
        m_histogram->clear(); // an image that failed to load must not show the previous one's
        return;
    }
    m_histogram->setStats(m_shown->stats);
    // Spin box steps follow the data's range (counts in thousands, normalised data in 0..1).
    const double step = std::pow(
        10.0, std::floor(std::log10(std::max(1e-12, m_shown->stats.max - m_shown->stats.min))) - 2);
    m_low->setSingleStep(step);
    m_high->setSingleStep(step);
    autoContrast();
    syncWidgets();
}

void ContrastPanel::syncWidgets() {
    m_syncing = true;
    m_low->setValue(m_mapping.low);
    m_high->setValue(m_mapping.high);
    m_gamma->setValue(m_mapping.gamma);
    m_lut->setCurrentIndex(m_lut->findData(static_cast<int>(m_mapping.lut)));
    m_histogram->setLimits(m_mapping.low, m_mapping.high);
    m_syncing = false;
}

} // namespace ds::ui
