#include "ui/view/image_conversion.h"

#include <cmath>
#include <cstring>

#include <opencv2/imgproc.hpp>

namespace ds::ui {

QImage floatToIndexed(const cv::Mat& values, double low, double high,
                      const QVector<QRgb>& colourTable) {
    QImage out(values.cols, values.rows, QImage::Format_Indexed8);
    out.setColorTable(colourTable);
    if (values.empty())
        return out;
    const double span = high - low;
    const double alpha = std::abs(span) > 1e-30 ? 255.0 / span : 0.0;
    const double beta = -low * alpha;
    // Write straight into the QImage's rows (they are 4-byte aligned, so wrap them with a step).
    cv::Mat dst(values.rows, values.cols, CV_8UC1, out.bits(),
                static_cast<std::size_t>(out.bytesPerLine()));
    values.convertTo(dst, CV_8U, alpha, beta); // saturating, vectorised; NaN becomes 0
    return out;
}

cv::Mat qimageToBgra(const QImage& image) {
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    // Format_ARGB32 is stored as 0xAARRGGBB words: little-endian bytes B, G, R, A.
    cv::Mat view(argb.height(), argb.width(), CV_8UC4, const_cast<uchar*>(argb.constBits()),
                 static_cast<std::size_t>(argb.bytesPerLine()));
    return view.clone();
}

QImage matToQImage(const cv::Mat& mat) {
    cv::Mat bgra;
    switch (mat.type()) {
    case CV_8UC1:
        cv::cvtColor(mat, bgra, cv::COLOR_GRAY2BGRA);
        break;
    case CV_8UC3:
        cv::cvtColor(mat, bgra, cv::COLOR_BGR2BGRA);
        break;
    case CV_8UC4:
        bgra = mat;
        break;
    default:
        return {};
    }
    QImage out(bgra.cols, bgra.rows, QImage::Format_ARGB32);
    for (int y = 0; y < bgra.rows; ++y)
        std::memcpy(out.scanLine(y), bgra.ptr(y), static_cast<std::size_t>(bgra.cols) * 4);
    return out;
}

} // namespace ds::ui
