// Session, continued: project life cycle (new, open, save, recover) and label import/export.
// Kept apart from session.cpp so each file stays readable; same class, same thread rules.
#include "ui/session/session.h"

#include "core/labels/label_csv.h"
#include "core/labels/truth_points.h"
#include "core/project/project_file.h"

#include <QFileInfo>
#include <QUndoStack>

#include <set>

namespace ds::ui {

void Session::resetProject(Project project, const QString& path) {
    m_loader->cancelAll();
    m_adder->cancelAll();
    m_adding.clear();
    m_addFailures.clear();
    m_selectNextAdded = false;
    m_pixels.clear();
    m_loadErrors.clear();
    m_recent.clear();
    m_gridPending.clear();
    m_project = std::move(project);
    m_undo->clear();
    m_undo->setClean();
    m_strokeId = 0;
    m_current = -1;
    const bool wasModified = m_dirty;
    m_dirty = false;
    setPath(path);
    if (wasModified)
        emit modifiedChanged(isModified());
    emit projectReset();
    emit changed(ImageList, -1);
    if (imageCount() > 0)
        setCurrentImage(std::clamp(m_project.currentImage, 0, imageCount() - 1));
    else
        emit currentImageChanged(-1);
    updateBusy();
}

void Session::setPath(const QString& path) {
    if (path == m_path)
        return;
    m_path = path;
    emit projectPathChanged(path);
}

void Session::newProject() {
    resetProject(Project{}, QString());
}

bool Session::openProject(const QString& path, QString* error) {
    auto p = readProject(path.toStdString());
    if (!p) {
        if (error)
            *error = QString::fromStdString(p.error().message);
        return false;
    }
    resetProject(std::move(p).value(), QFileInfo(path).absoluteFilePath());
    return true;
}

bool Session::saveProject(const QString& path, QString* error) {
    const Status s = writeProject(path.toStdString(), m_project);
    if (!s) {
        if (error)
            *error = QString::fromStdString(s.error().message);
        return false;
    }
    setPath(QFileInfo(path).absoluteFilePath());
    m_dirty = false;
    m_undo->setClean();
    emit modifiedChanged(isModified());
    emit saved(m_path);
    return true;
}

bool Session::recoverAutosave(const QString& autosaveFile, const QString& projectPath,
                              QString* error) {
    auto p = readProject(autosaveFile.toStdString());
    if (!p) {
        if (error)
            *error = QString::fromStdString(p.error().message);
        return false;
    }
    resetProject(std::move(p).value(),
                 projectPath.isEmpty() ? QString() : QFileInfo(projectPath).absoluteFilePath());
    markDirty();
    return true;
}

int Session::importPoints(const QString& csvPath, QString* error) {
    const PatchGrid g = grid(m_current);
    if (g.empty()) {
        if (error)
            *error = tr("No image with a known size is selected.");
        return -1;
    }
    auto points = readTruthPoints(csvPath.toStdString());
    if (!points) {
        if (error)
            *error = QString::fromStdString(points.error().message);
        return -1;
    }
    std::set<int> patches;
    for (const TruthPoint& p : *points)
        for (int i : g.patchesContaining(p.x, p.y))
            patches.insert(i);
    setLabels(std::vector<int>(patches.begin(), patches.end()), Label::Defect);
    return static_cast<int>(patches.size());
}

int Session::importLabels(const QString& csvPath, QString* error) {
    const PatchGrid g = grid(m_current);
    if (g.empty()) {
        if (error)
            *error = tr("No image with a known size is selected.");
        return -1;
    }
    auto rects = readLabelCsv(csvPath.toStdString());
    if (!rects) {
        if (error)
            *error = QString::fromStdString(rects.error().message);
        return -1;
    }
    const std::vector<Label> labels = labelsFromRects(g, *rects);
    std::vector<int> defect, perfect;
    for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
        if (labels[static_cast<std::size_t>(i)] == Label::Defect)
            defect.push_back(i);
        else if (labels[static_cast<std::size_t>(i)] == Label::Perfect)
            perfect.push_back(i);
    }
    m_undo->beginMacro(tr("Import labels from %1").arg(QFileInfo(csvPath).fileName()));
    setLabels(defect, Label::Defect);
    setLabels(perfect, Label::Perfect);
    m_undo->endMacro();
    return static_cast<int>(defect.size() + perfect.size());
}

bool Session::exportLabels(const QString& csvPath, QString* error) const {
    const ProjectImage* img = currentImage();
    const PatchGrid g = grid(m_current);
    if (!img || g.empty()) {
        if (error)
            *error = tr("No image with a known size is selected.");
        return false;
    }
    const Status s = writeLabelCsv(csvPath.toStdString(), rectsFromLabels(g, img->labels));
    if (!s && error)
        *error = QString::fromStdString(s.error().message);
    return s.ok();
}

} // namespace ds::ui
