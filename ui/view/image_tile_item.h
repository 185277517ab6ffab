#pragma once
// ImageTileItem: the micrograph in the scene, drawn as 256-pixel tiles mapped through the
// DisplayMapping into opaque RGB32 images and cached. GUI thread.
//  - Zoomed out (fewer than one screen pixel per image pixel): "screen tiles" - 256 x 256 DEVICE
//    pixel tiles resampled once (bilinear, straight from the float data of the pyramid level
//    nearest in scale: 0.7-1.4 level pixels per device pixel) for the current zoom, so every
//    repaint at that zoom is a plain 1:1 copy. A 4096 x 4096 image fitted to a full-HD window is
//    ~20 such copies instead of a smooth-scaled draw of 16 million pixels. While the zoom keeps
//    changing (an animated step, a turning wheel: scale changes less than kSettleMs apart) the
//    pyramid level tiles are drawn scaled without smoothing instead, and the screen tiles are made
//    once the zoom has settled.
//  - At 1:1 and zoomed in: full-resolution "level tiles", copied (1:1) or scaled up without
//    smoothing (crisp pixels to inspect).
// Why RGB32 and no smoothing at paint time: Qt's raster engine blits RGB32 with SIMD on the calling
// thread, but converts Indexed8 and smooth-scales through its thread pool, spans handed to pool
// threads while the GUI thread waits - on a busy machine a repaint then costs twice its CPU time.
// Item coordinates are image pixels.
#include "ui/view/display_mapping.h"
#include "ui/session/loaded_image.h"

#include <QCache>
#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QImage>

#include <array>
#include <memory>
#include <vector>

namespace ds::ui {

class ImageTileItem : public QGraphicsItem {
public:
    static constexpr int kTile = 256;
    static constexpr qint64 kSettleMs = 150;

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
    bool previewing() const { return m_previewing; }   // last paint was a zooming preview

private:
    const QImage* levelTile(int level, int tx, int ty);
    const QImage* screenTile(int tx, int ty);
    void paintLevelTiles(QPainter* painter, const QRectF& exposed, double scale, bool smooth);
    // Notes the painted scale; true while zoom changes come less than kSettleMs apart.
    bool zooming(double deviceScale);
    void refineWhenSettled(); // a repaint once the zoom has settled

    void paintScreenTiles(QPainter* painter, const QRectF& exposed, double deviceScale, double dpr);
    cv::Mat toIndices(const cv::Mat& values) const; // float -> 8-bit LUT indices
    QImage colourise(const cv::Mat& indices) const; // 8-bit LUT indices -> RGB32
    // Device pixels [u0, u0 + tw) x [v0, v0 + th) of `level` shown at fx (fy) device pixels per
    // level pixel, bilinear, mapped to RGB32.
    QImage resample(const cv::Mat& level, double fx, double fy, int u0, int v0, int tw, int th);
    void recycleScreenTiles(); // empties the screen cache, keeping tile buffers for reuse
    void clearCaches();

    std::shared_ptr<const LoadedImage> m_image;
    DisplayMapping m_mapping;
    std::array<QRgb, 256> m_lut{};
    QCache<quint64, QImage> m_levelCache;        // key: level, tile row, tile column
    QCache<quint64, QImage> m_screenCache;       // key: tile row, column at m_screenScale
    static constexpr std::size_t kMaxSpare = 64; // 16 MiB: a full-HD viewport of tiles
    std::vector<QImage> m_spare;                 // kTile x kTile buffers of dropped screen tiles
    double m_screenScale = 0;                    // device pixels per image pixel of m_screenCache
    int m_converted = 0;
    QElapsedTimer m_zoomClock; // since the last zoom change
    double m_paintedScale = 0;
    bool m_zoomRun = false, m_previewing = false, m_refineScheduled = false;
};

} // namespace ds::ui
