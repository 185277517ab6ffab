#include "core/detect/one_class_svm.h"

#include "core/detect/detector_support.h"
#include "core/detect/pairwise_distances.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace ds {

namespace {

// Solves abandoned by a cancelled fit keep running on detached threads. At process exit this
// object (constructed after OpenCV's own statics, so destroyed before them) waits for them, so no
// solve is still inside OpenCV while the library tears down.
class AbandonedSolves {
public:
    static AbandonedSolves& instance() {
        static AbandonedSolves solves;
        return solves;
    }
    void started() {
        std::lock_guard lock(m_mutex);
        ++m_running;
    }
    void finished() {
        {
            std::lock_guard lock(m_mutex);
            --m_running;
        }
        m_done.notify_all();
    }
    ~AbandonedSolves() {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_running == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    int m_running = 0;
};

} // namespace

OneClassSvm::OneClassSvm() { initParameters(); }

std::vector<ParamSpec> OneClassSvm::parameters() const {
    return {{"nu", "nu", "Upper bound on the fraction of training patches treated as outliers.", ParamSpec::Kind::Real,
             0.001, 1.0, 0.5},
            {"gamma", "gamma", "RBF kernel width; 0 = 1 / (features x variance).", ParamSpec::Kind::Real, 0, 1e6, 0},
            {"max_train", "Training patches", "At most this many patches train the SVM (seeded subsample).",
             ParamSpec::Kind::Int, 10, 100000, 1000},
            {"seed", "Seed", "Random seed of the training subsample.", ParamSpec::Kind::Int, 0, 1e9, 0}};
}

Status OneClassSvm::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("one-class SVM", [&] {
        detail::validateFeatures("one-class SVM", features, labels);
        rc.progress(0, "one-class SVM: training");
        const auto rows = detail::subsample(detail::normalRows(labels, features.rows()),
                                            static_cast<int>(parameter("max_train")),
                                            static_cast<std::uint64_t>(parameter("seed")));
        if (rows.size() < 2)
            fail(ErrorCode::InvalidArgument, "one-class SVM needs at least 2 normal patches");
        cv::Mat train(static_cast<int>(rows.size()), features.cols(), CV_32F);
        for (int i = 0; i < train.rows; ++i)
            features.values.row(rows[static_cast<std::size_t>(i)]).copyTo(train.row(i));
        double gamma = parameter("gamma");
        if (gamma <= 0) {
            cv::Scalar mean, sd;
            cv::meanStdDev(train.reshape(1, 1), mean, sd);
            const double var = sd[0] * sd[0];
            gamma = var > 0 ? 1.0 / (train.cols * var) : 1.0;
        }
        auto svm = cv::ml::SVM::create();
        svm->setType(cv::ml::SVM::ONE_CLASS);
        svm->setKernel(cv::ml::SVM::RBF);
        svm->setNu(parameter("nu"));
        svm->setGamma(gamma);
        svm->setTermCriteria(cv::TermCriteria(cv::TermCriteria::MAX_ITER + cv::TermCriteria::EPS, 100000, 1e-3));
        // OpenCV's solver cannot be interrupted (about 0.8 s for 1000 x 2304 here). It runs on a
        // thread of its own that owns copies of its inputs; this thread polls the stop token and,
        // on a stop, returns Cancelled at once and abandons the solve, which finishes in the
        // background and is discarded. That keeps the 100 ms cancellation promise of RunControl.
        struct Solved {
            float sign = 1.f;
        };
        auto solve = std::make_shared<std::packaged_task<Solved()>>([svm, train]() {
            cv::Mat responses(train.rows, 1, CV_32S, cv::Scalar(1));
            if (!svm->train(train, cv::ml::ROW_SAMPLE, responses))
                fail(ErrorCode::Numeric, "training did not converge");
            // OpenCV's raw one-class output has no documented sign convention: orient it so that
            // the bulk of the training patches (the inliers) score low.
            cv::Mat raw, cls;
            svm->predict(train, raw, cv::ml::StatModel::RAW_OUTPUT);
            svm->predict(train, cls);
            double inlierRaw = 0;
            int inliers = 0;
            for (int i = 0; i < train.rows; ++i)
                if (cls.at<float>(i) > 0.5f) {
                    inlierRaw += raw.at<float>(i);
                    ++inliers;
                }
            return Solved{(inliers > 0 && inlierRaw / inliers > 0) ? -1.f : 1.f};
        });
        std::future<Solved> solved = solve->get_future();
        AbandonedSolves& background = AbandonedSolves::instance();
        background.started();
        std::thread([solve = std::move(solve), &background]() mutable {
            (*solve)();
            solve.reset(); // release the inputs before saying we are done
            background.finished();
        }).detach();
        while (solved.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
            rc.throwIfStopped();
        m_sign = solved.get().sign; // rethrows what the solve threw; guarded() turns it into an Error
        m_svm = svm;
        m_columns = features.cols();
        cacheDecisionFunction();
        rc.progress(1, "one-class SVM: training");
    });
}

void OneClassSvm::cacheDecisionFunction() {
    cv::Mat alpha, index;
    m_rho = m_svm->getDecisionFunction(0, alpha, index);
    const cv::Mat all = m_svm->getSupportVectors();
    alpha.convertTo(alpha, CV_64F);
    if (all.type() != CV_32F || all.cols != m_columns || static_cast<int>(alpha.total()) != static_cast<int>(index.total()))
        fail(ErrorCode::Format, "unexpected support vector layout");
    m_sv = cv::Mat(static_cast<int>(index.total()), all.cols, CV_32F);
    m_alpha.resize(index.total());
    for (int i = 0; i < m_sv.rows; ++i) {
        const int row = index.at<int>(i);
        if (row < 0 || row >= all.rows)
            fail(ErrorCode::Format, "support vector index out of range");
        all.row(row).copyTo(m_sv.row(i));
        m_alpha[static_cast<std::size_t>(i)] = alpha.at<double>(i);
    }
    m_svNorms = detail::squaredRowNorms(m_sv);
    m_gamma = m_svm->getGamma();
}

Result<std::vector<float>> OneClassSvm::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("one-class SVM", [&]() -> std::vector<float> {
        if (!m_svm)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("one-class SVM", features, {});
        if (features.cols() != m_columns)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_columns) + " features, got " +
                                                 std::to_string(features.cols()));
        std::vector<float> out(static_cast<std::size_t>(features.rows()));
        cv::Mat d2;
        for (int b = 0; b < features.rows(); b += detail::kDistanceBlock) {
            rc.throwIfStopped();
            const int e = std::min(features.rows(), b + detail::kDistanceBlock);
            detail::squaredDistances(features.values.rowRange(b, e), m_sv, m_svNorms, d2);
            cv::Mat kernel;
            cv::exp(d2 * -m_gamma, kernel);
            for (int i = b; i < e; ++i) {
                const float* k = kernel.ptr<float>(i - b);
                double sum = -m_rho;
                for (int j = 0; j < kernel.cols; ++j)
                    sum += m_alpha[static_cast<std::size_t>(j)] * k[j];
                out[static_cast<std::size_t>(i)] = m_sign * static_cast<float>(sum);
            }
            rc.progress(static_cast<double>(e) / features.rows(), "one-class SVM: scoring");
        }
        return out;
    });
}

