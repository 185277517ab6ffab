#include "ui/detector_results.h"

namespace ds::ui {

DetectorResults::DetectorResults(Session* session, QObject* parent) : QObject(parent), m_session(session) {
    connect(session, &Session::changed, this, &DetectorResults::onSessionChanged);
}

void DetectorResults::add(const DetectorImageResult& result) {
    const QString id = QString::fromStdString(result.detector);
    m_results[result.imageIndex][id] = result;
    QStringList& order = m_order[result.imageIndex];
    if (!order.contains(id))
        order << id;
    emit resultsChanged(result.imageIndex);
}

QStringList DetectorResults::detectors(int imageIndex) const {
    const auto it = m_order.find(imageIndex);
    return it == m_order.end() ? QStringList{} : it->second;
}

const DetectorImageResult* DetectorResults::result(int imageIndex, const QString& detector) const {
    const auto it = m_results.find(imageIndex);
    if (it == m_results.end())
        return nullptr;
    const auto jt = it->second.find(detector);
    return jt == it->second.end() ? nullptr : &jt->second;
}

QString DetectorResults::shownDetector(int imageIndex) const {
    const ProjectImage* img = m_session->image(imageIndex);
    return img && !img->scores.empty() ? QString::fromStdString(img->scoresDetector) : QString();
}

void DetectorResults::setThreshold(double threshold) {
    if (m_threshold && *m_threshold == threshold)
        return;
    m_threshold = threshold;
    emit thresholdChanged(threshold);
}

void DetectorResults::onSessionChanged(Session::Changes what, int imageIndex) {
    if (what & Session::ImageList) {
        // Indices may have shifted: results keyed by index can no longer be trusted.
        m_results.clear();
        m_order.clear();
        emit resultsChanged(-1);
        return;
    }
    if ((what & Session::Grid) && m_results.count(imageIndex)) {
        const GridSpec spec = m_session->grid(imageIndex).spec();
        auto& byDetector = m_results[imageIndex];
        for (auto it = byDetector.begin(); it != byDetector.end();) {
            if (!(it->second.grid == spec)) {
                m_order[imageIndex].removeAll(it->first);
                it = byDetector.erase(it);
            } else {
                ++it;
            }
        }
        emit resultsChanged(imageIndex);
    }
}

} // namespace ds::ui
