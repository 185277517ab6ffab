#include "ui/report/training_set_export.h"

#include "ui/session/session.h"

namespace ds::ui {

TrainingSetSnapshot snapshotTrainingSet(const Session& session) {
    TrainingSetSnapshot out;
    const auto sourceOf = [&session](int index) {
        DatasetSource s = projectImageSource(*session.image(index));
        if (const auto px = session.pixels(index))
            s.pixels = px->micrograph; // shares the immutable pixel buffer
        return s;
    };
    for (int i = 0; i < session.imageCount(); ++i)
        if (hasHandLabels(*session.image(i)))
            out.labelled.push_back(sourceOf(i));
    if (const ProjectImage* img = session.currentImage()) {
        out.current.push_back(sourceOf(session.currentIndex()));
        out.currentName = QString::fromStdString(img->displayName());
    }
    return out;
}

Result<TrainingSetSummary> exportTrainingSet(const TrainingSetRequest& request, const RunControl& rc) {
    auto data = buildDataset(request.sources, request.options, rc.sub(0, 0.9));
    if (!data)
        return data.error();
    // The last moment a cancel can leave nothing behind: writing is short and not interrupted.
    if (rc.stopRequested())
        return make_error(ErrorCode::Cancelled, "export cancelled");
    rc.progress(0.9, "writing");
    if (auto written = writeDatasetFolder(request.folder.toStdString(), *data, request.write); !written)
        return written.error();
    TrainingSetSummary summary;
    summary.images = static_cast<int>(data->images.size());
    summary.defect = data->defect.size();
    summary.perfect = data->perfect.size();
    summary.unlabelled = data->unlabelled.size();
    for (const DatasetImage& image : data->images)
        for (const std::string& note : image.notes)
            summary.notes << QString::fromStdString(image.image + ": " + note);
    rc.progress(1, "written");
    return summary;
}

} // namespace ds::ui
