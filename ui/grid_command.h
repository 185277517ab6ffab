#pragma once
// GridCommand: one undoable change of an image's patch grid. Labels are carried over to the new
// grid (remapLabels) and scores dropped (they belonged to the old patches); undo restores the old
// grid with its exact labels and scores. GUI thread.
#include "core/grid/patch_grid.h"
#include "core/labels/label.h"

#include <QUndoCommand>

#include <string>
#include <vector>

namespace ds::ui {

class Session;

struct GridState {
    GridSpec spec;
    std::vector<Label> labels;
    std::vector<float> scores;
    std::string scoresDetector;
};

class GridCommand : public QUndoCommand {
public:
    GridCommand(Session* session, int image, GridState before, GridState after);
    void redo() override;
    void undo() override;

private:
    Session* m_session;
    int m_image;
    GridState m_before, m_after;
};

} // namespace ds::ui
