#include "core/dataset/dataset_builder.h"

#include "core/common/guard.h"
#include "core/dataset/lattice_symmetry.h"

namespace ds {

namespace {

void append(PatchStack& stack, const cv::Mat& patch, PatchRecord record) {
    stack.rows.push_back(patch.reshape(1, 1));
    stack.records.push_back(std::move(record));
}

} // namespace

DatasetBuilder::DatasetBuilder(const DatasetOptions& options) : m_options(options) {
    const int cols = options.resample * options.resample;
    for (PatchStack* s : {&m_data.defect, &m_data.perfect, &m_data.unlabelled})
        s->rows = cv::Mat(0, cols, CV_32F);
    m_data.resample = options.resample;
    m_data.grid = options.grid;
    m_data.augmented = options.augment;
}

Status DatasetBuilder::addImage(const Micrograph& image, const std::string& name, const PatchLabeller& labeller,
                                const std::string& labelSource, const std::optional<GridSpec>& gridOverride,
                                const RunControl& rc) {
    return guarded(name, [&] {
        const std::optional<GridSpec> spec = gridOverride ? gridOverride : m_options.grid;
        const ImagePatches cut = unwrap(cutImagePatches(image, spec, m_options.resample, labeller, rc.sub(0, 0.8)));
        DatasetImage info;
        info.image = name;
        info.frame = image.frameIndex;
        info.width = image.width();
        info.height = image.height();
        info.grid = cut.grid.spec();
        info.automaticGrid = !spec;
        info.nmPerPx = image.x.nmPerPixel();
        if (cut.lattice) {
            info.bondPx = cut.lattice->bondPx;
            info.orientationDeg = cut.lattice->orientationDeg;
        }
        info.labelSource = labelSource;
        info.notes = cut.notes;
        if (m_options.augment && !cut.lattice)
            info.notes.push_back("no lattice estimate (explicit grid or none found): mirror axes taken along "
                                 "the image x axis, which need not be lattice mirrors");
        const auto ops = m_options.augment ? latticeSymmetryOps(cut.lattice ? cut.lattice->orientationDeg : 0.0)
                                           : std::vector<SymmetryOp>{};
        for (int i = 0; i < cut.grid.size(); ++i) {
            const Label label = cut.labels[static_cast<std::size_t>(i)];
            PatchStack* stack = label == Label::Defect    ? &m_data.defect
                                : label == Label::Perfect ? &m_data.perfect
                                : m_options.includeUnlabelled ? &m_data.unlabelled
                                                              : nullptr;
            if (!stack)
                continue;
            int& count = label == Label::Defect ? info.defect : label == Label::Perfect ? info.perfect : info.unlabelled;
            const cv::Rect r = cut.grid.rect(i);
            PatchRecord rec;
            rec.image = name;
            rec.frame = image.frameIndex;
            rec.patchIndex = i;
            rec.x0 = r.x;
            rec.y0 = r.y;
            rec.sizePx = r.width;
            rec.nmPerPx = info.nmPerPx;
            rec.label = label;
            rec.labelSource = label == Label::Unlabelled ? std::string("none") : labelSource;
            append(*stack, cut.patch(i), rec);
            ++count;
            for (const SymmetryOp& op : ops) {
                const cv::Mat moved = transformedPatch(cut.normalised, r, op, m_options.resample);
                if (moved.empty()) {
                    ++info.augmentSkipped;
                    continue;
                }
                rec.transform = op.name;
                append(*stack, moved, rec);
                ++count;
            }
            if (i % 64 == 0) {
                rc.throwIfStopped();
                rc.progress(0.8 + 0.2 * i / cut.grid.size(), "collecting patches");
            }
        }
        m_data.images.push_back(std::move(info));
    });
}

} // namespace ds
