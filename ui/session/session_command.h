#pragma once
// SessionCommand: an undo step of the Session whose text (shown in Edit > Undo ...) can be made
// again in the language installed now: LanguageSwitcher calls retranslate() on every command on
// the stack, so "Undo" names its step in the new language. GUI thread.
#include <QUndoCommand>

namespace ds::ui {

class SessionCommand : public QUndoCommand {
public:
    // Sets text() from the command's data through tr() (QCoreApplication::translate).
    virtual void retranslate() = 0;
};

} // namespace ds::ui
