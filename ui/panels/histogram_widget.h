#pragma once
// HistogramWidget: the histogram of an image's full-bit-depth values (log counts, so faint tails
// stay visible) with the display limits drawn as two handles the user drags. Emits the new limits
// while dragging. GUI thread.
#include "ui/session/loaded_image.h"

#include <QWidget>

namespace ds::ui {

class HistogramWidget : public QWidget {
    Q_OBJECT
public:
    explicit HistogramWidget(QWidget* parent = nullptr);

    void setStats(const ImageStats& stats); // copied: the widget outlives any one image
    void clear() { setStats(ImageStats{}); } // no image: nothing of the previous one stays drawn
    bool hasData() const { return !m_stats.histogram.empty(); }
    void setLimits(double low, double high);
    double low() const { return m_low; }
    double high() const { return m_high; }
    QSize sizeHint() const override { return {260, 110}; }

    // Value <-> x position inside the widget (public for tests that drag the handles).
    double valueAt(double x) const;
    double xFor(double value) const;

signals:
    void limitsEdited(double low, double high);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    ImageStats m_stats;
    double m_low = 0, m_high = 1;
    enum class Handle { None, Low, High } m_drag = Handle::None;
};

} // namespace ds::ui
