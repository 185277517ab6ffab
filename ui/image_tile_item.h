#pragma once
// ImageTileItem: the micrograph in the scene, drawn as 256-pixel tiles from the LoadedImage pyramid
// level that matches the zoom (level of detail), each tile mapped through the DisplayMapping only
// when it first becomes visible and then cached. A 4096 x 4096 image zoomed out is drawn from its
// 1024 x 1024 level: 16 small tiles, not 16 million pixels. Item coordinates are image pixels.
// GUI thread.
#include "ui/display_mapping.h"
#include "ui/loaded_image.h"

#include <QCache>
#include <QGraphicsItem>
#include <QImage>

#include <memory>

namespace ds::ui {

class ImageTileItem : public QGraphicsItem {
public:
    static constexpr int kTile = 256;

    ImageTileItem();

    void setImage(std::shared_ptr<const LoadedImage> image);
    const std::shared_ptr<const LoadedImage>& image() const { return m_image; }
    void setMapping(const DisplayMapping& mapping);
    const DisplayMapping& mapping() const { return m_mapping; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // The pyramid level drawn at a scale of `screenPixelsPerImagePixel` (0 = full resolution).
    int levelFor(double screenPixelsPerImagePixel) const;
    int tilesConverted() const { return m_converted; } // how many tiles went through the mapping

private:
    const QImage* tile(int level, int tx, int ty);

    std::shared_ptr<const LoadedImage> m_image;
    DisplayMapping m_mapping;
    QVector<QRgb> m_table;
    QCache<quint64, QImage> m_cache;
    int m_converted = 0;
};

} // namespace ds::ui
