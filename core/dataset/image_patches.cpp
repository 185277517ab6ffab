#include "core/dataset/image_patches.h"

#include "core/common/guard.h"
#include "core/analysis/run_image.h"
#include "core/analysis/grid_rule.h"
#include "core/features/feature_extractor.h"
#include "core/features/normalise.h"

namespace ds {

Result<ImagePatches> cutImagePatches(const Micrograph& image, const std::optional<GridSpec>& grid, int resample,
                                     const PatchLabeller& labeller, const RunControl& rc) {
    return guarded(image.path, [&]() -> ImagePatches {
        if (image.pixels.empty())
            fail(ErrorCode::InvalidArgument, "the image is empty");
        ImagePatches out;
        out.resample = resample;
        out.normalised = normaliseImage(image.pixels);
        out.grid = grid ? unwrap(PatchGrid::create(*grid, out.normalised.cols, out.normalised.rows))
                        : unwrap(automaticGrid(out.normalised, out.lattice, out.notes, rc.sub(0, 0.3)));
        // The `raw` feature IS the resampled patch: the same function every detector's input goes through.
        FeatureMatrix fm = unwrap(computeFeatures(out.normalised, out.grid, "raw", resample, rc.sub(0.3, 1.0)));
        out.rows = fm.values;
        out.labels = labeller ? labeller(out.grid)
                              : std::vector<Label>(static_cast<std::size_t>(out.grid.size()), Label::Unlabelled);
        if (static_cast<int>(out.labels.size()) != out.grid.size())
            fail(ErrorCode::InvalidArgument, std::to_string(out.labels.size()) + " labels for a grid of " +
                                                 std::to_string(out.grid.size()) + " patches");
        return out;
    });
}

} // namespace ds
