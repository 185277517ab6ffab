#pragma once
// Settings: every persistent preference of the desktop application, each key declared once here
// with its type and default (QSettings underneath, under the organisation/application names set by
// Application). Tests isolate it with QStandardPaths::setTestModeEnabled(true) and their own
// organisation name. Cheap to construct; GUI thread.
#include "core/grid/patch_grid.h"
#include "ui/view/display_mapping.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace ds::ui {

class Settings {
public:
    Settings();

    static constexpr int kMaxRecentFiles = 10;
    QStringList recentFiles() const;
    void addRecentFile(const QString& path); // most recent first, duplicates removed
    void removeRecentFile(const QString& path);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    // UI language ("de", "zh_CN"...); empty = follow the system locale.
    QString language() const;
    void setLanguage(const QString& language);

    QString lastDirectory() const; // where file dialogs start
    void setLastDirectory(const QString& dir);

    GridSpec defaultGrid() const; // grid for newly added image files
    void setDefaultGrid(const GridSpec& grid);
    // Newly added images get the lattice's automatic grid (4 bonds, stride 2) once loaded, when the
    // lattice is clear; otherwise they keep defaultGrid().
    bool gridFromLattice() const;
    void setGridFromLattice(bool on);

    Lut lut() const;
    void setLut(Lut lut);
    // Auto-contrast clips this fraction of pixels at each end (e.g. 0.005 = 0.5 %).
    static constexpr double kDefaultAutoContrastClip = 0.005;
    double autoContrastClip() const;
    void setAutoContrastClip(double fraction);

    bool showGrid() const;
    void setShowGrid(bool show);

    // Folder File > Export Report last wrote to (empty = none yet).
    QString reportDirectory() const;
    void setReportDirectory(const QString& dir);
    // Folder File > Export training set last wrote to (empty = none yet).
    QString trainingSetDirectory() const;
    void setTrainingSetDirectory(const QString& dir);

    // Largest frame, in pixels, that the readers accept (judged from the file header before decoding).
    // Unset: core's kDefaultMaxPixels, the CLI's default too. Application applies it at start-up and
    // the preferences dialog when changed (ds::setDefaultMaxPixels).
    std::uint64_t maxPixels() const;
    void setMaxPixels(std::uint64_t pixels);

private:
    QSettings m_s;
};

} // namespace ds::ui
