#include "ui/window/language_menu.h"

#include "ui/window/settings.h"
#include "ui/window/translation_loader.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

namespace ds::ui {

namespace {

struct Choice {
    QString code;
    QString name; // endonym: never translated
};

QList<Choice> choices() {
    // Only languages whose translation is embedded are offered, plus English (the source).
    QList<Choice> out{{QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList embedded = TranslationLoader::embeddedLanguages();
    for (const QString& code : embedded) {
        const QLocale l(code);
        QString name = l.nativeLanguageName();
        if (l.language() == QLocale::Chinese)
            name = l.script() == QLocale::TraditionalChineseScript ? QStringLiteral("繁體中文")
                                                                   : QStringLiteral("简体中文");
        out.append({code, name});
    }
    return out;
}
} // namespace

LanguageMenu::LanguageMenu(QMenu* viewMenu, QWidget* window)
    : QObject(window)
    , m_menu(viewMenu->addMenu(tr("La&nguage")))
    , m_group(new QActionGroup(this)) {
    m_menu->setObjectName(QStringLiteral("LanguageMenu"));
    const QString current = Settings().language();
    const QString systemName = QLocale::system().nativeLanguageName();
    auto add = [this, &current](const QString& code, const QString& text) {
        QAction* a = m_menu->addAction(text);
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(code == current);
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { choose(code); });
    };
    add(QString(), systemName.isEmpty() ? tr("&System language")
                                        : tr("&System language (%1)").arg(systemName));
    m_menu->addSeparator();
    for (const Choice& c : choices())
        add(c.code, c.name);
    if (!m_group->checkedAction()) // a stored language we no longer ship: show "system"
        m_group->actions().constFirst()->setChecked(true);
}

QAction* LanguageMenu::action(const QString& language) const {
    const auto actions = m_group->actions();
    for (QAction* a : actions)
        if (a->data().toString() == language)
            return a;
    return nullptr;
}

void LanguageMenu::choose(const QString& language) {
    Settings settings;
    if (settings.language() == language)
        return;
    settings.setLanguage(language);
    emit languageChosen(language); // LanguageSwitcher rebuilds the window in it
}

} // namespace ds::ui
