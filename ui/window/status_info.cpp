#include "ui/window/status_info.h"

#include "ui/view/micrograph_view.h"

#include <QLocale>
#include <QFontMetrics>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

namespace ds::ui {

StatusInfo::StatusInfo(Session* session, MicrographView* view, QStatusBar* bar)
    : QObject(bar)
    , m_session(session)
    , m_cursor(new QLabel(bar))
    , m_counts(new QLabel(bar))
    , m_zoom(new QLabel(bar))
    , m_pixelSize(new QLabel(bar))
    , m_busy(new QProgressBar(bar)) {
    m_cursor->setMinimumWidth(320);
    // Reserve the widths up front: labels that grow later are otherwise left squeezed by the status
    // bar's layout, and the numbers jumping around while labelling would be distracting anyway.
    const QFontMetrics fm(bar->font());
    m_counts->setMinimumWidth(
        fm.horizontalAdvance(
            tr("Defect %1 · Perfect %2 · Unlabelled %3").arg(88888).arg(88888).arg(88888)) +
        8);
    m_zoom->setMinimumWidth(fm.horizontalAdvance(tr("Zoom %1 %").arg(8888)) + 8);
    m_busy->setRange(0, 0); // indeterminate: loads report no fraction
    m_busy->setMaximumWidth(120);
    m_busy->setVisible(session->isBusy());
    bar->addWidget(m_cursor, 1);
    bar->addPermanentWidget(m_counts);
    bar->addPermanentWidget(m_pixelSize);
    bar->addPermanentWidget(m_zoom);
    bar->addPermanentWidget(m_busy);

    connect(view, &MicrographView::cursorMoved, this,
            [this](int x, int y, double value, bool inside) {
                if (!inside) {
                    m_cursor->clear();
                    return;
                }
                QString text = tr("x %1  y %2  value %3").arg(x).arg(y).arg(QLocale().toString(value, 'g', 6));
                const Calibration c = m_session->calibration(m_session->currentIndex());
                {
                    const auto nmx = c.x.nmPerPixel(), nmy = c.y.nmPerPixel();
                    if (nmx && nmy)
                        text += tr("  (%1 nm, %2 nm)")
                                    .arg(QLocale().toString((x + 0.5) * *nmx, 'f', 3))
                                    .arg(QLocale().toString((y + 0.5) * *nmy, 'f', 3));
                }
                m_cursor->setText(text);
            });
    connect(view, &MicrographView::zoomChanged, this, [this](double z) {
        m_zoom->setText(tr("Zoom %1 %").arg(QLocale().toString(z * 100.0, 'f', z < 0.1 ? 1 : 0)));
    });
    connect(session, &Session::busyChanged, m_busy, &QWidget::setVisible);
    connect(session, &Session::changed, this, [this](Session::Changes what, int index) {
        if (index == m_session->currentIndex() || (what & Session::ImageList))
            updateCounts();
        if (index == m_session->currentIndex() || index < 0)
            updatePixelSize();
    });
    connect(session, &Session::currentImageChanged, this, [this] {
        updateCounts();
        updatePixelSize();
    });
    updateCounts();
    updatePixelSize();
}

QString StatusInfo::pixelSizeText() const {
    return m_pixelSize->text();
}

void StatusInfo::updatePixelSize() {
    const int index = m_session->currentIndex();
    if (!m_session->pixels(index)) {
        m_pixelSize->clear();
        return;
    }
    const Calibration c = m_session->calibration(index);
    const auto nmx = c.x.nmPerPixel(), nmy = c.y.nmPerPixel();
    if (!nmx || !nmy) {
        m_pixelSize->setText(tr("no pixel size"));
        m_pixelSize->setToolTip(tr("The file states no length calibration: set the pixel size in "
                                   "Image properties (double-click the image in the list)."));
        return;
    }
    const QString x = QLocale().toString(*nmx, 'g', 4);
    m_pixelSize->setText(*nmx == *nmy ? tr("%1 nm/px").arg(x)
                                      : tr("%1 × %2 nm/px").arg(x, QLocale().toString(*nmy, 'g', 4)));
    m_pixelSize->setToolTip(c.source == kCalibrationByUser ? tr("Pixel size set in Image properties")
                                                           : tr("Pixel size from the file"));
}

QString StatusInfo::countsText() const {
    return m_counts->text();
}
QString StatusInfo::cursorText() const {
    return m_cursor->text();
}

void StatusInfo::updateCounts() {
    const ProjectImage* img = m_session->currentImage();
    if (!img || img->labels.empty()) {
        m_counts->clear();
        return;
    }
    const LabelCounts c = countLabels(img->labels);
    m_counts->setText(tr("Defect %1 · Perfect %2 · Unlabelled %3")
                          .arg(c.defect)
                          .arg(c.perfect)
                          .arg(c.unlabelled));
}

} // namespace ds::ui
