#include "ui/session/detector_results.h"

#include "core/analysis/run_threshold.h"

namespace ds::ui {

DetectorResults::DetectorResults(Session* session, QObject* parent) : QObject(parent), m_session(session) {
    connect(session, &Session::changed, this, &DetectorResults::onSessionChanged);
    connect(session, &Session::currentImageChanged, this, [this] { announceThreshold(); });
}

bool DetectorResults::add(const DetectorImageResult& result) {
    return m_session->addRun(result.imageId, StoredRun{result.spec, result.run, std::nullopt});
}

QStringList DetectorResults::detectors(int imageIndex) const {
    QStringList out;
    if (const ProjectImage* img = m_session->image(imageIndex))
        for (const StoredRun& r : img->runs)
            out << QString::fromStdString(r.result.detector);
    return out;
}

const StoredRun* DetectorResults::result(int imageIndex, const QString& detector) const {
    const ProjectImage* img = m_session->image(imageIndex);
    return img ? img->run(detector.toStdString()) : nullptr;
}

QString DetectorResults::shownDetector(int imageIndex) const {
    const ProjectImage* img = m_session->image(imageIndex);
    return img ? QString::fromStdString(img->scoresDetector()) : QString();
}

std::optional<double> DetectorResults::threshold() const {
    const ProjectImage* img = m_session->currentImage();
    const StoredRun* run = img ? img->shown() : nullptr;
    if (!run)
        return std::nullopt;
    if (run->userThreshold)
        return run->userThreshold;
    const auto choice = chooseRunThreshold(run->spec, run->result, img->labels);
    return choice ? std::optional<double>(choice->value) : std::nullopt;
}

QString DetectorResults::thresholdRule() const {
    const ProjectImage* img = m_session->currentImage();
    const StoredRun* run = img ? img->shown() : nullptr;
    if (!run)
        return {};
    if (run->userThreshold)
        return QStringLiteral("fixed");
    const auto choice = chooseRunThreshold(run->spec, run->result, img->labels);
    return choice ? QString::fromStdString(choice->rule) : QString();
}

void DetectorResults::setThreshold(double threshold) {
    m_session->setRunThreshold(m_session->currentIndex(), threshold);
}

void DetectorResults::announceThreshold() {
    const auto t = threshold();
    if (t == m_announced)
        return;
    m_announced = t;
    if (t)
        emit thresholdChanged(*t);
}

void DetectorResults::onSessionChanged(Session::Changes what, int imageIndex) {
    if (what & (Session::ImageList | Session::Scores | Session::Grid))
        emit resultsChanged(imageIndex);
    // Labels move the rule's threshold (Youden); runs and grids replace it.
    if ((what & (Session::ImageList | Session::Scores | Session::Grid | Session::Labels)) &&
        (imageIndex < 0 || imageIndex == m_session->currentIndex()))
        announceThreshold();
}

} // namespace ds::ui
