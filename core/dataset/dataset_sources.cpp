#include "core/dataset/dataset_sources.h"

#include "core/common/guard.h"
#include "core/io/read_micrograph.h"
#include "core/project/project_file.h"
#include "core/project/recorded_size.h"
#include "core/synth/synthetic_graphene.h"

#include <algorithm>

namespace ds {

DatasetSource projectImageSource(const ProjectImage& image) {
    DatasetSource s;
    s.path = image.path;
    s.synthSeed = image.synthSeed;
    s.name = image.synthSeed ? image.displayName() : image.path;
    s.pixelSize = image.pixelSize;
    s.grid = image.grid;
    s.labelSource = "project";
    s.projectLabels = image.labels;
    s.recordedWidth = image.width;
    s.recordedHeight = image.height;
    s.frame = image.frame;
    return s;
}

Result<std::vector<DatasetSource>> projectDatasetSources(const std::string& projectPath) {
    auto project = readProject(projectPath);
    if (!project)
        return project.error();
    std::vector<DatasetSource> out;
    for (const ProjectImage& img : project->images)
        out.push_back(projectImageSource(img));
    return out;
}

bool hasHandLabels(const ProjectImage& image) {
    return std::any_of(image.labels.begin(), image.labels.end(), [](Label l) { return l != Label::Unlabelled; });
}

Result<Micrograph> loadDatasetSource(const DatasetSource& source) {
    return guarded(source.name, [&] {
        Micrograph m;
        if (source.pixels)
            m = *source.pixels;
        else if (source.synthSeed)
            m = toMicrograph(synthesizeGraphene(demoSynthOptions(*source.synthSeed)));
        else {
            ReadOptions read;
            read.frame = source.frame;
            m = unwrap(readMicrograph(source.path, read));
        }
        // The project's grid and labels belong to the size it recorded: a file changed since is
        // refused rather than cut into patches its labels do not describe.
        ProjectImage recorded;
        recorded.path = source.path;
        recorded.width = source.recordedWidth;
        recorded.height = source.recordedHeight;
        check(checkRecordedSize(recorded, m.width(), m.height()));
        if (source.pixelSize)
            applyPixelSize(m, *source.pixelSize, kCalibrationByUser);
        return m;
    });
}

Result<PatchDataset> buildDataset(const std::vector<DatasetSource>& sources, const DatasetOptions& options,
                                  const RunControl& rc) {
    if (sources.empty())
        return make_error(ErrorCode::InvalidArgument, "no micrographs to export");
    DatasetBuilder builder(options);
    std::vector<std::vector<std::string>> extraNotes(sources.size());
    const double n = static_cast<double>(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const DatasetSource& s = sources[i];
        const RunControl part = rc.sub(i / n, (i + 1) / n);
        if (rc.stopRequested())
            return make_error(ErrorCode::Cancelled, "export cancelled");
        part.progress(0, "loading " + s.name);
        auto image = loadDatasetSource(s);
        if (!image)
            return image.error();
        PatchLabeller labeller = s.labeller;
        if (s.projectLabels) {
            // Labels are stored per patch of the project grid; an image whose size changed since
            // has none that can be trusted.
            labeller = [&labels = *s.projectLabels, &notes = extraNotes[i]](const PatchGrid& g) {
                if (static_cast<int>(labels.size()) == g.size())
                    return labels;
                if (!labels.empty())
                    notes.push_back("the project's labels do not match its grid; its patches count as unlabelled");
                return std::vector<Label>(static_cast<std::size_t>(g.size()), Label::Unlabelled);
            };
        }
        if (auto added = builder.addImage(*image, s.name, labeller, s.labelSource, s.grid, part.sub(0.05, 1));
            !added)
            return added.error();
    }
    PatchDataset data = builder.take();
    for (std::size_t i = 0; i < data.images.size() && i < extraNotes.size(); ++i)
        data.images[i].notes.insert(data.images[i].notes.end(), extraNotes[i].begin(), extraNotes[i].end());
    if (data.defect.size() + data.perfect.size() + data.unlabelled.size() == 0)
        return make_error(ErrorCode::InvalidArgument, "no patch carries a label (label some patches, give truth "
                                                      "files or label CSVs, or include unlabelled patches)");
    rc.progress(1, "collected");
    return data;
}

} // namespace ds
