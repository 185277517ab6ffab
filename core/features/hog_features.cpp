// FHOG features of one patch via dlib::extract_fhog_features (Felzenszwalb's 31-channel HOG).
#include "core/features/feature_extractor.h"

#include <algorithm>

#include <dlib/image_transforms/fhog.h>
#include <dlib/opencv/cv_image.h>

namespace ds {

namespace {
// Cells of about a sixth of the patch: 8 px at the default side 48, giving 4 x 4 cells of 31 bins.
int cellSize(int side) { return std::max(2, side / 6); }
} // namespace

int hogDimension(int side) {
    cv::Mat zero(side, side, CV_32F, cv::Scalar(0));
    dlib::array2d<dlib::matrix<float, 31, 1>> hog;
    dlib::extract_fhog_features(dlib::cv_image<float>(zero), hog, cellSize(side));
    return static_cast<int>(hog.nr() * hog.nc() * 31);
}

void hogFeatures(const cv::Mat& patch, float* out) {
    // dlib's FHOG expects pixel-like magnitudes; the normalised patch (robust sigma 1) is mapped with
    // one fixed affine scale, not per patch, so a bright dopant still has stronger gradients.
    cv::Mat scaled;
    patch.convertTo(scaled, CV_32F, 32.0, 128.0);
    dlib::array2d<dlib::matrix<float, 31, 1>> hog;
    dlib::extract_fhog_features(dlib::cv_image<float>(scaled), hog, cellSize(patch.cols));
    for (long r = 0; r < hog.nr(); ++r)
        for (long c = 0; c < hog.nc(); ++c)
            for (long k = 0; k < 31; ++k)
                *out++ = hog[r][c](k);
}

} // namespace ds
