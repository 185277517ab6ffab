#include "ui/panels/grid_panel.h"

#include "core/analysis/grid_rule.h"
#include "ui/session/auto_grid_sizer.h"
#include "ui/window/settings.h"
#include "core/lattice/lattice_estimate.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

GridPanel::GridPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_side(new QSpinBox(this))
    , m_stride(new QSpinBox(this))
    , m_originX(new QSpinBox(this))
    , m_originY(new QSpinBox(this))
    , m_info(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_auto(new QPushButton(tr("Auto from lattice"), this))
    , m_fromLattice(new QCheckBox(tr("Size new images from the lattice"), this))
    , m_sizer(new AutoGridSizer(session, this)) {
    m_side->setRange(2, 4096);
    m_stride->setRange(1, 4096);
    m_originX->setRange(0, 4095);
    m_originY->setRange(0, 4095);
    for (QSpinBox* box : {m_side, m_stride, m_originX, m_originY})
        box->setSuffix(tr(" px"));
    m_auto->setToolTip(
        tr("Estimate the bond length from the image and use patches of 4 bonds, stride 2 bonds"));
    m_info->setWordWrap(true);
    m_fromLattice->setToolTip(tr("When an image is added, estimate its lattice and use patches of 4 "
                                 "bonds, stride 2 bonds, as the command line does"));
    m_fromLattice->setChecked(Settings().gridFromLattice());
    m_sizer->setEnabled(m_fromLattice->isChecked());
    connect(m_fromLattice, &QCheckBox::toggled, this, [this](bool on) {
        m_sizer->setEnabled(on);
        Settings().setGridFromLattice(on);
    });
    connect(m_sizer, &AutoGridSizer::message, this, [this](int index, const QString& text) {
        if (index == m_session->currentIndex())
            m_info->setText(text);
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Patch side"), m_side);
    form->addRow(tr("Stride"), m_stride);
    form->addRow(tr("Origin x"), m_originX);
    form->addRow(tr("Origin y"), m_originY);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_auto);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_fromLattice);
    layout->addWidget(m_info);
    layout->addStretch(1);

    connect(m_apply, &QPushButton::clicked, this, &GridPanel::applySpec);
    connect(m_auto, &QPushButton::clicked, this, &GridPanel::autoFromLattice);
    connect(session, &Session::changed, this, [this](Session::Changes what, int index) {
        if ((what & (Session::Grid | Session::Image | Session::ImageList)) &&
            (index == m_session->currentIndex() || index < 0))
            syncFromSession();
    });
    connect(session, &Session::currentImageChanged, this, &GridPanel::syncFromSession);
    syncFromSession();
}

// The estimate holds its own share of the pixels; it is left to finish and be discarded.
GridPanel::~GridPanel() = default;

void GridPanel::showLattice(const LatticeOutcome& out) {
    m_session->endJob();
    m_auto->setEnabled(true);
    if (m_latticeImage != m_session->currentIndex())
        return; // the user moved on to another image
    if (!out.ok) {
        m_info->setText(tr("No lattice found: %1").arg(out.error));
        return;
    }
    // The same rule as the CLI's automatic grid: an uncertain lattice does not size patches.
    const GridSpec rule = out.sizesGrid ? latticeGrid(out.bondPx) : fallbackGrid();
    GridSpec spec = m_session->currentImage() ? m_session->currentImage()->grid : GridSpec{};
    spec.side = rule.side;
    spec.stride = rule.stride;
    m_session->setGridSpec(spec);
    if (out.sizesGrid)
        m_info->setText(tr("Bond length %1 px (confidence %2): patches of %3 px.")
                            .arg(QLocale().toString(out.bondPx, 'f', 2))
                            .arg(QLocale().toString(out.confidence, 'f', 2))
                            .arg(spec.side));
    else
        m_info->setText(tr("No clear lattice (confidence %1; a bond length of %2 px would be a "
                           "guess): default patches of %3 px.")
                            .arg(QLocale().toString(out.confidence, 'f', 2))
                            .arg(QLocale().toString(out.bondPx, 'f', 1))
                            .arg(spec.side));
}

void GridPanel::applySpec() {
    m_session->setGridSpec(
        GridSpec{m_side->value(), m_stride->value(), m_originX->value(), m_originY->value()});
    syncFromSession(); // shows the spec actually in force (unchanged if it did not fit)
}

void GridPanel::autoFromLattice() {
    const auto pixels = m_session->pixels(m_session->currentIndex());
    if (!pixels || m_lattice.running())
        return;
    m_latticeImage = m_session->currentIndex();
    m_auto->setEnabled(false);
    m_info->setText(tr("Estimating the lattice…"));
    m_session->beginJob();
    // The job shares the immutable pixels; it never touches the session.
    m_lattice.start([pixels]() {
        LatticeOutcome out;
        auto r = estimateLattice(pixels->micrograph.pixels);
        if (!r) {
            out.error = QString::fromStdString(r.error().message);
        } else {
            out.ok = true;
            out.sizesGrid = latticeSizesGrid(*r);
            out.bondPx = r->bondPx;
            out.confidence = r->confidence;
        }
        return out;
    }, [this](LatticeOutcome out) { showLattice(out); });
}

void GridPanel::syncFromSession() {
    const ProjectImage* img = m_session->currentImage();
    const bool known = img && img->width > 0;
    setEnabled(known);
    if (!img)
        return;
    for (QSpinBox* box : {m_side, m_stride, m_originX, m_originY})
        box->blockSignals(true);
    m_side->setValue(img->grid.side);
    m_stride->setValue(img->grid.stride);
    m_originX->setValue(img->grid.originX);
    m_originY->setValue(img->grid.originY);
    for (QSpinBox* box : {m_side, m_stride, m_originX, m_originY})
        box->blockSignals(false);
    const PatchGrid g = m_session->grid(m_session->currentIndex());
    if (known)
        m_info->setText(tr("%1 x %2 = %3 patches").arg(g.columns()).arg(g.rows()).arg(g.size()));
}

} // namespace ds::ui
