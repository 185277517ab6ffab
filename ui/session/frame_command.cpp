#include "ui/session/frame_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

#include <utility>

namespace ds::ui {

FrameCommand::FrameCommand(Session* session, std::uint64_t imageId, FrameState before, FrameState after)
    : ImageStateCommand(imageId, std::move(before), std::move(after),
                        [session](std::uint64_t id, const FrameState& state) { session->applyFrame(id, state); }) {
    retranslate();
}

void FrameCommand::retranslate() {
    // Numbered from 0, as the frame selector numbers them.
    setText(QCoreApplication::translate("ds::ui::FrameCommand", "Show frame %1").arg(after().frame));
}

} // namespace ds::ui
