#include "ui/window/preferences_dialog.h"

#include "core/io/read_micrograph.h"
#include "ui/window/settings.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {
// Settings store the clip as a fraction (0.005); people think of it in percent.
constexpr double kPercent = 100.0;
// Peak memory of a scored frame is a few times the float32 frame (README, "Input rules"); the note
// says so, so that a raised limit is a choice made knowing its cost.
constexpr double kBytesPerPixel = sizeof(float);
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
} // namespace

int PreferencesDialog::sideForPixels(std::uint64_t pixels) {
    auto side = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(pixels)));
    while (side * side > pixels) // sqrt of a double may round up
        --side;
    return static_cast<int>(std::clamp<std::uint64_t>(side, kMinSide, kMaxSide));
}

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_side(new QSpinBox(this))
    , m_memory(new QLabel(this))
    , m_clip(new QDoubleSpinBox(this)) {
    setObjectName(QStringLiteral("PreferencesDialog"));
    setWindowTitle(tr("Preferences"));

    m_side->setObjectName(QStringLiteral("MaxSideSpin"));
    m_side->setRange(kMinSide, kMaxSide);
    m_side->setSingleStep(1024);
    m_side->setSuffix(tr(" px"));
    m_side->setToolTip(tr("Files whose frames have more pixels than a square of this side are refused "
                          "from their header, before anything is decoded. Small compressed files can "
                          "claim enormous images; the limit bounds what opening one costs."));
    m_memory->setObjectName(QStringLiteral("MaxSideMemoryNote"));
    m_memory->setWordWrap(true);
    connect(m_side, &QSpinBox::valueChanged, this, &PreferencesDialog::updateMemoryNote);

    m_clip->setObjectName(QStringLiteral("ClipSpin"));
    m_clip->setRange(0.0, 20.0);
    m_clip->setDecimals(2);
    m_clip->setSingleStep(0.1);
    m_clip->setSuffix(tr(" %"));
    m_clip->setToolTip(tr("Auto contrast sets black and white at these percentiles from each end of "
                          "the image's histogram."));

    auto* form = new QFormLayout;
    form->addRow(tr("Largest image to open:"), m_side);
    form->addRow(QString(), m_memory);
    form->addRow(tr("Auto-contrast clip:"), m_clip);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &PreferencesDialog::restoreDefaults);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    const Settings settings;
    setMaxSide(sideForPixels(settings.maxPixels()));
    setAutoContrastClipPercent(settings.autoContrastClip() * kPercent);
    updateMemoryNote();
}

int PreferencesDialog::maxSide() const {
    return m_side->value();
}
void PreferencesDialog::setMaxSide(int side) {
    m_side->setValue(side);
}
double PreferencesDialog::autoContrastClipPercent() const {
    return m_clip->value();
}
void PreferencesDialog::setAutoContrastClipPercent(double percent) {
    m_clip->setValue(percent);
}

void PreferencesDialog::restoreDefaults() {
    setMaxSide(sideForPixels(kDefaultMaxPixels));
    setAutoContrastClipPercent(Settings::kDefaultAutoContrastClip * kPercent);
}

void PreferencesDialog::updateMemoryNote() {
    const double side = m_side->value();
    const double pixels = side * side;
    m_memory->setText(tr("%1 × %1 = %2 megapixels, or as many in another shape. One such frame takes "
                         "%3 GiB as 32-bit floats; analysing it takes several times that.")
                          .arg(m_side->value())
                          .arg(pixels / 1e6, 0, 'f', 0)
                          .arg(pixels * kBytesPerPixel / kGiB, 0, 'f', 2));
}

void PreferencesDialog::accept() {
    Settings settings;
    const auto side = static_cast<std::uint64_t>(m_side->value());
    // Unchanged side: keep the stored limit exactly (it may not be a perfect square).
    const std::uint64_t pixels = side == static_cast<std::uint64_t>(sideForPixels(settings.maxPixels()))
                                     ? settings.maxPixels()
                                     : side * side;
    settings.setMaxPixels(pixels);
    setDefaultMaxPixels(pixels);
    settings.setAutoContrastClip(m_clip->value() / kPercent);
    QDialog::accept();
}

} // namespace ds::ui
