#pragma once
// GridCommand: one undoable change of an image's patch grid. Labels are carried over to the new
// grid (remapLabels) and runs dropped (they belonged to the old patches); undo restores the old
// grid with its exact labels and runs. Refers to the image by its stable id. GUI thread.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"
#include "core/project/project.h"
#include "ui/session/image_state_command.h"

#include <cstdint>
#include <vector>

namespace ds::ui {

class Session;

struct GridState {
    GridSpec spec;
    std::vector<Label> labels;
    std::vector<StoredRun> runs;
    int shownRun = -1;
};

class GridCommand : public ImageStateCommand<GridState> {
public:
    GridCommand(Session* session, std::uint64_t imageId, GridState before, GridState after);
    void retranslate() override;
};

} // namespace ds::ui
