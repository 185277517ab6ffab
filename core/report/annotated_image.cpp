#include "core/report/annotated_image.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"
#include "core/report/png_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace ds {

namespace {

const cv::Scalar kOutline(255, 255, 255), kLabel(255, 0, 255), kText(235, 235, 235), kBand(32, 32, 32);

// Grey 8-bit view of the micrograph, clipped at the 0.5 / 99.5 percentiles like a viewer would.
cv::Mat displayGrey(const cv::Mat& pixels) {
    cv::Mat f;
    pixels.convertTo(f, CV_32F);
    std::vector<float> v;
    v.reserve(static_cast<size_t>(f.total() / 16 + 1));
    for (int r = 0; r < f.rows; r += 4)
        for (int c = 0; c < f.cols; c += 4)
            if (std::isfinite(f.at<float>(r, c)))
                v.push_back(f.at<float>(r, c));
    double lo = 0, hi = 1;
    if (!v.empty()) {
        std::sort(v.begin(), v.end());
        lo = v[static_cast<size_t>(0.005 * (v.size() - 1))];
        hi = v[static_cast<size_t>(0.995 * (v.size() - 1))];
    }
    if (hi <= lo)
        hi = lo + 1;
    cv::Mat g;
    f.convertTo(g, CV_8U, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
    return g;
}

// Per-pixel mean score of the patches covering it. The grid is regular, so the patches covering a
// pixel form a rectangle of grid cells, [c0(x), c1(x)) x [r0(y), r1(y)): a prefix-sum table over the
// grid gives each pixel's sum in four look-ups - O(patches + pixels) time with no full-size scratch
// (a 2-D difference array over the pixels needed two 4096^2 double images). Pixels no patch covers
// get NaN.
cv::Mat scoreMap(const ScoreReport& r, double lo, double hi) {
    const GridSpec& spec = r.grid.spec();
    // For every pixel position along one axis: the half-open range of grid cells covering it.
    auto coverage = [&](int pixels, int origin, int cells) {
        std::vector<std::pair<int, int>> out(static_cast<std::size_t>(pixels));
        for (int p = 0; p < pixels; ++p) {
            const int rel = p - origin; // cell k covers [k * stride, k * stride + side)
            const int first = rel < spec.side ? 0 : (rel - spec.side) / spec.stride + 1;
            const int end = rel < 0 ? 0 : std::min(cells, rel / spec.stride + 1);
            out[static_cast<std::size_t>(p)] = {first, std::max(first, end)};
        }
        return out;
    };
    const auto cols = coverage(r.imageWidth, spec.originX, r.grid.columns());
    const auto rows = coverage(r.imageHeight, spec.originY, r.grid.rows());
    const int gw = r.grid.columns() + 1;
    std::vector<double> prefix(static_cast<std::size_t>(gw) * (r.grid.rows() + 1), 0.0);
    for (int gr = 0; gr < r.grid.rows(); ++gr)
        for (int gc = 0; gc < r.grid.columns(); ++gc) {
            const double s = std::clamp((r.scores[static_cast<std::size_t>(r.grid.index(gc, gr))] - lo) / (hi - lo), 0.0, 1.0);
            const auto at = [&](int y, int x) -> double& { return prefix[static_cast<std::size_t>(y) * gw + x]; };
            at(gr + 1, gc + 1) = s + at(gr, gc + 1) + at(gr + 1, gc) - at(gr, gc);
        }
    cv::Mat out(r.imageHeight, r.imageWidth, CV_32F);
    cv::parallel_for_(cv::Range(0, r.imageHeight), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            const auto [r0, r1] = rows[static_cast<std::size_t>(y)];
            const double* top = prefix.data() + static_cast<std::size_t>(r0) * gw;
            const double* bottom = prefix.data() + static_cast<std::size_t>(r1) * gw;
            float* o = out.ptr<float>(y);
            for (int x = 0; x < r.imageWidth; ++x) {
                const auto [c0, c1] = cols[static_cast<std::size_t>(x)];
                const int count = (r1 - r0) * (c1 - c0);
                o[x] = count > 0 ? static_cast<float>((bottom[c1] - bottom[c0] - top[c1] + top[c0]) / count) : NAN;
            }
        }
    });
    return out;
}

