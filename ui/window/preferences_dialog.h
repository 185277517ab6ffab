#pragma once
// PreferencesDialog (Edit > Preferences…): the application-wide preferences that have no panel of
// their own - the largest image the readers accept (the GUI's twin of the CLI's --max-pixels) and
// the auto-contrast clip. Reads Settings when built; OK writes them and applies the pixel limit to
// the process at once (ds::setDefaultMaxPixels), so the next file opened is judged by it. Images
// already open are not re-read. GUI thread.
#include <QDialog>

#include <cstdint>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ds::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    // The limit as the dialog shows it: the side of the largest square frame (the limit is its
    // square, so 16384 gives core's default of 2^28 pixels).
    int maxSide() const;
    void setMaxSide(int side);
    double autoContrastClipPercent() const;
    void setAutoContrastClipPercent(double percent);

    static constexpr int kMinSide = 256;   // below this no micrograph of interest opens
    static constexpr int kMaxSide = 65536; // 2^32 pixels: 16 GiB per frame as float32
    // The side shown for a stored limit: the largest square that fits in it.
    static int sideForPixels(std::uint64_t pixels);

public slots:
    void accept() override; // writes Settings and applies the limit
    void restoreDefaults();

private:
    void updateMemoryNote();

    QSpinBox* m_side;
    QLabel* m_memory;
    QDoubleSpinBox* m_clip;
};

} // namespace ds::ui
