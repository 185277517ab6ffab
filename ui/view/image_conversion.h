#pragma once
// The one place where cv::Mat and QImage meet: float micrograph data to 8-bit indexed images
// through a display range and colour table, and QImage back to cv::Mat (tests and exports read
// rendered pixels). Pure functions; any thread (QImage is safe to build off the GUI thread).
#include <QImage>
#include <QRgb>
#include <QVector>

#include <opencv2/core.hpp>

namespace ds::ui {

// Maps `values` (CV_32FC1) linearly so that `low` -> index 0 and `high` -> index 255 (clamped; NaN
// -> 0) and returns an Indexed8 image using `colourTable` (256 entries). The image owns its pixels.
QImage floatToIndexed(const cv::Mat& values, double low, double high,
                      const QVector<QRgb>& colourTable);

// A deep copy of `image` as CV_8UC4 (B, G, R, A byte order, i.e. OpenCV's BGRA).
cv::Mat qimageToBgra(const QImage& image);

// A deep copy of an 8-bit Mat (CV_8UC1 grey, CV_8UC3 BGR, CV_8UC4 BGRA) as a QImage.
QImage matToQImage(const cv::Mat& mat);

} // namespace ds::ui
