#pragma once
// StatusInfo: the permanent status-bar widgets - pixel readout (x, y, value, position in nm), label
// counts of the current image, its pixel size (nm/px, with where it came from), zoom, and a busy
// indicator while images load or jobs run. GUI thread.
#include "ui/session/session.h"

#include <QObject>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace ds::ui {

class MicrographView;

class StatusInfo : public QObject {
    Q_OBJECT
public:
    StatusInfo(Session* session, MicrographView* view, QStatusBar* bar);

    QString countsText() const;
    QString cursorText() const;
    QString pixelSizeText() const;

private:
    void updateCounts();
    void updatePixelSize();

    Session* m_session;
    QLabel* m_cursor;
    QLabel* m_counts;
    QLabel* m_zoom;
    QLabel* m_pixelSize;
    QProgressBar* m_busy;
};

} // namespace ds::ui
