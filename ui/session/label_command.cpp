#include "ui/session/label_command.h"

#include "ui/session/session.h"

#include <QCoreApplication>

namespace ds::ui {

LabelCommand::LabelCommand(Session* session, std::uint64_t image, std::vector<int> patches,
                           std::vector<Label> before, Label after, int strokeId)
    : m_session(session)
    , m_image(image)
    , m_patches(std::move(patches))
    , m_before(std::move(before))
    , m_after(after)
    , m_strokeId(strokeId)
    , m_seen(m_patches.begin(), m_patches.end()) {
    updateText();
}

void LabelCommand::updateText() {
    const int n = static_cast<int>(m_patches.size());
    switch (m_after) {
    case Label::Defect:
        setText(QCoreApplication::translate("ds::ui::LabelCommand", "Label %n patch(es) defect",
                                            nullptr, n));
        break;
    case Label::Perfect:
        setText(QCoreApplication::translate("ds::ui::LabelCommand", "Label %n patch(es) perfect",
                                            nullptr, n));
        break;
    default:
        setText(
            QCoreApplication::translate("ds::ui::LabelCommand", "Clear %n label(s)", nullptr, n));
        break;
    }
}

void LabelCommand::redo() {
    m_session->applyLabels(m_image, m_patches, std::vector<Label>(m_patches.size(), m_after));
}

void LabelCommand::undo() {
    m_session->applyLabels(m_image, m_patches, m_before);
}

bool LabelCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const LabelCommand*>(other); // same id() guarantees the type
    if (o->m_strokeId != m_strokeId || o->m_image != m_image || o->m_after != m_after)
        return false;
    // A patch already in this stroke keeps its original "before" label.
    for (std::size_t i = 0; i < o->m_patches.size(); ++i) {
        if (m_seen.insert(o->m_patches[i]).second) {
            m_patches.push_back(o->m_patches[i]);
            m_before.push_back(o->m_before[i]);
        }
    }
    updateText();
    return true;
}

} // namespace ds::ui
