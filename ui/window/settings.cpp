#include "ui/window/settings.h"

#include "core/analysis/grid_rule.h"
#include "core/io/read_micrograph.h"

#include <QDir>

#include <algorithm>

namespace ds::ui {

namespace {
// Keys in one place, so a typo cannot silently create a second setting.
constexpr auto kRecent = "files/recent";
constexpr auto kLastDir = "files/lastDirectory";
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kLanguage = "ui/language";
constexpr auto kGridSide = "grid/side";
constexpr auto kGridStride = "grid/stride";
constexpr auto kLut = "display/lut";
constexpr auto kClip = "display/autoContrastClip";
constexpr auto kShowGrid = "display/showGrid";
constexpr auto kGridFromLattice = "grid/fromLattice";
constexpr auto kReportDir = "files/reportDirectory";
constexpr auto kTrainingSetDir = "files/trainingSetDirectory";
constexpr auto kMaxPixels = "files/maxPixels";
} // namespace

Settings::Settings() = default;

QStringList Settings::recentFiles() const {
    return m_s.value(kRecent).toStringList();
}

void Settings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    m_s.setValue(kRecent, files);
}

void Settings::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    m_s.setValue(kRecent, files);
}

QByteArray Settings::windowGeometry() const {
    return m_s.value(kGeometry).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& geometry) {
    m_s.setValue(kGeometry, geometry);
}
QByteArray Settings::windowState() const {
    return m_s.value(kState).toByteArray();
}
void Settings::setWindowState(const QByteArray& state) {
    m_s.setValue(kState, state);
}

QString Settings::language() const {
    return m_s.value(kLanguage).toString();
}
void Settings::setLanguage(const QString& language) {
    m_s.setValue(kLanguage, language);
}

QString Settings::lastDirectory() const {
    return m_s.value(kLastDir, QDir::homePath()).toString();
}
void Settings::setLastDirectory(const QString& dir) {
    m_s.setValue(kLastDir, dir);
}

GridSpec Settings::defaultGrid() const {
    // Unset: the automatic rule's fallback grid, the one the CLI uses when no lattice sizes patches.
    GridSpec g = fallbackGrid();
    g.side = std::max(2, m_s.value(kGridSide, g.side).toInt());
    g.stride = std::max(1, m_s.value(kGridStride, g.stride).toInt());
    return g;
}

void Settings::setDefaultGrid(const GridSpec& grid) {
    m_s.setValue(kGridSide, grid.side);
    m_s.setValue(kGridStride, grid.stride);
}

Lut Settings::lut() const {
    const int v = m_s.value(kLut, 0).toInt();
    return v >= 0 && v <= static_cast<int>(Lut::Magma) ? static_cast<Lut>(v) : Lut::Grey;
}
void Settings::setLut(Lut lut) {
    m_s.setValue(kLut, static_cast<int>(lut));
}

double Settings::autoContrastClip() const {
    return std::clamp(m_s.value(kClip, kDefaultAutoContrastClip).toDouble(), 0.0, 0.2);
}
void Settings::setAutoContrastClip(double fraction) {
    m_s.setValue(kClip, fraction);
}

bool Settings::gridFromLattice() const {
    return m_s.value(kGridFromLattice, true).toBool();
}
void Settings::setGridFromLattice(bool on) {
    m_s.setValue(kGridFromLattice, on);
}

bool Settings::showGrid() const {
    return m_s.value(kShowGrid, true).toBool();
}
void Settings::setShowGrid(bool show) {
    m_s.setValue(kShowGrid, show);
}

QString Settings::reportDirectory() const {
    return m_s.value(kReportDir).toString();
}
void Settings::setReportDirectory(const QString& dir) {
    m_s.setValue(kReportDir, dir);
}

QString Settings::trainingSetDirectory() const {
    return m_s.value(kTrainingSetDir).toString();
}
void Settings::setTrainingSetDirectory(const QString& dir) {
    m_s.setValue(kTrainingSetDir, dir);
}

std::uint64_t Settings::maxPixels() const {
    bool ok = false;
    const qulonglong v = m_s.value(kMaxPixels).toULongLong(&ok);
    return ok && v > 0 ? v : kDefaultMaxPixels; // unset or unreadable: core's default
}
void Settings::setMaxPixels(std::uint64_t pixels) {
    m_s.setValue(kMaxPixels, static_cast<qulonglong>(pixels));
}

} // namespace ds::ui
