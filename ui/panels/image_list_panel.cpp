#include "ui/panels/image_list_panel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace ds::ui {

ImageListPanel::ImageListPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_frameRow(new QWidget(this))
    , m_frame(new QSpinBox(m_frameRow))
    , m_frames(new QLabel(m_frameRow)) {
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
    m_frame->setObjectName(QStringLiteral("FrameSelector"));
    m_frame->setToolTip(tr("The frame of the stack this image stands for; runs of another frame are "
                           "set aside (Undo brings them back), labels are kept"));
    m_frame->setKeyboardTracking(false); // typing "12" must not load frame 1 first
    auto* frameLayout = new QHBoxLayout(m_frameRow);
    frameLayout->setContentsMargins(0, 0, 0, 0);
    auto* frameLabel = new QLabel(tr("Frame"), m_frameRow);
    frameLabel->setBuddy(m_frame);
    frameLayout->addWidget(frameLabel);
    frameLayout->addWidget(m_frame);
    frameLayout->addWidget(m_frames, 1);
    m_frameRow->hide(); // single images have no frames to choose
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_frameRow);
    layout->addLayout(buttons);
    connect(m_frame, &QSpinBox::valueChanged, this, [this](int frame) {
        m_session->setFrame(m_session->currentIndex(), frame);
    });

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
        if (what & (Session::ImageList | Session::Image))
            refreshFrame();
    });
    connect(session, &Session::currentImageChanged, this, [this](int index) {
        m_updating = true;
        m_list->setCurrentRow(index);
        m_updating = false;
        refreshFrame();
    });
    rebuild();
    refreshFrame();
}

void ImageListPanel::refreshFrame() {
    const int index = m_session->currentIndex();
    const ProjectImage* img = m_session->image(index);
    const int frames = m_session->frameCount(index);
    if (!img || frames == 0)
        return; // not loaded yet: keep what is shown until the pixels are there
    if (m_frameRow->isVisibleTo(this) != (frames > 1)) {
        m_frameRow->setVisible(frames > 1);
        // The dock keeps this panel whole (MainWindow::addPanel sets its scroll area's minimum
        // height): with the row the panel needs more, or the buttons would be cut off.
        auto* scroll = qobject_cast<QScrollArea*>(parentWidget() ? parentWidget()->parentWidget() : nullptr);
        if (scroll && scroll->minimumHeight() > 0)
            scroll->setMinimumHeight(minimumSizeHint().height());
    }
    const QSignalBlocker block(m_frame);
    m_frame->setRange(0, frames - 1);
    m_frame->setValue(img->frame);
    m_frames->setText(tr("of %1 (from 0)").arg(frames));
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
    QString name = QString::fromStdString(img->displayName());
    if (img->frame != 0)
        name = tr("%1, frame %2").arg(name).arg(img->frame);
    item->setText(tr("%1\n%2 defect · %3 perfect").arg(name).arg(c.defect).arg(c.perfect));
    item->setToolTip(img->synthSeed ? tr("Synthetic graphene (seed %1)").arg(*img->synthSeed)
                                    : QString::fromStdString(img->path));
    const bool failed = !m_session->imageError(index).isEmpty();
    item->setIcon(failed ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
}

} // namespace ds::ui