void putTextFit(cv::Mat& img, const std::string& text, cv::Point origin, double scale, int thickness, int maxWidth) {
    int base = 0;
    cv::Size sz = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &base);
    if (sz.width > maxWidth && sz.width > 0)
        scale *= static_cast<double>(maxWidth) / sz.width;
    cv::putText(img, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, kText, thickness, cv::LINE_AA);
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

void drawScaleBar(cv::Mat& view, const ScoreReport& r) {
    const auto nmPerPx = r.x.nmPerPixel();
    const double field = nmPerPx ? r.imageWidth * *nmPerPx : r.imageWidth;
    const double length = niceScaleBarLength(field);
    const int px = std::max(1, static_cast<int>(std::lround(nmPerPx ? length / *nmPerPx : length)));
    std::string text = fmt(length < 1 ? "%.2g" : "%.0f", length) + (nmPerPx ? " nm" : " px");
    const int unit = std::max(2, view.cols / 256);
    const double scale = std::max(0.4, view.cols / 1400.0);
    int base = 0;
    const cv::Size ts = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, unit / 2 + 1, &base);
    const int pad = 3 * unit, barH = 2 * unit;
    const cv::Rect box(pad, view.rows - pad - barH - ts.height - 4 * unit, std::max(px, ts.width) + 2 * unit,
                       barH + ts.height + 3 * unit);
    cv::Mat roi = view(box & cv::Rect(0, 0, view.cols, view.rows));
    roi = roi * 0.35; // darken behind the bar so it reads on any image
    cv::rectangle(view, cv::Rect(box.x + unit, box.y + box.height - unit - barH, px, barH), cv::Scalar(255, 255, 255),
                  cv::FILLED);
    cv::putText(view, text, cv::Point(box.x + unit, box.y + unit + ts.height), cv::FONT_HERSHEY_SIMPLEX, scale,
                kText, unit / 2 + 1, cv::LINE_AA);
}

void drawHeader(cv::Mat& band, const ScoreReport& r, double lo, double hi) {
    band.setTo(kBand);
    const int h = band.rows, w = band.cols;
    const int legendW = std::min(w / 3, 360), legendX = w - legendW - h / 4;
    const double scale = h / 60.0;
    std::string title = r.image + " | " + r.detector + (r.features.empty() ? "" : " (" + r.features + ")");
    if (r.auroc)
        title += " | AUROC " + fmt("%.3f", *r.auroc) +
                 (r.aurocCi ? " [" + fmt("%.3f", r.aurocCi->low) + ", " + fmt("%.3f", r.aurocCi->high) + "]" : "");
    putTextFit(band, title, cv::Point(h / 4, h * 2 / 5), scale, std::max(1, h / 40), legendX - h / 2);
    const std::string sub = std::to_string(r.predictedDefects()) + " of " + std::to_string(r.grid.size()) +
                            " patches above threshold " + fmt("%.4g", r.threshold) + " (" + r.thresholdRule + ")";
    putTextFit(band, sub, cv::Point(h / 4, h * 4 / 5), scale * 0.75, std::max(1, h / 60), legendX - h / 2);

    // Colour legend: the heat map's colour ramp from the lowest to the highest score, threshold tick.
    const int barY = h / 5, barH = h * 2 / 5;
    cv::Mat ramp(1, legendW, CV_8U);
    for (int x = 0; x < legendW; ++x)
        ramp.at<uchar>(0, x) = static_cast<uchar>(255.0 * x / std::max(1, legendW - 1));
    cv::Mat colours;
    cv::applyColorMap(ramp, colours, cv::COLORMAP_TURBO);
    cv::resize(colours, colours, cv::Size(legendW, barH), 0, 0, cv::INTER_NEAREST);
    colours.copyTo(band(cv::Rect(legendX, barY, legendW, barH)));
    if (hi > lo) {
        const int tx = legendX + static_cast<int>(std::clamp((r.threshold - lo) / (hi - lo), 0.0, 1.0) * (legendW - 1));
        cv::line(band, cv::Point(tx, barY - h / 20), cv::Point(tx, barY + barH + h / 20), kOutline, std::max(1, h / 40));
    }
    const double small = scale * 0.6;
    cv::putText(band, fmt("%.3g", lo), cv::Point(legendX, h - h / 12), cv::FONT_HERSHEY_SIMPLEX, small, kText, 1, cv::LINE_AA);
    const std::string hiText = fmt("%.3g", hi) + " score";
    int base = 0;
    const int hw = cv::getTextSize(hiText, cv::FONT_HERSHEY_SIMPLEX, small, 1, &base).width;
    cv::putText(band, hiText, cv::Point(legendX + legendW - hw, h - h / 12), cv::FONT_HERSHEY_SIMPLEX, small, kText, 1,
                cv::LINE_AA);
}

} // namespace

