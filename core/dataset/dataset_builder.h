#pragma once
// Collects the patches of labelled images into a PatchDataset: every labelled patch goes to the
// defect or perfect stack, unlabelled ones to the unlabelled stack when asked, each (optionally)
// followed by its lattice-symmetry copies. Synchronous; any thread (one builder per thread).
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/dataset/image_patches.h"
#include "core/dataset/patch_dataset.h"
#include "core/io/micrograph.h"

#include <string>

namespace ds {

struct DatasetOptions {
    std::optional<GridSpec> grid; // empty = each image's automatic grid
    int resample = 48;
    bool includeUnlabelled = false;
    bool augment = false; // add the 11 D6 copies of every exported patch (lattice_symmetry.h)
};

class DatasetBuilder {
public:
    explicit DatasetBuilder(const DatasetOptions& options);

    // Cuts `image` (its grid: `gridOverride` when set - a project image keeps the grid its labels
    // belong to - else the options' grid, else automatic) and adds its patches. `name` is what the
    // records call the image; `labelSource` says where the labels came from.
    Status addImage(const Micrograph& image, const std::string& name, const PatchLabeller& labeller,
                    const std::string& labelSource, const std::optional<GridSpec>& gridOverride = std::nullopt,
                    const RunControl& rc = RunControl::none());

    const PatchDataset& dataset() const { return m_data; }
    PatchDataset take() { return std::move(m_data); }

private:
    DatasetOptions m_options;
    PatchDataset m_data;
};

} // namespace ds
