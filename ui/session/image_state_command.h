#pragma once
// ImageStateCommand<State>: the shape every per-image undo step shares - the image's state before
// and after the change, applied to the image with a stable id (so removing another image leaves the
// step valid; a removed image makes it a no-op, decided by `apply`). Subclasses only say what the
// step is called (retranslate). GUI thread.
#include "ui/session/session_command.h"

#include <cstdint>
#include <functional>
#include <utility>

namespace ds::ui {

template <class State>
class ImageStateCommand : public SessionCommand {
public:
    using Apply = std::function<void(std::uint64_t imageId, const State& state)>;

    ImageStateCommand(std::uint64_t imageId, State before, State after, Apply apply)
        : m_image(imageId)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_apply(std::move(apply)) {}

    void redo() override { m_apply(m_image, m_after); }
    void undo() override { m_apply(m_image, m_before); }

protected:
    const State& after() const { return m_after; }

private:
    std::uint64_t m_image;
    State m_before, m_after;
    Apply m_apply;
};

} // namespace ds::ui
