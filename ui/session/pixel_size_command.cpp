#include "ui/session/pixel_size_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

namespace ds::ui {

PixelSizeCommand::PixelSizeCommand(Session* session, std::uint64_t imageId, std::optional<PixelSize> before,
                                   std::optional<PixelSize> after)
    : m_session(session)
    , m_image(imageId)
    , m_before(before)
    , m_after(after) {
    retranslate();
}

void PixelSizeCommand::retranslate() {
    setText(QCoreApplication::translate("ds::ui::PixelSizeCommand", "Set the pixel size"));
}

void PixelSizeCommand::redo() {
    apply(m_after);
}

void PixelSizeCommand::undo() {
    apply(m_before);
}

void PixelSizeCommand::apply(const std::optional<PixelSize>& size) {
    const int index = m_session->indexOfId(m_image);
    if (index >= 0) // the image was removed since: nothing to do
        m_session->setPixelSize({index}, size);
}

} // namespace ds::ui
