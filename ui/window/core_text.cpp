#include "ui/window/core_text.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace ds::ui {

namespace {

// Every fixed string core/detect shows in the GUI. coreTextCatalogueTest fails when a detector or
// parameter is added without an entry here; then run the update_translations target and
// translations/fill_translations.py as for any GUI string.
constexpr std::array kCatalogue = {
    QT_TRANSLATE_NOOP("CoreText", "Automatic (lattice + k-NN)"),
    QT_TRANSLATE_NOOP("CoreText", "Lattice topology"),
    QT_TRANSLATE_NOOP("CoreText", "Bragg-filter residual"),
    QT_TRANSLATE_NOOP("CoreText", "Isolation forest"),
    QT_TRANSLATE_NOOP("CoreText", "One-class SVM"),
    QT_TRANSLATE_NOOP("CoreText", "k-nearest-neighbour distance"),
    QT_TRANSLATE_NOOP("CoreText", "Dense neural network"),
    QT_TRANSLATE_NOOP("CoreText", "Convolutional autoencoder + KDE"),
    QT_TRANSLATE_NOOP("CoreText", "k-NN weight"),
    QT_TRANSLATE_NOOP("CoreText", "weight of the k-NN evidence against the lattice and blob evidence (ignored when labels choose it)"),
    QT_TRANSLATE_NOOP("CoreText", "Epochs"),
    QT_TRANSLATE_NOOP("CoreText", "Training passes over the normal patches."),
    QT_TRANSLATE_NOOP("CoreText", "Training patches"),
    QT_TRANSLATE_NOOP("CoreText", "At most this many patches train the autoencoder (seeded subsample)."),
    QT_TRANSLATE_NOOP("CoreText", "Learning rate"),
    QT_TRANSLATE_NOOP("CoreText", "Adam step size."),
    QT_TRANSLATE_NOOP("CoreText", "Seed"),
    QT_TRANSLATE_NOOP("CoreText", "Random seed (subsample, batch order)."),
    QT_TRANSLATE_NOOP("CoreText", "Max epochs"),
    QT_TRANSLATE_NOOP("CoreText", "Upper bound on training passes over the labelled patches."),
    QT_TRANSLATE_NOOP("CoreText", "Patience"),
    QT_TRANSLATE_NOOP("CoreText", "Stop after this many epochs without a better validation loss."),
    QT_TRANSLATE_NOOP("CoreText", "Validation fraction"),
    QT_TRANSLATE_NOOP("CoreText", "Share of each class held out for early stopping."),
    QT_TRANSLATE_NOOP("CoreText", "Random seed (split, initialisation, batch order)."),
    QT_TRANSLATE_NOOP("CoreText", "Trees"),
    QT_TRANSLATE_NOOP("CoreText", "Number of isolation trees; more trees give smoother scores."),
    QT_TRANSLATE_NOOP("CoreText", "Subsample"),
    QT_TRANSLATE_NOOP("CoreText", "Rows drawn (without replacement) to grow each tree."),
    QT_TRANSLATE_NOOP("CoreText", "Random seed; the same seed gives the same forest."),
    QT_TRANSLATE_NOOP("CoreText", "Neighbours"),
    QT_TRANSLATE_NOOP("CoreText", "How many nearest bank patches are averaged."),
    QT_TRANSLATE_NOOP("CoreText", "Bank size"),
    QT_TRANSLATE_NOOP("CoreText", "At most this many normal patches are kept (seeded subsample)."),
    QT_TRANSLATE_NOOP("CoreText", "Random seed of the bank subsample."),
    QT_TRANSLATE_NOOP("CoreText", "nu"),
    QT_TRANSLATE_NOOP("CoreText", "Upper bound on the fraction of training patches treated as outliers."),
    QT_TRANSLATE_NOOP("CoreText", "gamma"),
    QT_TRANSLATE_NOOP("CoreText", "RBF kernel width; 0 = 1 / (features x variance)."),
    QT_TRANSLATE_NOOP("CoreText", "At most this many patches train the SVM (seeded subsample)."),
    QT_TRANSLATE_NOOP("CoreText", "Random seed of the training subsample."),
};

} // namespace

bool isCatalogued(const std::string& english) {
    return std::any_of(kCatalogue.begin(), kCatalogue.end(),
                       [&](const char* s) { return english == s; });
}

QString coreText(const std::string& english) {
    // Only catalogued text is looked up: translate() of arbitrary text would be harmless but
    // wasteful, and would hide a missing catalogue entry.
    if (!isCatalogued(english))
        return QString::fromStdString(english);
    return QCoreApplication::translate("CoreText", english.c_str());
}

} // namespace ds::ui
