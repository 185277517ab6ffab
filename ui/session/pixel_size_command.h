#pragma once
// PixelSizeCommand: one undoable change of the pixel size the user states for one image (the
// "pixel size from a line" tool makes these; Image properties sets sizes directly, as before).
// Refers to the image by its stable id, so removing another image leaves it valid. GUI thread.
#include "core/io/pixel_size.h"

#include "ui/session/session_command.h"

#include <cstdint>
#include <optional>

namespace ds::ui {

class Session;

class PixelSizeCommand : public SessionCommand {
public:
    PixelSizeCommand(Session* session, std::uint64_t imageId, std::optional<PixelSize> before,
                     std::optional<PixelSize> after);

    void redo() override;
    void undo() override;
    void retranslate() override;

private:
    void apply(const std::optional<PixelSize>& size);

    Session* m_session;
    std::uint64_t m_image;
    std::optional<PixelSize> m_before, m_after;
};

} // namespace ds::ui
