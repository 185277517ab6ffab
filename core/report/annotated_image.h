#pragma once
// The annotated figure of a report at the micrograph's full resolution, drawn like the GUI's view:
// the image in grey, the heat map in the GUI's colours (magma) shaded by the micrograph so the
// lattice stays visible, hand/truth labels (defect and perfect) as corner marks in the GUI's label
// colours, the GUI's green outline around the patches above the threshold, a scale bar from the
// calibration with its label clear of the bar, and a header band with the title (image,
// detector, AUROC), the colour ramp with the threshold and a key to the marks. Text is sized to
// the image (about 1/50 of its width, at least 11 px) and drawn with cv::putText so the core stays
// free of Qt; colours come from figure_colours.h. Plain functions; any thread.
#include "core/common/result.h"
#include "core/report/score_report.h"

#include <string>

#include <opencv2/core.hpp>

namespace ds {

struct AnnotationStyle {
    double heatAlpha = 0.45;  // opacity of the heat map over the image (the GUI passes its own)
    bool showLabels = true;   // corner marks on labelled patches (defect and perfect)
    bool showOutlines = true; // contour of the union of patches above the threshold
};

// Height of the header band for an image of this width (the figure is width x (band + height)).
int annotationHeaderHeight(int imageWidth);

// BGR, 8 bit, (header + image height) x image width.
Result<cv::Mat> renderAnnotatedImage(const cv::Mat& pixels, const ScoreReport& report,
                                     const AnnotationStyle& style = {});

// The grey 8-bit view of the micrograph the figure is drawn over: clipped at the 0.5 / 99.5
// percentiles (of every 4th pixel of every 4th row) like a viewer would.
cv::Mat displayGrey(const cv::Mat& pixels);

// renderAnnotatedImage() over a view displayGrey() made earlier (CV_8UC1), for a caller that no
// longer has the raw pixels when the figure is drawn.
Result<cv::Mat> renderAnnotatedGrey(const cv::Mat& grey, const ScoreReport& report, const AnnotationStyle& style = {});

// Renders and writes a PNG under a temporary name, then renames it into place.
Status writeAnnotatedPng(const std::string& path, const cv::Mat& pixels, const ScoreReport& report,
                         const AnnotationStyle& style = {});

// The header's title line: `name` (the image file) then `tail` (" | detector | AUROC ..."), fitted
// into `maxWidth` pixels of cv::putText at `scale` (shrunk to at most 80 %) by shortening the name
// in its middle, so the detector and the AUROC stay readable on a narrow image; only a tail that is
// too wide alone shortens the whole line. Returns the text and the scale to draw it at.
struct FittedTitle {
    std::string text;
    double scale = 1;
};
FittedTitle fitFigureTitle(std::string name, const std::string& tail, double scale, int thickness, int maxWidth);

// A round scale-bar length (1, 2 or 5 x 10^k) close to a fifth of `fieldNm`.
double niceScaleBarLength(double fieldNm);

} // namespace ds
