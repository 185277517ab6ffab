#include "ui/window/language_menu.h"

#include "ui/window/settings.h"
#include "ui/window/translation_loader.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMessageBox>
#include <QTranslator>

namespace ds::ui {

namespace {
const char* const kContext = "ds::ui::LanguageMenu";

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
    , m_window(window)
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
    emit languageChosen(language);
    // Non-blocking, like the other messages: nothing waits on it.
    auto* box = new QMessageBox(QMessageBox::Information, tr("Language"), restartNote(language),
                                QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString LanguageMenu::restartNote(const QString& language) const {
    const char* const note =
        QT_TR_NOOP("The new language is used the next time DefectScope starts.");
    QString text = tr(note);
    // The same note in the chosen language, for a user who cannot read the current one.
    QTranslator chosen;
    const QLocale locale = TranslationLoader::localeFor(language);
    QString other = locale.language() == QLocale::English ? QString::fromLatin1(note) : QString();
    if (other.isEmpty() && chosen.load(locale, QStringLiteral("defectscope"), QStringLiteral("_"),
                                       QStringLiteral(":/i18n")))
        other = chosen.translate(kContext, note);
    if (!other.isEmpty() && other != text)
        text += QStringLiteral("\n\n") + other;
    return text;
}

} // namespace ds::ui
