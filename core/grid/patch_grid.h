#pragma once
// PatchGrid: the square patches a micrograph is cut into - side, stride, origin - and the mapping
// between a patch index (row-major) and its pixel rectangle. Only patches wholly inside the image
// exist, matching the evaluation protocol in shared/data/real/README.md. A plain value type.
#include "core/common/result.h"

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace ds {

// Most patches one image's grid may have (2^24, about 16.7 million): a 1 px stride on a large image
// would otherwise ask for billions of patch records, labels and scores (and overflow int indices).
inline constexpr long long kMaxPatchesPerImage = 1LL << 24;

struct GridSpec {
    int side = 48;    // patch side in pixels
    int stride = 24;  // step between patch origins in pixels
    int originX = 0;  // pixel of the first patch's left edge
    int originY = 0;  // pixel of the first patch's top edge
    bool operator==(const GridSpec&) const = default;
};

class PatchGrid {
public:
    PatchGrid() = default;
    // Fails with InvalidArgument when side/stride are not positive, no patch fits in the image, or the
    // grid would have more than kMaxPatchesPerImage patches.
    static Result<PatchGrid> create(const GridSpec& spec, int imageWidth, int imageHeight);

    const GridSpec& spec() const { return m_spec; }
    int imageWidth() const { return m_imageWidth; }
    int imageHeight() const { return m_imageHeight; }
    int columns() const { return m_cols; }
    int rows() const { return m_rows; }
    int size() const { return m_cols * m_rows; }
    bool empty() const { return size() == 0; }

    cv::Rect rect(int index) const;
    int column(int index) const { return index % m_cols; }
    int row(int index) const { return index / m_cols; }
    int index(int column, int row) const { return row * m_cols + column; }

    // Every patch whose rectangle contains the pixel point (x, y), in index order.
    std::vector<int> patchesContaining(double x, double y) const;
    // Every patch whose rectangle intersects `area`.
    std::vector<int> patchesIntersecting(const cv::Rect& area) const;

private:
    GridSpec m_spec;
    int m_imageWidth = 0, m_imageHeight = 0, m_cols = 0, m_rows = 0;
};

// Cuts patch `index` out of `image` and resamples it to `outSide` x `outSide` (INTER_AREA when
// shrinking, INTER_LINEAR when enlarging). Returns CV_32F.
cv::Mat extractPatch(const cv::Mat& image, const PatchGrid& grid, int index, int outSide);

} // namespace ds
