#pragma once
// LanguageMenu: View > Language - the system language, English, Deutsch, 简体中文 (each named in
// its own language, so a user lost in a foreign UI still finds theirs). The choice is stored with
// Settings::setLanguage() and announced with languageChosen; LanguageSwitcher applies it at once.
// GUI thread.
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
    // Adds the submenu to `viewMenu`; `window` owns it.
    LanguageMenu(QMenu* viewMenu, QWidget* window);

    QMenu* menu() const { return m_menu; }
    // The action for a Settings::language() value ("" = system, "en", "de", "zh_CN").
    QAction* action(const QString& language) const;

signals:
    void languageChosen(const QString& language);

private:
    void choose(const QString& language);

    QMenu* m_menu;
    QActionGroup* m_group;
};

} // namespace ds::ui
