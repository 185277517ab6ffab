#pragma once
// ImageListPanel: the project's images with their label counts; selecting one makes it the
// Session's current image; Delete removes it from the project (not from disk); Properties (or a
// double-click) asks for the image's properties (pixel size). For a stack (DM4, TIFF, MRC, SER, EMD
// with several frames) a frame selector below the list chooses which frame the image stands for.
// GUI thread.
#include "ui/session/session.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QSpinBox;

namespace ds::ui {

class ImageListPanel : public QWidget {
    Q_OBJECT
public:
    explicit ImageListPanel(Session* session, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }
    QSpinBox* frameSelector() const { return m_frame; }

signals:
    void addRequested();
    void propertiesRequested(int index);

private:
    void rebuild();
    void refreshRow(int index);
    void refreshFrame(); // the selector follows the current image


    Session* m_session;
    QListWidget* m_list;
    QWidget* m_frameRow;
    QSpinBox* m_frame;
    QLabel* m_frames;
    bool m_updating = false;
};

} // namespace ds::ui
