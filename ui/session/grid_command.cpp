#include "ui/session/grid_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

#include <utility>

namespace ds::ui {

GridCommand::GridCommand(Session* session, std::uint64_t image, GridState before, GridState after)
    : ImageStateCommand(image, std::move(before), std::move(after),
                        [session](std::uint64_t id, const GridState& state) { session->applyGrid(id, state); }) {
    retranslate();
}

void GridCommand::retranslate() {
    setText(QCoreApplication::translate("ds::ui::GridCommand", "Change grid to %1 px / stride %2")
                .arg(after().spec.side)
                .arg(after().spec.stride));
}

} // namespace ds::ui
