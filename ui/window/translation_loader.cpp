#include "ui/window/translation_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>

namespace ds::ui {

namespace {
const QString kPrefix = QStringLiteral("defectscope_");
const QString kDirectory = QStringLiteral(":/i18n");

// Walks the user's languages in order of preference (LANGUAGE=fr:de:en gives fr, de, en) and loads
// the first translation found. English is the source language and has no file: reaching it means
// "no translation" - QTranslator::load(locale) alone would skip it and load a later German one.
bool loadPreferred(QTranslator& translator, const QLocale& locale, const QString& name,
                   const QString& dir) {
    const QStringList languages = locale.uiLanguages();
    for (const QString& ui : languages) {
        const QLocale l(ui);
        if (l.language() == QLocale::English)
            return false;
        if (translator.load(l, name, QStringLiteral("_"), dir))
            return true;
    }
    return false;
}
} // namespace

TranslationLoader::TranslationLoader(QObject* parent)
    : QObject(parent) {}

TranslationLoader::~TranslationLoader() {
    uninstall();
}

QLocale TranslationLoader::localeFor(const QString& language) {
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QStringList TranslationLoader::embeddedLanguages() {
    QStringList out;
    const QStringList files =
        QDir(kDirectory).entryList({kPrefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
    for (const QString& f : files)
        out << f.mid(kPrefix.size(), f.size() - kPrefix.size() - 3);
    return out;
}

bool TranslationLoader::install(const QString& language) {
    uninstall();
    const QLocale locale = localeFor(language);
    // The choice also sets number and date formats, so the whole UI speaks one language.
    QLocale::setDefault(locale);
    if (loadPreferred(m_qt, locale, QStringLiteral("qtbase"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    if (loadPreferred(m_ours, locale, QStringLiteral("defectscope"), kDirectory))
        m_oursInstalled = QCoreApplication::installTranslator(&m_ours);
    return m_oursInstalled;
}

void TranslationLoader::uninstall() {
    if (m_oursInstalled)
        QCoreApplication::removeTranslator(&m_ours);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_oursInstalled = m_qtInstalled = false;
}

} // namespace ds::ui
