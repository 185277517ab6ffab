#include "ui/window/language_switcher.h"

#include "ui/actions/label_actions.h"
#include "ui/actions/view_actions.h"
#include "ui/panels/contrast_panel.h"
#include "ui/session/autosaver.h"
#include "ui/session/session.h"
#include "ui/session/session_command.h"
#include "ui/view/micrograph_view.h"
#include "ui/window/language_menu.h"
#include "ui/window/main_window.h"
#include "ui/window/translation_loader.h"

#include <QAction>
#include <QStatusBar>
#include <QUndoStack>

namespace ds::ui {

LanguageSwitcher::LanguageSwitcher(MainWindow* window, TranslationLoader* translations,
                                   QObject* parent)
    : QObject(parent)
    , m_translations(translations) {
    follow(window);
}

void LanguageSwitcher::follow(MainWindow* window) {
    m_window = window;
    // Queued: the choice arrives from a menu of the window about to be replaced.
    connect(window->languageMenu(), &LanguageMenu::languageChosen, this, &LanguageSwitcher::switchTo,
            Qt::QueuedConnection);
}

void LanguageSwitcher::switchTo(const QString& language) {
    if (!m_window)
        return;
    m_pending = language;
    Session* session = m_window->session();
    if (!session->isBusy()) {
        rebuild();
        return;
    }
    if (m_waiting)
        return; // the newest choice wins when the job is done
    m_waiting = true;
    m_window->statusBar()->showMessage(tr("The language changes when the running job is done."));
    connect(session, &Session::busyChanged, this, [this, session](bool busy) {
        if (busy)
            return;
        disconnect(session, &Session::busyChanged, this, nullptr);
        m_waiting = false;
        rebuild();
    });
}

void LanguageSwitcher::rebuild() {
    MainWindow* old = m_window;
    if (!old)
        return;
    // Settings first: panels read their stored state (and LanguageMenu its checked entry) when built.
    m_translations->install(m_pending);
    // Before the new window makes its Undo/Redo actions from the stack's texts.
    QUndoStack* stack = old->session()->undoStack();
    for (int i = 0; i < stack->count(); ++i)
        if (auto* c = dynamic_cast<SessionCommand*>(const_cast<QUndoCommand*>(stack->command(i))))
            c->retranslate();
    const QByteArray geometry = old->saveGeometry();
    const QByteArray state = old->saveState();
    const MicrographView::Place place = old->view()->place();
    const DisplayMapping mapping = old->contrastPanel()->mapping();
    const Tool tool = old->view()->tool();
    const bool labels = old->viewActions()->showLabels()->isChecked();
    const bool heat = old->viewActions()->showHeatMap()->isChecked();
    const bool visible = old->isVisible();
    old->autosaver()->flush(); // the new window's Autosaver starts with nothing pending

    auto* window = new MainWindow(old->session()); // takes the Session from the old window
    window->setInteractive(old->isInteractive());
    window->setAttribute(Qt::WA_DeleteOnClose, old->testAttribute(Qt::WA_DeleteOnClose));
    window->restoreGeometry(geometry);
    window->restoreState(state);
    if (visible)
        window->show();
    window->contrastPanel()->setMapping(mapping);
    window->viewActions()->showLabels()->setChecked(labels);
    window->viewActions()->showHeatMap()->setChecked(heat);
    if (QAction* a = window->labelActions()->toolAction(tool))
        a->trigger();
    window->view()->setPlace(place);

    old->hide(); // not close(): that would ask to save the project the new window now holds
    old->deleteLater();
    follow(window);
    emit windowReplaced(window);
}

} // namespace ds::ui
