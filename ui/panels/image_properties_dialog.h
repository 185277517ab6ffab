#pragma once
// ImagePropertiesDialog: what the project knows about one image - file, size in pixels, frames,
// the calibration the file states - and the pixel size that counts, which the user may set (square
// or x by y, in nm per pixel) for this image or for every image of the project, or hand back to the
// file. Uncalibrated files (TIFF from many tools, .npy) need this for the scale bar, nm positions
// and defect densities. Applies through Session::setPixelSize when accepted. GUI thread.
#include "core/io/pixel_size.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;

namespace ds::ui {

class Session;

class ImagePropertiesDialog : public QDialog {
    Q_OBJECT
public:
    ImagePropertiesDialog(Session* session, int index, QWidget* parent = nullptr);

    // What OK applies: the stated pixel size (nullopt = the file's calibration) ...
    std::optional<PixelSize> chosenPixelSize() const;
    // ... to every image of the project, or only this one.
    bool appliesToAll() const;
    void setPixelSize(const std::optional<PixelSize>& size, bool allImages);

public slots:
    void accept() override;

private:
    void updateEnabled();

    Session* m_session;
    int m_index;
    QRadioButton* m_fromFile;
    QRadioButton* m_stated;
    QDoubleSpinBox* m_x;
    QDoubleSpinBox* m_y;
    QCheckBox* m_square;
    QCheckBox* m_all;
};

} // namespace ds::ui
