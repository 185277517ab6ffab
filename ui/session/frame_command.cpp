#include "ui/session/frame_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

#include <utility>

namespace ds::ui {

FrameCommand::FrameCommand(Session* session, std::uint64_t imageId, FrameState before, FrameState after)
    : m_session(session)
    , m_image(imageId)
    , m_before(std::move(before))
    , m_after(std::move(after)) {
    retranslate();
}

void FrameCommand::retranslate() {
    // Numbered from 0, as the frame selector numbers them.
    setText(QCoreApplication::translate("ds::ui::FrameCommand", "Show frame %1").arg(m_after.frame));
}

void FrameCommand::redo() {
    m_session->applyFrame(m_image, m_after);
}

void FrameCommand::undo() {
    m_session->applyFrame(m_image, m_before);
}

} // namespace ds::ui
