#pragma once
// LanguageSwitcher: changes the UI language of a running DefectScope. It installs the translators
// for the new language (TranslationLoader) and builds the main window anew on the same Session:
// every text of the window - menus, docks, panels, status bar - is made by the constructors, so a
// window built after the switch has no text of the old language left, and no panel needs to
// repeat its texts. The open project, its undo history, runs and loaded pixels live in the
// Session and carry over, as do the window's geometry and docks, the view's zoom and centre, the
// contrast, the labelling tool and the overlay toggles. While a job runs (a load, a detector run)
// the switch waits for it, so nothing in flight is dropped with the old window. GUI thread.
#include <QObject>
#include <QPointer>
#include <QString>

namespace ds::ui {

class MainWindow;
class TranslationLoader;

class LanguageSwitcher : public QObject {
    Q_OBJECT
public:
    // Follows `window`'s View > Language; `translations` is the application's loader.
    LanguageSwitcher(MainWindow* window, TranslationLoader* translations, QObject* parent = nullptr);

    MainWindow* window() const { return m_window; }

    // Installs `language` ("" = system) and replaces the window by one built in it (at once, or
    // once the Session is idle). The old window is hidden and deleted later.
    void switchTo(const QString& language);

signals:
    // The window now showing the project (the old one is about to be deleted).
    void windowReplaced(ds::ui::MainWindow* window);

private:
    void follow(MainWindow* window);
    void rebuild();

    QPointer<MainWindow> m_window;
    TranslationLoader* m_translations;
    QString m_pending; // the language waiting for the Session to be idle
    bool m_waiting = false;
};

} // namespace ds::ui
