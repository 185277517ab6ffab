#include "core/report/annotated_image.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/report/figure_colours.h"
#include "core/report/png_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <opencv2/imgproc.hpp>

namespace ds {

namespace {

cv::Scalar bgr(const Rgb& c) { return cv::Scalar(c.b, c.g, c.r); }

const cv::Scalar kText(235, 235, 235), kBand(32, 32, 32), kWhite(255, 255, 255);
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
// The heat map's colours: the GUI's default (magma), so a figure reads like the screen.
constexpr int kColourMap = cv::COLORMAP_MAGMA;

// Font scale at which capital letters are `capPx` pixels tall.
double fontScaleFor(double capPx) {
    int base = 0;
    const int h = cv::getTextSize("H", kFont, 1.0, 1, &base).height;
    return capPx / std::max(1, h);
}

// Text height readable on the figure: about 1/50 of the image width, never below 11 pixels.
double textCapPx(int imageWidth) { return std::max(11.0, imageWidth / 50.0); }

// Mean score of the patches covering each pixel, one image row at a time. The grid is regular, so
// the patches covering a pixel form a rectangle of grid cells, [c0(x), c1(x)) x [r0(y), r1(y)): a
// prefix-sum table over the grid gives each pixel's sum in four look-ups - O(patches + pixels) time
// with no full-size scratch. Along a row the cells covering x change only at patch edges, so a row
// is a few runs of equal value (for 64-px patches at stride 32, runs of 32 pixels), and each run's
// value is computed once. Pixels no patch covers get NaN. Any thread; values() is const.
class ScoreRuns {
public:
    struct Run {
        int begin, end; // pixels [begin, end) of a row
        int c0, c1;     // grid columns [c0, c1) cover them
    };

    ScoreRuns(const ScoreReport& r, double lo, double hi)
        : m_gw(r.grid.columns() + 1), m_rows(coverage(r, r.imageHeight, r.grid.spec().originY, r.grid.rows())),
          m_prefix(static_cast<std::size_t>(m_gw) * (r.grid.rows() + 1), 0.0) {
        const auto cols = coverage(r, r.imageWidth, r.grid.spec().originX, r.grid.columns());
        for (int x = 0; x < r.imageWidth; ++x)
            if (m_runs.empty() || std::pair(m_runs.back().c0, m_runs.back().c1) != cols[static_cast<std::size_t>(x)])
                m_runs.push_back({x, x + 1, cols[static_cast<std::size_t>(x)].first, cols[static_cast<std::size_t>(x)].second});
            else
                ++m_runs.back().end;
        for (int gr = 0; gr < r.grid.rows(); ++gr)
            for (int gc = 0; gc < r.grid.columns(); ++gc) {
                const double s = std::clamp((r.scores[static_cast<std::size_t>(r.grid.index(gc, gr))] - lo) / (hi - lo), 0.0, 1.0);
                at(gr + 1, gc + 1) = s + at(gr, gc + 1) + at(gr + 1, gc) - at(gr, gc);
            }
    }

    const std::vector<Run>& runs() const { return m_runs; }

    // The mean score (scaled to [0, 1]) of each run of image row y into out[0, runs().size()).
    void values(int y, float* out) const {
        const auto [r0, r1] = m_rows[static_cast<std::size_t>(y)];
        const double* top = m_prefix.data() + static_cast<std::size_t>(r0) * m_gw;
        const double* bottom = m_prefix.data() + static_cast<std::size_t>(r1) * m_gw;
        for (const Run& run : m_runs) {
            const int count = (r1 - r0) * (run.c1 - run.c0);
            *out++ = count > 0 ? static_cast<float>((bottom[run.c1] - bottom[run.c0] - top[run.c1] + top[run.c0]) / count) : NAN;
        }
    }

private:
    // For every pixel position along one axis: the half-open range of grid cells covering it.
    static std::vector<std::pair<int, int>> coverage(const ScoreReport& r, int pixels, int origin, int cells) {
        const GridSpec& spec = r.grid.spec();
        std::vector<std::pair<int, int>> out(static_cast<std::size_t>(pixels));
        for (int p = 0; p < pixels; ++p) {
            const int rel = p - origin; // cell k covers [k * stride, k * stride + side)
            const int first = rel < spec.side ? 0 : (rel - spec.side) / spec.stride + 1;
            const int end = rel < 0 ? 0 : std::min(cells, rel / spec.stride + 1);
            out[static_cast<std::size_t>(p)] = {first, std::max(first, end)};
        }
        return out;
    }
    double& at(int y, int x) { return m_prefix[static_cast<std::size_t>(y) * m_gw + x]; }

