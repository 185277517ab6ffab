#pragma once
// Training-set export for the GUI: a value snapshot of the images File > Export training set can
// write - the current image, and every image of the project that carries hand labels - taken on the
// GUI thread from the Session (the labels as they are now, unsaved edits included; the pixels of
// loaded images shared, the others read by the worker), and the plain function a worker runs on it.
// The dataset is built and written by the core functions `defectscope-cli export-patches` uses
// (core/dataset/dataset_sources.h, dataset_writer.h), so the GUI and the CLI write the same stacks
// for the same project. Snapshot: GUI thread; exportTrainingSet: any thread.
#include "core/common/result.h"
#include "core/common/run_control.h"
#include "core/dataset/dataset_sources.h"
#include "core/dataset/dataset_writer.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ds::ui {

class Session;

struct TrainingSetSnapshot {
    std::vector<DatasetSource> current; // the current image (empty when there is none)
    std::vector<DatasetSource> labelled; // every image with hand labels, in project order
    QString currentName;                // what the image list calls the current image
};

TrainingSetSnapshot snapshotTrainingSet(const Session& session);

struct TrainingSetRequest {
    std::vector<DatasetSource> sources;
    DatasetOptions options;
    DatasetWriteOptions write;
    QString folder;
};

struct TrainingSetSummary {
    int images = 0, defect = 0, perfect = 0, unlabelled = 0;
    QStringList notes; // "image: note" lines (automatic grid fallback, labels that no longer fit...)
};

// Builds the dataset and writes it into request.folder. Cancelled (ErrorCode::Cancelled) before
// anything is written when `rc` is stopped while the patches are collected; errors name the image
// or the file and the reason. A failed or cancelled export leaves no dataset.json, the file that
// marks a dataset folder complete (writeDatasetFolder writes it last).
Result<TrainingSetSummary> exportTrainingSet(const TrainingSetRequest& request, const RunControl& rc);

} // namespace ds::ui
