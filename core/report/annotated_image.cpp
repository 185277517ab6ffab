#include "core/report/annotated_image.h"

#include "core/common/guard.h"
#include "core/common/atomic_file.h"

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

// Per-pixel mean score of the patches covering it, via a 2-D difference array (O(patches + pixels)
// even for 16k overlapping patches). Pixels no patch covers get NaN.
cv::Mat scoreMap(const ScoreReport& r, double lo, double hi) {
    cv::Mat sum(r.imageHeight + 1, r.imageWidth + 1, CV_64F, cv::Scalar(0));
    cv::Mat cnt(r.imageHeight + 1, r.imageWidth + 1, CV_64F, cv::Scalar(0));
    for (int i = 0; i < r.grid.size(); ++i) {
        const cv::Rect rc = r.grid.rect(i) & cv::Rect(0, 0, r.imageWidth, r.imageHeight);
        const double s = std::clamp((r.scores[static_cast<size_t>(i)] - lo) / (hi - lo), 0.0, 1.0);
        for (auto [m, v] : {std::pair<cv::Mat*, double>{&sum, s}, {&cnt, 1.0}}) {
            m->at<double>(rc.y, rc.x) += v;
            m->at<double>(rc.y, rc.x + rc.width) -= v;
            m->at<double>(rc.y + rc.height, rc.x) -= v;
            m->at<double>(rc.y + rc.height, rc.x + rc.width) += v;
        }
    }
    cv::Mat out(r.imageHeight, r.imageWidth, CV_32F);
    std::vector<double> runS(r.imageWidth + 1, 0), runC(r.imageWidth + 1, 0);
    for (int y = 0; y < r.imageHeight; ++y) {
        double rowS = 0, rowC = 0;
        for (int x = 0; x < r.imageWidth; ++x) {
            rowS += sum.at<double>(y, x);
            rowC += cnt.at<double>(y, x);
            runS[x] += rowS;
            runC[x] += rowC;
            out.at<float>(y, x) = runC[x] > 0.5 ? static_cast<float>(runS[x] / runC[x]) : NAN;
        }
    }
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
    return guarded(path, [&] {
        std::vector<uchar> png;
        if (!cv::imencode(".png", *figure, png))
            fail(ErrorCode::Internal, "PNG encoding failed");
        AtomicFile file(path);
        {
            std::ofstream out(file.tempPath(), std::ios::binary | std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "cannot create file");
            out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        if (auto st = file.commit(); !st)
            fail(st.error().code, st.error().message);
    });
}

} // namespace ds
