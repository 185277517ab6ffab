#pragma once
// Session: the open project as the GUI edits it. Owns the core Project, the QUndoStack through
// which every edit (labels, grid) goes, the pixels of loaded images (via ImageLoader, off the GUI
// thread) and the project's file name. Views and panels never change the project directly: they
// call Session, and redraw on `changed(flags, image)` only what the flags say changed. A brush
// stroke (beginStroke / paint... / endStroke) is one undo step. Images are addressed by index in
// the API (what the image list shows) but kept by their stable ProjectImage::id inside (undo
// commands, pixel cache, runs), so removing one image leaves the others' history alone. Lives on
// the GUI thread.
#include "core/analysis/grid_rule.h"
#include "core/project/project.h"
#include "ui/session/frame_command.h"
#include "ui/session/grid_command.h"
#include "ui/session/image_loader.h"
#include "ui/session/loaded_image.h"

#include <QFlags>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace ds::ui {

class Session : public QObject {
    Q_OBJECT
public:
    enum Change {
        NoChange = 0,
        Labels = 1 << 0,    // hand labels of one image
        Scores = 1 << 1,    // detector runs of one image, or which run is shown, or its threshold
        Grid = 1 << 2,      // the patch grid of one image (labels and scores change with it)
        Image = 1 << 3,     // pixels of one image became available (or failed)
        ImageList = 1 << 4, // images added or removed, or a new project
        Detector = 1 << 5,  // detector settings of the project
        Units = 1 << 6,     // the calibration (pixel size) of one image (-1: several)
    };
    Q_DECLARE_FLAGS(Changes, Change)

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // ---- the project ----
    const Project& project() const { return m_project; }
    int imageCount() const { return static_cast<int>(m_project.images.size()); }
    int currentIndex() const { return m_current; }
    const ProjectImage* image(int index) const;
    const ProjectImage* currentImage() const { return image(m_current); }
    int indexOfId(std::uint64_t id) const { return m_project.indexOfId(id); } // -1 when removed
    std::uint64_t idOf(int index) const { return image(index) ? image(index)->id : 0; }
    // The grid of an image (empty while its size is not known).
    PatchGrid grid(int index) const;
    // Pixels of an image once loaded, else null (a load is started on demand by setCurrentImage).
    std::shared_ptr<const LoadedImage> pixels(int index) const;
    QString imageError(int index) const { return m_loadErrors.value(idOf(index)); }

    QString projectPath() const { return m_path; }
    bool isModified() const;
    QUndoStack* undoStack() const { return m_undo; }

    // ---- busy: loads and other background jobs (e.g. a detector run) in flight ----
    bool isBusy() const { return m_jobs > 0 || m_loader->pending() > 0 || m_adder->pending() > 0; }
    void beginJob();
    void endJob();

    // ---- edits (undoable) ----
    void setLabels(const std::vector<int>& patches, Label label);   // one undo step
    void beginStroke();                                             // a brush stroke: ...
    void paintLabels(const std::vector<int>& patches, Label label); // ... any number of these ...
    void endStroke();                                               // ... is one undo step
    void setGridSpec(const GridSpec& spec); // current image; labels carried over
    // The grid new image files start with (the application sets it from the settings).
    void setDefaultGrid(const GridSpec& spec) { m_defaultGrid = spec; }
    const GridSpec& defaultGrid() const { return m_defaultGrid; }
    // The grid of a newly added image sized by someone else (AutoGridSizer): not an undo step (the
    // image has no labels yet), but a change the project must save. False when it does not fit.
    bool applyAutoGrid(int index, const GridSpec& spec);
    // Pending = the grid of the image at `path` is being sized; a queued --run waits for it, and a
    // run the user starts on it withdraws the claim (their grid wins). Keyed by path because
    // indices shift when images are removed; a new project clears all claims.
    void setGridPending(const std::string& path, bool pending);
    bool isGridPending(const std::string& path) const { return m_gridPending.contains(QString::fromStdString(path)); }
    bool isGridPending(int index) const { return image(index) && isGridPending(image(index)->path); }
    int indexOfPath(const std::string& path) const; // -1 when no image has it

    // ---- calibration ----
    // The calibration that counts for image `index`: the pixel size the user stated, else the
    // file's (empty axes while the pixels are not loaded).
    Calibration calibration(int index) const;
    // States the pixel size of the images (nullopt: back to the file's calibration); remembered in
    // the project. Not an undo step: it changes no label or grid.
    void setPixelSize(const std::vector<int>& indices, const std::optional<PixelSize>& size);

    // ---- frames of stacks ----
    // Frames in the file of image `index` (1 for single images; 0 while its pixels are not loaded).
    int frameCount(int index) const;
    // Makes image `index` stand for another frame of its file: its pixels are read again, its runs
    // set aside (they scored other pixels), its labels kept; remembered in the project. One undo
    // step (FrameCommand): undo brings the old frame back with its runs. Ignored for a frame the
    // file does not have.
    void setFrame(int index, int frame);

