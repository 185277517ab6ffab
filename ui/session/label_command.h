#pragma once
// LabelCommand: one undoable change of hand labels on one image - a set of patches that all get the
// same new label, remembering each patch's previous label. Commands of the same brush stroke merge
// (QUndoCommand::mergeWith), so a stroke across forty patches is a single undo step. Refers to the
// image by its stable id, so removing another image leaves it valid. GUI thread.
#include "core/labels/label.h"

#include "ui/session/session_command.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace ds::ui {

class Session;

class LabelCommand : public SessionCommand {
public:
    // `strokeId` > 0 lets consecutive commands of the same stroke merge; 0 = a standalone edit.
    LabelCommand(Session* session, std::uint64_t imageId, std::vector<int> patches, std::vector<Label> before,
                 Label after, int strokeId);

    void redo() override;
    void undo() override;
    int id() const override { return m_strokeId > 0 ? kId : -1; }
    bool mergeWith(const QUndoCommand* other) override;
    void retranslate() override { updateText(); }

    std::uint64_t image() const { return m_image; } // the image's stable id
    const std::vector<int>& patches() const { return m_patches; }

private:
    static constexpr int kId = 0x4C41; // "LA"
    void updateText();

    Session* m_session;
    std::uint64_t m_image;
    std::vector<int> m_patches;
    std::vector<Label> m_before;
    Label m_after;
    int m_strokeId;
    std::unordered_set<int> m_seen;
};

} // namespace ds::ui
