#include "ui/session/pixel_size_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

namespace ds::ui {

PixelSizeCommand::PixelSizeCommand(Session* session, std::uint64_t imageId, std::optional<PixelSize> before,
                                   std::optional<PixelSize> after)
    : ImageStateCommand(imageId, before, after, [session](std::uint64_t id, const std::optional<PixelSize>& size) {
        const int index = session->indexOfId(id);
        if (index >= 0) // the image was removed since: nothing to do
            session->setPixelSize({index}, size);
    }) {
    retranslate();
}

void PixelSizeCommand::retranslate() {
    setText(QCoreApplication::translate("ds::ui::PixelSizeCommand", "Set the pixel size"));
}

} // namespace ds::ui
