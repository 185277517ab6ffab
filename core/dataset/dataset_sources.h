#pragma once
// DatasetSource: one image of a training-set export - where its pixels come from (a file, the
// synthetic demo image, or pixels already in memory), how its patches are labelled and on which
// grid - and buildDataset(), which loads and cuts every source through one DatasetBuilder. The
// command line (`export-patches`) and the GUI (File > Export training set) both build their
// datasets here, so the same project gives the same stacks whichever exported it. Plain functions;
// any thread; cancellable.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/dataset/dataset_builder.h"
#include "core/io/micrograph.h"
#include "core/io/pixel_size.h"
#include "core/project/project.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds {

struct DatasetSource {
    std::string path;                       // micrograph file (empty for a synthetic image)
    std::string name;                       // what the records and messages call the image
    std::optional<std::uint64_t> synthSeed; // the built-in synthetic demo image with this seed
    std::optional<Micrograph> pixels;       // already loaded (the GUI's): used instead of reading
    std::optional<PixelSize> pixelSize;     // stated by the user: replaces the file's calibration
    PatchLabeller labeller;                 // empty: every patch unlabelled
    std::string labelSource = "none";       // "truth", "hand", "project", "none"
    std::optional<GridSpec> grid;           // the image's own grid (a project image's labels belong to it)
    std::optional<std::vector<Label>> projectLabels; // per patch of `grid`: checked against the cut grid
    int recordedWidth = 0, recordedHeight = 0; // a project image's size as recorded (0 = not known)
    int frame = 0;                          // the frame of a stack the image stands for
};

// A project image with its grid, its stated pixel size and its hand labels (as stored per patch).
DatasetSource projectImageSource(const ProjectImage& image);
// Every image of a .dsproj file, in project order.
Result<std::vector<DatasetSource>> projectDatasetSources(const std::string& projectPath);
// True when `image` carries at least one hand label.
bool hasHandLabels(const ProjectImage& image);

// The source's pixels (read, synthesised or the loaded copy), with its stated pixel size applied.
Result<Micrograph> loadDatasetSource(const DatasetSource& source);

// Loads and adds every source in order; the first that fails aborts with a message naming it (a
// training set silently missing an image is worse than none). Fails too when no patch made it into
// any stack. Image notes (automatic grid fallback, labels that no longer fit...) are in
// `images[i].notes`.
Result<PatchDataset> buildDataset(const std::vector<DatasetSource>& sources, const DatasetOptions& options,
                                  const RunControl& rc = RunControl::none());

} // namespace ds
