#pragma once
// CoreText: the GUI's translations of the fixed English text core/ hands up (detector names,
// parameter labels and descriptions). core/ never sees Qt, so it cannot call tr(); the catalogue in
// core_text.cpp lists every such string under QT_TRANSLATE_NOOP so lupdate extracts it, and
// coreText() looks the translation up at run time. Text not in the catalogue (file names, error
// details) passes through unchanged. Pure functions; GUI thread.
#include <QString>

#include <string>

namespace ds::ui {

QString coreText(const std::string& english);
// True when `english` is in the catalogue (a test keeps the catalogue in step with core/).
bool isCatalogued(const std::string& english);

} // namespace ds::ui