int annotationHeaderHeight(int imageWidth) { return std::clamp(imageWidth / 14, 48, 160); }

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

Result<cv::Mat> renderAnnotatedImage(const cv::Mat& pixels, const ScoreReport& r, const AnnotationStyle& style) {
    return guarded(r.image, [&] {
        if (pixels.empty() || pixels.channels() != 1 || pixels.cols != r.imageWidth || pixels.rows != r.imageHeight)
            fail(ErrorCode::InvalidArgument, "image size does not match the report");
        if (static_cast<int>(r.scores.size()) != r.grid.size())
            fail(ErrorCode::InvalidArgument, "score count does not match the grid");
        const int band = annotationHeaderHeight(r.imageWidth);
        cv::Mat canvas(r.imageHeight + band, r.imageWidth, CV_8UC3);
        cv::Mat view = canvas(cv::Rect(0, band, r.imageWidth, r.imageHeight));
        cv::cvtColor(displayGrey(pixels), view, cv::COLOR_GRAY2BGR);

        double lo = 0, hi = 1;
        if (!r.scores.empty()) {
            const auto [mn, mx] = std::minmax_element(r.scores.begin(), r.scores.end());
            lo = *mn, hi = *mx > *mn ? *mx : *mn + 1;
        }
        const cv::Mat map = scoreMap(r, lo, hi);
        cv::Mat map8, heat;
        map.convertTo(map8, CV_8U, 255.0);
        cv::applyColorMap(map8, heat, cv::COLORMAP_TURBO);
        for (int y = 0; y < view.rows; ++y)
            for (int x = 0; x < view.cols; ++x)
                if (std::isfinite(map.at<float>(y, x))) {
                    auto& p = view.at<cv::Vec3b>(y, x);
                    const auto& h = heat.at<cv::Vec3b>(y, x);
                    for (int c = 0; c < 3; ++c)
                        p[c] = cv::saturate_cast<uchar>((1 - style.heatAlpha) * p[c] + style.heatAlpha * h[c]);
                }

        const int line = std::max(1, r.imageWidth / 512);
        if (style.showOutlines) {
            cv::Mat above(r.imageHeight, r.imageWidth, CV_8U, cv::Scalar(0));
            for (int i = 0; i < r.grid.size(); ++i)
                if (r.predicted(i))
                    above(r.grid.rect(i) & cv::Rect(0, 0, r.imageWidth, r.imageHeight)).setTo(255);
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(above, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
            cv::drawContours(view, contours, -1, kOutline, line + 1, cv::LINE_8);
        }
        if (style.showLabels && !r.labels.empty()) {
            const int tick = std::max(4, r.grid.spec().side / 6);
            for (int i = 0; i < r.grid.size(); ++i)
                if (r.labels[static_cast<size_t>(i)] == Label::Defect) {
                    const cv::Rect rc = r.grid.rect(i);
                    const cv::Point c(rc.x + line + 1, rc.y + line + 1);
                    std::vector<cv::Point> tri = {c, c + cv::Point(tick, 0), c + cv::Point(0, tick)};
                    cv::fillConvexPoly(view, tri, kLabel, cv::LINE_AA);
                }
        }
        drawScaleBar(view, r);
        cv::Mat header = canvas(cv::Rect(0, 0, r.imageWidth, band));
        drawHeader(header, r, lo, hi);
        return canvas;
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
