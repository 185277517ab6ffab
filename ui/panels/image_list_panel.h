#pragma once
// ImageListPanel: the project's images with their label counts; selecting one makes it the
// Session's current image; Delete removes it from the project (not from disk); Properties (or a
// double-click) asks for the image's properties (pixel size). GUI thread.
#include "ui/session/session.h"

#include <QWidget>

class QListWidget;

namespace ds::ui {

class ImageListPanel : public QWidget {
    Q_OBJECT
public:
    explicit ImageListPanel(Session* session, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }

signals:
    void addRequested();
    void propertiesRequested(int index);

private:
    void rebuild();
    void refreshRow(int index);

    Session* m_session;
    QListWidget* m_list;
    bool m_updating = false;
};

} // namespace ds::ui