    int m_gw;
    std::vector<std::pair<int, int>> m_rows;
    std::vector<Run> m_runs;
    std::vector<double> m_prefix;
};

// The heat map over the grey view, in place. The blended colour of a pixel depends only on its 8-bit
// heat level and its grey level, so it is looked up in a 256 x 256 table computed with the blend's
// own arithmetic (the heat colour shaded by the micrograph's brightness, so the lattice still shows
// through where the heat map is strong - a plain blend washes it out). A run of equal heat reads one
// 256-entry row of the table. Row strips on OpenCV's pool; no full-size score, heat or colour image.
void blendHeat(cv::Mat& view, const cv::Mat& grey, const ScoreRuns& scores, double alpha) {
    cv::Mat ramp(1, 256, CV_8U), magma;
    for (int i = 0; i < 256; ++i)
        ramp.at<uchar>(0, i) = static_cast<uchar>(i);
    cv::applyColorMap(ramp, magma, kColourMap);
    std::vector<cv::Vec3b> table(256 * 256); // [heat * 256 + grey]
    for (int m = 0; m < 256; ++m) {
        const cv::Vec3b& h = magma.at<cv::Vec3b>(0, m);
        for (int g = 0; g < 256; ++g) {
            const double shade = 0.35 + 0.65 * g / 255.0;
            for (int c = 0; c < 3; ++c)
                table[static_cast<std::size_t>(m) * 256 + g][c] = cv::saturate_cast<uchar>((1 - alpha) * g + alpha * shade * h[c]);
        }
    }
    const auto& runs = scores.runs();
    cv::parallel_for_(cv::Range(0, view.rows), [&](const cv::Range& range) {
        cv::Mat level(1, static_cast<int>(runs.size()), CV_32F), level8;
        for (int y = range.start; y < range.end; ++y) {
            scores.values(y, level.ptr<float>());
            level.convertTo(level8, CV_8U, 255.0); // the 8-bit heat level, as the colour map takes it
            const uchar* g = grey.ptr<uchar>(y);
            cv::Vec3b* p = view.ptr<cv::Vec3b>(y);
            for (std::size_t k = 0; k < runs.size(); ++k) {
                if (!std::isfinite(level.at<float>(0, static_cast<int>(k))))
                    continue;
                const cv::Vec3b* colours = table.data() + static_cast<std::size_t>(level8.at<uchar>(0, static_cast<int>(k))) * 256;
                for (int x = runs[k].begin; x < runs[k].end; ++x)
                    p[x] = colours[g[x]];
            }
        }
    });
}

// The outline of the union of the patches above the threshold. Traced only inside the bounding box
// of those patches (with a 1-pixel margin of background, as the full image would have around them),
// so an image with few or no such patches costs nothing.
void drawOutlines(cv::Mat& view, const ScoreReport& r, int thickness) {
    const cv::Rect image(0, 0, r.imageWidth, r.imageHeight);
    cv::Rect box;
    for (int i = 0; i < r.grid.size(); ++i)
        if (r.predicted(i))
            box |= r.grid.rect(i) & image;
    if (box.empty())
        return;
    box = cv::Rect(box.x - 1, box.y - 1, box.width + 2, box.height + 2) & image;
    cv::Mat above(box.size(), CV_8U, cv::Scalar(0));
    for (int i = 0; i < r.grid.size(); ++i)
        if (r.predicted(i))
            above((r.grid.rect(i) & image) - box.tl()).setTo(255);
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(above, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE, box.tl());
    cv::drawContours(view, contours, -1, bgr(kThresholdColour), thickness, cv::LINE_8);
}

// Draws `text` at `origin`; when it is wider than `maxWidth` it shrinks to at most 80 % and is then
// shortened in the middle ("...") - a long path must not become unreadably small.
void putTextFit(cv::Mat& img, std::string text, cv::Point origin, double scale, int thickness, int maxWidth) {
    int base = 0;
    const auto width = [&](const std::string& t, double sc) {
        return cv::getTextSize(t, kFont, sc, thickness, &base).width;
    };
    if (width(text, scale) > maxWidth)
        scale = std::max(scale * 0.8, scale * maxWidth / std::max(1, width(text, scale)));
    while (text.size() > 4 && width(text, scale) > maxWidth) {
        const std::size_t mid = text.size() / 2;
        text = text.substr(0, mid - 2) + "..." + text.substr(mid + 2);
    }
    cv::putText(img, text, origin, kFont, scale, kText, thickness, cv::LINE_AA);
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

// The scale bar in the bottom-left corner: its label above the bar with the label's descenders
// (the "p" of "px") clear of it, both on a darkened box so they read on any image.
void drawScaleBar(cv::Mat& view, const ScoreReport& r) {
    const auto nmPerPx = r.x.nmPerPixel();
    const double field = nmPerPx ? r.imageWidth * *nmPerPx : r.imageWidth;
    const double length = niceScaleBarLength(field);
    const int px = std::max(1, static_cast<int>(std::lround(nmPerPx ? length / *nmPerPx : length)));
    const std::string text = fmt(length < 1 ? "%.2g" : "%.0f", length) + (nmPerPx ? " nm" : " px");
    const double cap = textCapPx(view.cols);
    const double scale = fontScaleFor(cap);
    const int thick = std::max(1, static_cast<int>(std::lround(cap / 9)));
    const int unit = std::max(2, static_cast<int>(std::lround(cap / 3)));
    int base = 0;
    const cv::Size ts = cv::getTextSize(text, kFont, scale, thick, &base);
    const int barH = std::max(3, unit), pad = 2 * unit;
    const int textTop = unit, baseline = textTop + ts.height, textBottom = baseline + base + thick;
    const int barTop = textBottom + unit;
    const cv::Size boxSize(std::max(px, ts.width) + 2 * unit, barTop + barH + unit);
    const cv::Rect box(pad, view.rows - pad - boxSize.height, boxSize.width, boxSize.height);
    cv::Mat roi = view(box & cv::Rect(0, 0, view.cols, view.rows));
    roi = roi * 0.35;
    cv::putText(view, text, cv::Point(box.x + unit, box.y + baseline), kFont, scale, kText, thick, cv::LINE_AA);
    cv::rectangle(view, cv::Rect(box.x + unit, box.y + barTop, px, barH), kWhite, cv::FILLED);
}

// A filled square in `colour` followed by `text`; returns the x after it.
int legendEntry(cv::Mat& band, int x, int baseline, double scale, int thick, const cv::Scalar& colour,
                bool outline, const std::string& text) {
    int base = 0;
    const cv::Size ts = cv::getTextSize(text, kFont, scale, thick, &base);
    const int side = ts.height;
    const cv::Rect sq(x, baseline - side, side, side);
    if (outline)
        cv::rectangle(band, sq, colour, std::max(2, side / 5));
    else
        cv::rectangle(band, sq, colour, cv::FILLED);
    cv::putText(band, text, cv::Point(x + side + side / 2, baseline), kFont, scale, kText, thick, cv::LINE_AA);
    return x + side + side / 2 + ts.width + side;
}

// Header: title and threshold line on the left; on the right the heat map's colour ramp (lowest to
// highest score, threshold tick) and what the marks on the image mean.
void drawHeader(cv::Mat& band, const ScoreReport& r, double lo, double hi, bool labels) {
    band.setTo(kBand);
    const int h = band.rows, w = band.cols;
    const double cap = textCapPx(w);
    const double big = fontScaleFor(cap * 1.15), small = fontScaleFor(cap * 0.85);
    const int thick = std::max(1, static_cast<int>(std::lround(cap / 8)));
    const int margin = static_cast<int>(cap);
    const int legendW = std::max(w * 2 / 5, 120), legendX = w - legendW - margin;

    std::string name = r.image;
    if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos)
        name = name.substr(slash + 1); // the folder is in summary.json; the figure needs the name
    std::string tail = " | " + r.detector + (r.features.empty() ? "" : " (" + r.features + ")");
    if (r.auroc)
        tail += " | AUROC " + fmt("%.3f", *r.auroc) +
                 (r.aurocCi ? " [" + fmt("%.3f", r.aurocCi->low) + ", " + fmt("%.3f", r.aurocCi->high) + "]" : "");
    const int line1 = margin + static_cast<int>(cap * 1.15), line2 = line1 + static_cast<int>(cap * 2.0);
    const FittedTitle title = fitFigureTitle(name, tail, big, thick, legendX - 2 * margin);
    putTextFit(band, title.text, cv::Point(margin, line1), title.scale, thick, legendX - 2 * margin);
    const std::string sub = std::to_string(r.predictedDefects()) + " of " + std::to_string(r.grid.size()) +
                            " patches above threshold " + fmt("%.4g", r.threshold) + " (" + r.thresholdRule + ")";
    putTextFit(band, sub, cv::Point(margin, line2), small, thick, legendX - 2 * margin);

    // Colour ramp with the score range under it.
    const int rampY = margin / 2, rampH = std::max(6, static_cast<int>(cap));
    cv::Mat ramp(1, legendW, CV_8U);
    for (int x = 0; x < legendW; ++x)
        ramp.at<uchar>(0, x) = static_cast<uchar>(255.0 * x / std::max(1, legendW - 1));
    cv::Mat colours;
    cv::applyColorMap(ramp, colours, kColourMap);
    cv::resize(colours, colours, cv::Size(legendW, rampH), 0, 0, cv::INTER_NEAREST);
    colours.copyTo(band(cv::Rect(legendX, rampY, legendW, rampH)));
    if (hi > lo) {
        const int tx = legendX + static_cast<int>(std::clamp((r.threshold - lo) / (hi - lo), 0.0, 1.0) * (legendW - 1));
        cv::line(band, cv::Point(tx, rampY - rampH / 4), cv::Point(tx, rampY + rampH + rampH / 4),
                 bgr(kThresholdColour), std::max(2, thick + 1));
    }
    const int scoreLine = rampY + rampH + static_cast<int>(cap * 1.2);
    cv::putText(band, fmt("%.3g", lo), cv::Point(legendX, scoreLine), kFont, small, kText, thick, cv::LINE_AA);
    const std::string hiText = fmt("%.3g", hi) + " score";
    int base = 0;
    const int hw = cv::getTextSize(hiText, kFont, small, thick, &base).width;
    cv::putText(band, hiText, cv::Point(legendX + legendW - hw, scoreLine), kFont, small, kText, thick, cv::LINE_AA);

    // Key to the marks, as the GUI draws them, on a third line across the band.
    const int keyLine = std::min(h - margin / 2, line2 + static_cast<int>(cap * 2.0));
    int x = margin;
    x = legendEntry(band, x, keyLine, small, thick, bgr(kThresholdColour), true, "above threshold");
    if (labels) {
        x = legendEntry(band, x, keyLine, small, thick, bgr(kDefectColour), false, "defect");
        legendEntry(band, x, keyLine, small, thick, bgr(kPerfectColour), false, "perfect");
    }
}

} // namespace

FittedTitle fitFigureTitle(std::string name, const std::string& tail, double scale, int thickness, int maxWidth) {
    int base = 0;
    const auto width = [&](const std::string& t, double sc) {
        return cv::getTextSize(t, kFont, sc, thickness, &base).width;
    };
    if (width(name + tail, scale) > maxWidth) // as putTextFit: shrink a little before shortening
        scale = std::max(scale * 0.8, scale * maxWidth / std::max(1, width(name + tail, scale)));
    while (name.size() > 7 && width(name + tail, scale) > maxWidth) {
        const std::size_t mid = name.size() / 2;
        name = name.substr(0, mid - 2) + "..." + name.substr(mid + 2);
    }
    return {name + tail, scale};
}

// Room for two lines of title, the ramp, its numbers and the key, at the text size of textCapPx().
int annotationHeaderHeight(int imageWidth) {
    return static_cast<int>(std::lround(textCapPx(imageWidth) * 7.5));
}

double niceScaleBarLength(double fieldNm) {
    if (!(fieldNm > 0))
        return 1;
    const double target = fieldNm / 5;
    const double p = std::pow(10.0, std::floor(std::log10(target)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= target)
            return m * p;
    return p;
}

// The two order statistics are selected, not sorted for: the same values in linear time. The 8-bit
// conversion runs in row strips on OpenCV's pool.
cv::Mat displayGrey(const cv::Mat& pixels) {
    cv::Mat f = pixels;
    if (f.type() != CV_32F)
        pixels.convertTo(f, CV_32F);
    std::vector<float> v;
    v.reserve(static_cast<size_t>(f.total() / 16 + 1));
    for (int r = 0; r < f.rows; r += 4) {
        const float* row = f.ptr<float>(r);
        for (int c = 0; c < f.cols; c += 4)
            if (std::isfinite(row[c]))
                v.push_back(row[c]);
    }
    double lo = 0, hi = 1;
    if (!v.empty()) {
        const auto loAt = v.begin() + static_cast<std::ptrdiff_t>(0.005 * (v.size() - 1));
        const auto hiAt = v.begin() + static_cast<std::ptrdiff_t>(0.995 * (v.size() - 1));
        std::nth_element(v.begin(), hiAt, v.end());
        std::nth_element(v.begin(), loAt, hiAt); // everything before hiAt is <= *hiAt
        lo = *loAt, hi = *hiAt;
    }
    if (hi <= lo)
        hi = lo + 1;
    cv::Mat g(f.size(), CV_8U);
    cv::parallel_for_(cv::Range(0, f.rows), [&](const cv::Range& rows) {
        f.rowRange(rows.start, rows.end).convertTo(g.rowRange(rows.start, rows.end), CV_8U, 255.0 / (hi - lo),
                                                   -lo * 255.0 / (hi - lo));
    });
    return g;
}

namespace {

// The figure over the grey view (throws; the public functions turn that into a Result).
cv::Mat drawFigure(const cv::Mat& grey, const ScoreReport& r, const AnnotationStyle& style) {
    if (static_cast<int>(r.scores.size()) != r.grid.size())
        fail(ErrorCode::InvalidArgument, "score count does not match the grid");
    const int band = annotationHeaderHeight(r.imageWidth);
    cv::Mat canvas(r.imageHeight + band, r.imageWidth, CV_8UC3);
    cv::Mat view = canvas(cv::Rect(0, band, r.imageWidth, r.imageHeight));
    cv::cvtColor(grey, view, cv::COLOR_GRAY2BGR);

    double lo = 0, hi = 1;
    if (!r.scores.empty()) {
        const auto [mn, mx] = std::minmax_element(r.scores.begin(), r.scores.end());
        lo = *mn, hi = *mx > *mn ? *mx : *mn + 1;
    }
    blendHeat(view, grey, ScoreRuns(r, lo, hi), style.heatAlpha);
    const int line = std::max(1, r.imageWidth / 512);
    if (style.showOutlines)
        drawOutlines(view, r, line + 1);
    const bool labels = style.showLabels && !r.labels.empty();
    if (labels) {
        // A corner triangle in the label's colour (defect and perfect alike), as on screen.
        const int tick = std::max(4, r.grid.spec().side / 5);
        for (int i = 0; i < r.grid.size(); ++i) {
            const Label l = r.labels[static_cast<size_t>(i)];
            if (l == Label::Unlabelled)
                continue;
            const cv::Rect rc = r.grid.rect(i);
            const cv::Point c(rc.x + line + 1, rc.y + line + 1);
            std::vector<cv::Point> tri = {c, c + cv::Point(tick, 0), c + cv::Point(0, tick)};
            cv::fillConvexPoly(view, tri, bgr(labelRgb(l)), cv::LINE_AA);
        }
    }
    drawScaleBar(view, r);
    cv::Mat header = canvas(cv::Rect(0, 0, r.imageWidth, band));
    drawHeader(header, r, lo, hi, labels);
    return canvas;
}

} // namespace

Result<cv::Mat> renderAnnotatedImage(const cv::Mat& pixels, const ScoreReport& r, const AnnotationStyle& style) {
    return guarded(r.image, [&] {
        if (pixels.empty() || pixels.channels() != 1 || pixels.cols != r.imageWidth || pixels.rows != r.imageHeight)
            fail(ErrorCode::InvalidArgument, "image size does not match the report");
        return drawFigure(displayGrey(pixels), r, style);
    });
}

Result<cv::Mat> renderAnnotatedGrey(const cv::Mat& grey, const ScoreReport& r, const AnnotationStyle& style) {
    return guarded(r.image, [&] {
        if (grey.type() != CV_8UC1 || grey.cols != r.imageWidth || grey.rows != r.imageHeight)
            fail(ErrorCode::InvalidArgument, "image size does not match the report");
        return drawFigure(grey, r, style);
    });
}

Status writeAnnotatedPng(const std::string& path, const cv::Mat& pixels, const ScoreReport& report,
                         const AnnotationStyle& style) {
    auto figure = renderAnnotatedImage(pixels, report, style);
    if (!figure)
        return figure.error();
    return writePng(path, *figure);
}

} // namespace ds