Status OneClassSvm::save(std::ostream& out) const {
    return guarded("one-class SVM", [&] {
        if (!m_svm)
            fail(ErrorCode::InvalidArgument, "not fitted");
        cv::FileStorage fs(".yml", cv::FileStorage::WRITE | cv::FileStorage::MEMORY);
        fs << m_svm->getDefaultName() << "{"; // the node loadFromString() looks for
        m_svm->write(fs);
        fs << "}";
        detail::writePod<std::int32_t>(out, m_columns);
        detail::writePod<float>(out, m_sign);
        detail::writeString(out, fs.releaseAndGetString());
    });
}

Status OneClassSvm::load(std::istream& in) {
    return guarded("one-class SVM model", [&] {
        const auto cols = detail::readPod<std::int32_t>(in);
        const auto sign = detail::readPod<float>(in);
        const std::string text = detail::readString(in);
        if (cols <= 0 || (sign != 1.f && sign != -1.f))
            fail(ErrorCode::Format, "corrupt header");
        auto svm = cv::Algorithm::loadFromString<cv::ml::SVM>(text);
        if (!svm || !svm->isTrained() || svm->getVarCount() != cols)
            fail(ErrorCode::Format, "stored SVM is unreadable or does not match its header");
        m_svm = svm;
        m_columns = cols;
        m_sign = sign;
        cacheDecisionFunction();
    });
}

} // namespace ds
