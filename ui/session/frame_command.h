#pragma once
// FrameCommand: one undoable change of the frame of a stack that an image stands for. The runs
// scored the old frame's pixels, so the new frame starts without runs; undo brings back the old
// frame with its exact runs and shown run (labels are kept either way: a stack is one area over
// time). Refers to the image by its stable id. GUI thread.
#include "core/project/project.h"

#include "ui/session/image_state_command.h"

#include <cstdint>
#include <vector>

namespace ds::ui {

class Session;

struct FrameState {
    int frame = 0;
    std::vector<StoredRun> runs;
    int shownRun = -1;
};

class FrameCommand : public ImageStateCommand<FrameState> {
public:
    FrameCommand(Session* session, std::uint64_t imageId, FrameState before, FrameState after);
    void retranslate() override;
};

} // namespace ds::ui
