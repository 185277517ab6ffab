#include "ui/actions/line_calibration.h"

#include "ui/session/pixel_size_command.h"
#include "ui/session/session.h"
#include "ui/view/micrograph_view.h"

#include <QAction>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QInputDialog>
#include <QMouseEvent>
#include <QPen>
#include <QUndoStack>

#include <cmath>

namespace ds::ui {

namespace {
// Shorter lines (in screen pixels) are a click, not a measurement.
constexpr double kMinScreenLength = 4;
} // namespace

LineCalibration::LineCalibration(Session* session, MicrographView* view, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_view(view)
    , m_window(window)
    , m_action(new QAction(tr("Pixel size from a &line…"), this)) {
    m_action->setObjectName(QStringLiteral("LineCalibrationAction"));
    m_action->setCheckable(true);
    m_action->setStatusTip(tr("Draw a line over a feature of known length, then type its length: "
                              "the pixel size of the current image follows"));
    connect(m_action, &QAction::toggled, this, &LineCalibration::setActive);
    connect(session, &Session::currentImageChanged, this, [this] { m_action->setChecked(false); });
    // The scene deletes its items, the line among them, when it goes before us.
    connect(view->scene(), &QObject::destroyed, this, [this] { m_line = nullptr; });
}

LineCalibration::~LineCalibration() {
    delete m_line; // still here: the scene outlives us
}

QInputDialog* LineCalibration::dialog() const {
    return m_dialog;
}

std::optional<PixelSize> LineCalibration::pixelSizeFor(const QLineF& imageLine, double nm, double aspect) {
    // In units of the x pixel size: a row step of the line is `aspect` x-pixels long.
    const double length = std::hypot(imageLine.dx(), imageLine.dy() * aspect);
    if (!(length > 0) || !(nm > 0) || !(aspect > 0))
        return std::nullopt;
    const double x = nm / length;
    return PixelSize{x, x * aspect};
}

void LineCalibration::setActive(bool active) {
    if (active) {
        m_view->viewport()->installEventFilter(this);
        m_view->viewport()->setCursor(Qt::CrossCursor);
    } else {
        m_view->viewport()->removeEventFilter(this);
        m_view->setTool(m_view->tool()); // its cursor back
        m_drawing = false;
        if (!m_dialog) {
            delete m_line;
            m_line = nullptr;
        }
    }
}

bool LineCalibration::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_view->viewport())
        return false;
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove && type != QEvent::MouseButtonRelease)
        return false;
    auto* mouse = static_cast<QMouseEvent*>(event);
    const QPointF at = m_view->mapToScene(mouse->position().toPoint());
    if (type == QEvent::MouseButtonPress) {
        if (mouse->button() != Qt::LeftButton || !m_session->pixels(m_session->currentIndex()))
            return false; // right/middle drag still pans
        delete m_line;
        m_line = new QGraphicsLineItem(QLineF(at, at));
        QPen pen(QColor(255, 220, 0), 2);
        pen.setCosmetic(true);
        m_line->setPen(pen);
        m_line->setZValue(1000);
        m_view->scene()->addItem(m_line);
        m_drawing = true;
        return true;
    }
    if (!m_drawing)
        return false;
    m_line->setLine(QLineF(m_line->line().p1(), at));
    if (type == QEvent::MouseButtonRelease) {
        m_drawing = false;
        const QLineF line = m_line->line();
        const QLineF onScreen(m_view->mapFromScene(line.p1()), m_view->mapFromScene(line.p2()));
        if (onScreen.length() < kMinScreenLength) {
            delete m_line;
            m_line = nullptr;
        } else {
            ask(line);
        }
    }
    return true;
}

void LineCalibration::ask(const QLineF& imageLine) {
    auto* dialog = new QInputDialog(m_window);
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Pixel size from a line"));
    dialog->setLabelText(tr("The line is %1 px long. Its length in nm:").arg(imageLine.length(), 0, 'f', 1));
    dialog->setInputMode(QInputDialog::DoubleInput);
    dialog->setDoubleDecimals(4);
    dialog->setDoubleRange(0.0001, 1e6);
    const auto nm = m_view->nmPerPixel();
    const double aspect = m_view->pixelAspect();
    // The length the current calibration gives, as a starting point.
    dialog->setDoubleValue(nm ? std::hypot(imageLine.dx(), imageLine.dy() * aspect) * *nm : 1.0);
    connect(dialog, &QInputDialog::doubleValueSelected, this,
            [this, imageLine](double value) { apply(imageLine, value); });
    connect(dialog, &QObject::destroyed, this, [this] {
        delete m_line;
        m_line = nullptr;
        m_action->setChecked(false);
    });
    dialog->open(); // window-modal: the image cannot change under the question
}

void LineCalibration::apply(const QLineF& imageLine, double nm) {
    const int index = m_session->currentIndex();
    const ProjectImage* img = m_session->image(index);
    const auto size = pixelSizeFor(imageLine, nm, m_view->pixelAspect());
    if (!img || !size)
        return;
    m_session->undoStack()->push(new PixelSizeCommand(m_session, img->id, img->pixelSize, *size));
}

} // namespace ds::ui
