#include "ui/session/grid_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

namespace ds::ui {

GridCommand::GridCommand(Session* session, std::uint64_t image, GridState before, GridState after)
    : m_session(session)
    , m_image(image)
    , m_before(std::move(before))
    , m_after(std::move(after)) {
    retranslate();
}

void GridCommand::retranslate() {
    setText(QCoreApplication::translate("ds::ui::GridCommand", "Change grid to %1 px / stride %2")
                .arg(m_after.spec.side)
                .arg(m_after.spec.stride));
}

void GridCommand::redo() {
    m_session->applyGrid(m_image, m_after);
}

void GridCommand::undo() {
    m_session->applyGrid(m_image, m_before);
}

} // namespace ds::ui
