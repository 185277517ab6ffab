#include "ui/panels/image_list_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace ds::ui {

ImageListPanel::ImageListPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this)) {
    auto* add = new QPushButton(tr("Add…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setToolTip(tr("Remove the selected image from the project (the file stays on disk)"));
    auto* properties = new QPushButton(tr("Properties…"), this);
    properties->setToolTip(tr("Size, frames and calibration of the selected image; set its pixel size"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(properties);
    // A few rows are enough to pick an image: the list must not claim the height the heat map and
    // the detector need on a 720-pixel screen (its size hint is ignored; it grows when there is room).
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_list->setMinimumHeight(3 * fontMetrics().lineSpacing() + 8);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &ImageListPanel::addRequested);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() >= 0)
            m_session->removeImage(m_list->currentRow());
    });
    connect(properties, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() >= 0)
            emit propertiesRequested(m_list->currentRow());
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { emit propertiesRequested(m_list->row(item)); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_updating && row >= 0)
            m_session->setCurrentImage(row);
    });
    connect(session, &Session::changed, this, [this](Session::Changes what, int index) {
        if (what & Session::ImageList)
            rebuild();
        else if (what & (Session::Labels | Session::Image | Session::Grid))
            refreshRow(index);
    });
    connect(session, &Session::currentImageChanged, this, [this](int index) {
        m_updating = true;
        m_list->setCurrentRow(index);
        m_updating = false;
    });
    rebuild();
}

void ImageListPanel::rebuild() {
    m_updating = true;
    m_list->clear();
    for (int i = 0; i < m_session->imageCount(); ++i) {
        m_list->addItem(QString());
        refreshRow(i);
    }
    m_list->setCurrentRow(m_session->currentIndex());
    m_updating = false;
}

void ImageListPanel::refreshRow(int index) {
    QListWidgetItem* item = m_list->item(index);
    const ProjectImage* img = m_session->image(index);
    if (!item || !img)
        return;
    const LabelCounts c = countLabels(img->labels);
    const QString name = QString::fromStdString(img->displayName());
    item->setText(tr("%1\n%2 defect · %3 perfect").arg(name).arg(c.defect).arg(c.perfect));
    item->setToolTip(img->synthSeed ? tr("Synthetic graphene (seed %1)").arg(*img->synthSeed)
                                    : QString::fromStdString(img->path));
    const bool failed = !m_session->imageError(index).isEmpty();
    item->setIcon(failed ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
}

} // namespace ds::ui
