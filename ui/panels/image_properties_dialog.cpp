#include "ui/panels/image_properties_dialog.h"

#include "ui/session/session.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QVBoxLayout>

#include <numeric>

namespace ds::ui {

namespace {
QString axisText(const AxisCalibration& a) {
    const auto nm = a.nmPerPixel();
    const QString stated = QStringLiteral("%1 %2").arg(QLocale().toString(a.scale, 'g', 6),
                                                      QString::fromStdString(a.unit));
    if (nm && a.unit != "nm")
        return ImagePropertiesDialog::tr("%1 per pixel (%2 nm)").arg(stated.trimmed(),
                                                                   QLocale().toString(*nm, 'g', 6));
    return ImagePropertiesDialog::tr("%1 per pixel").arg(stated.trimmed());
}
} // namespace

ImagePropertiesDialog::ImagePropertiesDialog(Session* session, int index, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_index(index)
    , m_fromFile(new QRadioButton(tr("Use the file's calibration"), this))
    , m_stated(new QRadioButton(tr("Set the pixel size:"), this))
    , m_x(new QDoubleSpinBox(this))
    , m_y(new QDoubleSpinBox(this))
    , m_square(new QCheckBox(tr("Square pixels"), this))
    , m_all(new QCheckBox(tr("Apply to all images of the project"), this)) {
    setObjectName(QStringLiteral("ImagePropertiesDialog"));
    const ProjectImage* img = session->image(index);
    const auto pixels = session->pixels(index);
    setWindowTitle(tr("Image properties - %1")
                       .arg(img ? QString::fromStdString(img->displayName()) : QString()));

    auto* info = new QFormLayout;
    if (img) {
        auto* file = new QLabel(img->synthSeed ? tr("Synthetic graphene (seed %1)").arg(*img->synthSeed)
                                               : QString::fromStdString(img->path),
                                this);
        file->setWordWrap(true);
        file->setTextInteractionFlags(Qt::TextSelectableByMouse);
        info->addRow(tr("File:"), file);
        info->addRow(tr("Size:"), new QLabel(tr("%1 x %2 pixels").arg(img->width).arg(img->height), this));
    }
    std::optional<PixelSize> fromFile;
    if (pixels) {
        const Micrograph& m = pixels->micrograph;
        info->addRow(tr("Frames:"), new QLabel(QString::number(m.frames), this));
        fromFile = filePixelSize(m);
        QString stated;
        if (m.x.unit.empty() && m.y.unit.empty())
            stated = tr("none (the file states no unit)");
        else if (m.x.scale == m.y.scale && m.x.unit == m.y.unit)
            stated = axisText(m.x);
        else
            stated = tr("x: %1, y: %2").arg(axisText(m.x), axisText(m.y));
        if (!fromFile && !(m.x.unit.empty() && m.y.unit.empty()))
            stated += QLatin1Char(' ') + tr("(not a length)");
        auto* calibration = new QLabel(stated, this);
        calibration->setObjectName(QStringLiteral("FileCalibration"));
        calibration->setWordWrap(true);
        info->addRow(tr("File calibration:"), calibration);
    }

    for (QDoubleSpinBox* box : {m_x, m_y}) {
        box->setDecimals(6);
        box->setRange(1e-6, 1e6);
        box->setSingleStep(0.001);
        box->setSuffix(tr(" nm/px"));
        box->setKeyboardTracking(false);
    }
    m_x->setObjectName(QStringLiteral("PixelSizeX"));
    m_y->setObjectName(QStringLiteral("PixelSizeY"));
    m_x->setToolTip(tr("Nanometres per pixel along x (columns)"));
    m_y->setToolTip(tr("Nanometres per pixel along y (rows)"));
    // Start from what counts now: the stated size, else the file's, else graphene-ish 0.01 nm/px.
    const PixelSize start = img && img->pixelSize ? *img->pixelSize
                            : fromFile            ? *fromFile
                                                  : PixelSize{0.01, 0.01};
    m_x->setValue(start.xNm);
    m_y->setValue(start.yNm);
    m_square->setChecked(start.xNm == start.yNm);
    m_fromFile->setEnabled(fromFile.has_value() || !pixels);
    if (!fromFile && pixels)
        m_fromFile->setText(tr("Use the file's calibration (it has none)"));
    (img && img->pixelSize) || (pixels && !fromFile) ? m_stated->setChecked(true) : m_fromFile->setChecked(true);
    m_all->setToolTip(tr("The same pixel size (or the files' own calibration) for every image"));

    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(new QLabel(tr("x"), this));
    sizeRow->addWidget(m_x, 1);
    sizeRow->addWidget(new QLabel(tr("y"), this));
    sizeRow->addWidget(m_y, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(info);
    layout->addSpacing(8);
    layout->addWidget(m_fromFile);
    layout->addWidget(m_stated);
    layout->addLayout(sizeRow);
    layout->addWidget(m_square);
    layout->addWidget(m_all);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ImagePropertiesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImagePropertiesDialog::reject);
    connect(m_stated, &QRadioButton::toggled, this, &ImagePropertiesDialog::updateEnabled);
    connect(m_square, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_y->setValue(m_x->value());
        updateEnabled();
    });
    connect(m_x, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (m_square->isChecked())
            m_y->setValue(v);
    });
    updateEnabled();
}

void ImagePropertiesDialog::updateEnabled() {
    const bool stated = m_stated->isChecked();
    m_x->setEnabled(stated);
    m_square->setEnabled(stated);
    m_y->setEnabled(stated && !m_square->isChecked());
}

std::optional<PixelSize> ImagePropertiesDialog::chosenPixelSize() const {
    if (!m_stated->isChecked())
        return std::nullopt;
    return PixelSize{m_x->value(), m_square->isChecked() ? m_x->value() : m_y->value()};
}

bool ImagePropertiesDialog::appliesToAll() const {
    return m_all->isChecked();
}

void ImagePropertiesDialog::setPixelSize(const std::optional<PixelSize>& size, bool allImages) {
    (size ? m_stated : m_fromFile)->setChecked(true);
    if (size) {
        m_square->setChecked(size->xNm == size->yNm);
        m_x->setValue(size->xNm);
        m_y->setValue(size->yNm);
    }
    m_all->setChecked(allImages);
}

void ImagePropertiesDialog::accept() {
    std::vector<int> indices{m_index};
    if (m_all->isChecked()) {
        indices.resize(static_cast<std::size_t>(m_session->imageCount()));
        std::iota(indices.begin(), indices.end(), 0);
    }
    m_session->setPixelSize(indices, chosenPixelSize());
    QDialog::accept();
}

} // namespace ds::ui