    // ---- runs (not undoable: they are recomputed, not authored) ----
    // Adds the run to the image with this id (it replaces that image's run of the same detector)
    // and shows it. False (with errorOccurred) when the image is gone or its grid changed since.
    bool addRun(std::uint64_t imageId, StoredRun run);
    // Shows the image's run of `detector` as the heat map.
    void showRun(int index, const std::string& detector);
    // The user's threshold of the image's shown run (empty = back to the threshold rule).
    void setRunThreshold(int index, std::optional<double> threshold);
    void setDetectorSettings(const nlohmann::json& settings);

    // ---- project life cycle ----
    void newProject();
    // Reads the files in the background and adds, in the given order, those that could be read;
    // the first one added becomes current. Files that cannot be read are not added: one
    // errorOccurred names each with the reason once the whole batch is through.
    void addImageFiles(const QStringList& paths);
    int pendingImageFiles() const { return static_cast<int>(m_adding.size()); }
    void addSyntheticImage(std::uint64_t seed);
    // A new, unmodified project holding only the synthetic demo image (nothing to save yet).
    void openDemo(std::uint64_t seed = 1);
    void removeImage(int index); // other images keep their undo history, runs and pixels
    void setCurrentImage(int index);
    bool openProject(const QString& path, QString* error);
    bool saveProject(const QString& path, QString* error); // also becomes the project's path
    // Replaces the project by an autosave's content, keeping `projectPath` as the file to save to;
    // the session is modified afterwards so the recovered work is saved deliberately.
    bool recoverAutosave(const QString& autosaveFile, const QString& projectPath, QString* error);
    // Images whose files do not exist; relocate them by file name in `folder`; returns how many
    // moved.
    QStringList missingImages() const;
    int relocateImages(const QString& folder);

    // ---- import / export for the current image ----
    // Point annotations (x,y,kind): every patch containing a point becomes Defect. Returns patches
    // set.
    int importPoints(const QString& csvPath, QString* error);
    int importLabels(const QString& csvPath, QString* error); // x,y,width,height,label
    bool exportLabels(const QString& csvPath, QString* error) const;

    // ---- for the undo commands only: apply a state without recording it (no-ops once the
    // image with that id was removed) ----
    void applyLabels(std::uint64_t imageId, const std::vector<int>& patches, const std::vector<Label>& labels);
    void applyGrid(std::uint64_t imageId, const GridState& state);
    void applyFrame(std::uint64_t imageId, const FrameState& state);

signals:
    void changed(ds::ui::Session::Changes what, int imageIndex);
    void currentImageChanged(int index);
    void projectPathChanged(const QString& path);
    void modifiedChanged(bool modified);
    void busyChanged(bool busy);
    // Something the user must be told about (a file that failed to load...); the session continues.
    void errorOccurred(const QString& message);
    void saved(const QString& path);
    // Image `index` was loaded for the first time (its size was unknown, so its grid is the default).
    void sizeLearned(int index);
    // A different project replaced the open one (new, opened, recovered): per-project status
    // texts start afresh.
    void projectReset();

private:
    void resetProject(Project project, const QString& path);
    void requestPixels(int index);
    void onLoaded(quint64 id, std::shared_ptr<const LoadedImage> image);
    void onLoadFailed(quint64 id, const QString& message);
    ProjectImage* mutableImage(int index);
    void onAddResolved(quint64 slot, std::shared_ptr<const LoadedImage> image, const QString& error);
    void flushAdds();
    void updateBusy();
    void setPath(const QString& path);
    void markDirty(); // a change outside the undo stack (images added, scores) that needs saving

    Project m_project;
    int m_current = -1;
    QString m_path;
    QUndoStack* m_undo = nullptr;
    ImageLoader* m_loader = nullptr;
    // Files being read before they are added (addImageFiles), in the order given.
    struct PendingAdd {
        QString path; // absolute
        quint64 slot = 0; // m_adder's key
        bool resolved = false;
        std::shared_ptr<const LoadedImage> image; // null = could not be read (see error)
        QString error;
    };
    ImageLoader* m_adder = nullptr;
    std::vector<PendingAdd> m_adding;
    QStringList m_addFailures;
    bool m_selectNextAdded = false;
    quint64 m_nextAddSlot = 0;
    QHash<quint64, std::shared_ptr<const LoadedImage>> m_pixels; // by image id
    QHash<quint64, QString> m_loadErrors;                         // by image id
    std::vector<quint64> m_recent; // most recently used image ids, for evicting pixels
    GridSpec m_defaultGrid = fallbackGrid();
    bool m_dirty = false;
    QSet<QString> m_gridPending; // image paths
    int m_jobs = 0;
    bool m_busy = false;
    int m_strokeId = 0; // > 0 while a stroke is open
    int m_nextStrokeId = 0;
};

} // namespace ds::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(ds::ui::Session::Changes)
