#pragma once
// TranslationLoader: decides the UI language - the preference in Settings::language() when set
// ("en", "de", "zh_CN"), otherwise the system locale - and installs DefectScope's embedded
// translation (":/i18n/defectscope_<lang>.qm") plus Qt's own (qtbase_<lang>.qm from the system,
// when present) into the application. Installing again replaces the previous pair, so a test can
// switch languages; widgets created before a switch keep their texts. GUI thread.
#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace ds::ui {

class TranslationLoader : public QObject {
    Q_OBJECT
public:
    explicit TranslationLoader(QObject* parent = nullptr);
    ~TranslationLoader() override;

    // Installs the translators for `language` ("" = follow the system locale). Returns true when
    // DefectScope's own translation for it was found; English (the source language) returns false
    // and leaves the untranslated texts.
    bool install(const QString& language);
    // Removes whatever install() put in.
    void uninstall();

    // The locale a preference stands for ("" = the system locale).
    static QLocale localeFor(const QString& language);
    // Languages with an embedded translation, e.g. {"de", "zh_CN"} (English is the source).
    static QStringList embeddedLanguages();

private:
    QTranslator m_qt;
    QTranslator m_ours;
    bool m_qtInstalled = false;
    bool m_oursInstalled = false;
};

} // namespace ds::ui
