#pragma once
// PixelSizeCommand: one undoable change of the pixel size the user states for one image (the
// "pixel size from a line" tool makes these; Image properties sets sizes directly, as before).
// Refers to the image by its stable id, so removing another image leaves it valid. GUI thread.
#include "core/io/pixel_size.h"

#include "ui/session/image_state_command.h"

#include <cstdint>
#include <optional>

namespace ds::ui {

class Session;

class PixelSizeCommand : public ImageStateCommand<std::optional<PixelSize>> {
public:
    PixelSizeCommand(Session* session, std::uint64_t imageId, std::optional<PixelSize> before,
                     std::optional<PixelSize> after);
    void retranslate() override;
};

} // namespace ds::ui
