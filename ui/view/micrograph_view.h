#pragma once
// MicrographView: the micrograph with its patch overlay, and everything the mouse does on it - zoom
// (wheel around the cursor, animated steps from keys, fit, 1:1), pan (Pan tool, or right/middle
// drag in any tool), label painting (a press-drag-release is one brush stroke = one undo step),
// rubber-band selection, pixel readout and the scale bar. It shows the Session's current image and
// redraws only what Session::changed flags name. GUI thread.
#include "core/labels/label.h"
#include "ui/view/display_mapping.h"
#include "ui/view/scale_bar.h"
#include "ui/session/session.h"

#include <QGraphicsView>
#include <QPointer>

#include <optional>
#include <vector>

class QRubberBand;
class QVariantAnimation;

namespace ds::ui {

class ImageTileItem;
class PatchOverlayItem;

enum class Tool { Pan, Select, Defect, Perfect, Clear };

class MicrographView : public QGraphicsView {
    Q_OBJECT
public:
    explicit MicrographView(Session* session, QWidget* parent = nullptr);
    ~MicrographView() override;

    ImageTileItem* imageItem() const { return m_image; }
    PatchOverlayItem* overlay() const { return m_overlay; }

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    void setMapping(const DisplayMapping& mapping);

    double zoom() const; // screen pixels per image pixel
    void zoomBy(double factor, bool animated = true);
    void zoomToFit();
    void zoomToActualSize();

    // Where the view looks: zoom and the image point at its centre, or "fitted" (follows resizes).
    // A window rebuilt for another language takes over the old one's.
    struct Place {
        double zoom = 1.0;
        QPointF centre;
        bool fitted = true;
    };
    Place place() const;
    void setPlace(const Place& place);

    // "Label next": outlines `patch` (until the grid or image changes, or another is focused),
    // zooms so it is about a quarter of the view when it is much smaller or larger, and centres it
    // - as far as the image allows, so that near an edge the view shows micrograph, not margin.
    void focusPatch(int patch);
    int focusedPatch() const { return m_focused; }

    const std::vector<int>& selection() const;
    void setSelection(const std::vector<int>& patches);
    void selectAll();
    void clearSelection();

    // The current image's pixel size as the scale bar uses it (stated by the user, else the file's).
    std::optional<double> nmPerPixel() const;
    // Height over width of one pixel as drawn: the y pixel size over the x one, so that an image
    // with non-square pixels shows its physical shape (1 when either is unknown, or when the shape
    // is beyond 20:1 and the image would be a line: then the y scale bar shows the difference).
    double pixelAspect() const;
    // The scale bars as drawn: x (horizontal); y (upright) only when the pixel is not square.
    // Each is its axis's length on screen.
    ScaleBarSpec xScaleBar() const;
    std::optional<ScaleBarSpec> yScaleBar() const;

    // Scene (image pixel) position <-> viewport position, for tests and tools.
    QPoint viewportPointForImage(const QPointF& imagePoint) const {
        return mapFromScene(imagePoint);
    }

signals:
    void toolChanged(ds::ui::Tool tool);
    void zoomChanged(double zoom);
    void selectionChanged(int count);
    // The pixel under the cursor (image coordinates) and its raw value; inside = false when
    // off-image.
    void cursorMoved(int x, int y, double value, bool inside);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void onSessionChanged(Session::Changes what, int index);
    void showCurrentImage();
    void setZoom(double zoom);
    std::optional<Label> paintLabel() const;
    void paintAlong(const QPointF& from, const QPointF& to);
    void reportCursor(const QPointF& scenePos);
    QRect scaleBarRect() const; // viewport pixels the scale bars cover
    void applyAspect();         // the transform after the pixel size changed

    Session* m_session;
    ImageTileItem* m_image;
    PatchOverlayItem* m_overlay;
    Tool m_tool = Tool::Pan;
    QVariantAnimation* m_zoomAnim;
    QRubberBand* m_band = nullptr;
    QPoint m_bandOrigin;
    QPoint m_panLast;
    QPointF m_strokeLast;
    bool m_panning = false, m_stroking = false, m_banding = false;
    bool m_fitted = true; // keep the image fitted on resize until the user zooms
    int m_focused = -1;   // patch outlined by focusPatch(), -1 = none
};

} // namespace ds::ui
