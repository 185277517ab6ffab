#pragma once
// LanguageMenu: View > Language - the system language, English, Deutsch, 简体中文 (each named in
// its own language, so a user lost in a foreign UI still finds theirs). The choice is stored with
// Settings::setLanguage() and takes effect at the next start: translators are installed before
// the first widget exists and the panels set their texts once, so a note (in the current and the
// chosen language) says so instead of half-translating a live window. GUI thread.
#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace ds::ui {

class LanguageMenu : public QObject {
    Q_OBJECT
public:
    // Adds the submenu to `viewMenu`; `window` parents the note.
    LanguageMenu(QMenu* viewMenu, QWidget* window);

    QMenu* menu() const { return m_menu; }
    // The action for a Settings::language() value ("" = system, "en", "de", "zh_CN").
    QAction* action(const QString& language) const;

signals:
    void languageChosen(const QString& language);

private:
    void choose(const QString& language);
    QString restartNote(const QString& language) const;

    QWidget* m_window;
    QMenu* m_menu;
    QActionGroup* m_group;
};

} // namespace ds::ui
