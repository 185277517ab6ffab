#pragma once
// LineCalibration: Edit > Pixel size from a line. The user draws a line over a feature of known
// length (a scale bar burnt into the image, a lattice spacing measured elsewhere) and types that
// length in nm; the current image's pixel size follows as an undo step, remembered in the project
// like one set in Image properties. The pixel's shape (x : y) is kept when the image already has
// one, so a non-square calibration stays non-square. While the action is checked, a left-button
// drag on the micrograph draws the line (other tools are suspended). GUI thread.
#include "core/io/pixel_size.h"

#include <QLineF>
#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QGraphicsLineItem;
class QInputDialog;
class QWidget;

namespace ds::ui {

class MicrographView;
class Session;

class LineCalibration : public QObject {
    Q_OBJECT
public:
    LineCalibration(Session* session, MicrographView* view, QWidget* window);
    ~LineCalibration() override;

    QAction* action() const { return m_action; }
    // The question for the length, while it is open (tests).
    QInputDialog* dialog() const;

    // The pixel size that makes `imageLine` (image pixels) `nm` long, for pixels of shape `aspect`
    // (y size over x size); empty for a line of no length or a length that is not positive.
    static std::optional<PixelSize> pixelSizeFor(const QLineF& imageLine, double nm, double aspect);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setActive(bool active);
    void ask(const QLineF& imageLine);
    void apply(const QLineF& imageLine, double nm);

    Session* m_session;
    MicrographView* m_view;
    QWidget* m_window;
    QAction* m_action;
    QGraphicsLineItem* m_line = nullptr; // in the view's scene while drawing and asking
    QPointer<QInputDialog> m_dialog;
    bool m_drawing = false;
};

} // namespace ds::ui
