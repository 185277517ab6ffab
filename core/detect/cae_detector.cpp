// The only file (with dense_detector.cpp) that includes dlib/dnn.h.
#include "core/detect/cae_detector.h"

#include "core/common/robust_stats.h"
#include "core/detect/detector_support.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>

#include <dlib/dnn.h>
#include <opencv2/imgproc.hpp>

namespace ds {

namespace {
constexpr int kSide = 32, kLatent = 16;
// Squared distance (in bandwidths) below which a training code is the query itself: the same patch
// through the same network differs only by float rounding of the batched forward pass.
constexpr double kSelfDistance2 = 1e-6;
// Each latent dimension's KDE bandwidth comes from that dimension's spread over the training codes;
// below a handful of codes per dimension (rule of thumb: 4) that spread, and so the density, is
// dominated by which few patches the image happened to hold.
constexpr int kMinCodesPerDimension = 4;
template <long N, typename S> using down = dlib::relu<dlib::add_layer<dlib::con_<N, 4, 4, 2, 2, 1, 1>, S>>;
template <long N, typename S> using up = dlib::add_layer<dlib::cont_<N, 4, 4, 2, 2, 1, 1>, S>;
// 32x32 -> 16x16x16 -> 8x8x32 -> 4x4x32 -> 16 (latent, tag1) -> 4x4x32 -> 8x8 -> 16x16 -> 32x32x1
using Net = dlib::loss_mean_squared_per_pixel<
    up<1, dlib::relu<up<16, dlib::relu<up<32, dlib::extract<0, 32, 4, 4, dlib::relu<dlib::fc<512,
    dlib::tag1<dlib::fc<kLatent, down<32, down<32, down<16, dlib::input<dlib::matrix<float>>>>>>>>>>>>>>>>;
using Image = dlib::matrix<float>;
} // namespace

struct CaeDetector::Model {
    Net net;
    int columns = 0;
    cv::Mat codes;                         // training latent codes (n x kLatent)
    std::vector<float> bandwidth;          // per-dimension KDE bandwidth (Scott)
    float errMean = 0, errSd = 1, densMean = 0, densSd = 1; // robust centre (median) and scale of the two terms

    // Reconstruction error and latent code of every row.
    void forward(const cv::Mat& x, std::vector<float>& err, cv::Mat& latent, const RunControl& rc) {
        const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(x.cols))));
        err.assign(static_cast<std::size_t>(x.rows), 0.f);
        latent = cv::Mat(x.rows, kLatent, CV_32F);
        const int batch = 64;
        for (int b = 0; b < x.rows; b += batch) {
            rc.throwIfStopped();
            const int e = std::min(x.rows, b + batch);
            std::vector<Image> in;
            for (int r = b; r < e; ++r)
                in.push_back(toImage(x.row(r), side));
            const std::vector<Image> out = net(in);
            const dlib::tensor& z = dlib::layer<dlib::tag1>(net).get_output();
            for (int r = b; r < e; ++r) {
                err[static_cast<std::size_t>(r)] = dlib::mean(dlib::squared(out[r - b] - in[r - b]));
                std::copy(z.host() + (r - b) * kLatent, z.host() + (r - b + 1) * kLatent, latent.ptr<float>(r));
            }
        }
    }
    static Image toImage(const cv::Mat& row, int side) {
        cv::Mat p = row.reshape(1, side), s;
        if (side != kSide)
            cv::resize(p, s, cv::Size(kSide, kSide), 0, 0, side > kSide ? cv::INTER_AREA : cv::INTER_LINEAR);
        else
            s = p.clone();
        Image m(kSide, kSide);
        for (int r = 0; r < kSide; ++r)
            for (int c = 0; c < kSide; ++c)
                m(r, c) = s.at<float>(r, c);
        return m;
    }
    // -log of the KDE density up to a constant, by log-sum-exp. A training code identical to the
    // query (scaled distance ~0: the query is that training patch, "self" mode) is left out:
    // in 16 dimensions with a few dozen codes a patch's own kernel outweighs all the others, and
    // every training patch would look equally (and maximally) isolated.
    float negLogDensity(const float* z) const {
        std::vector<double> e(static_cast<std::size_t>(codes.rows));
        double mx = -std::numeric_limits<double>::infinity();
        int self = -1;
        for (int i = 0; i < codes.rows; ++i) {
            const float* c = codes.ptr<float>(i);
            double d2 = 0;
            for (int k = 0; k < kLatent; ++k) {
                const double u = (z[k] - c[k]) / bandwidth[static_cast<std::size_t>(k)];
                d2 += u * u;
            }
            if (self < 0 && d2 < kSelfDistance2) {
                self = i;
                e[static_cast<std::size_t>(i)] = -std::numeric_limits<double>::infinity();
                continue;
            }
            e[static_cast<std::size_t>(i)] = -0.5 * d2;
            mx = std::max(mx, e[static_cast<std::size_t>(i)]);
        }
        const int others = codes.rows - (self >= 0 ? 1 : 0);
        if (others <= 0 || !std::isfinite(mx))
            return 0.f;
        double s = 0;
        for (double v : e) s += std::exp(v - mx);
        return static_cast<float>(-(mx + std::log(s / others)));
    }
};

CaeDetector::CaeDetector() { initParameters(); }
CaeDetector::~CaeDetector() = default;

std::vector<ParamSpec> CaeDetector::parameters() const {
    return {{"epochs", "Epochs", "Training passes over the normal patches.", ParamSpec::Kind::Int, 1, 10000, 40},
            {"max_train", "Training patches", "At most this many patches train the autoencoder (seeded subsample).",
             ParamSpec::Kind::Int, 10, 100000, 1500},
            {"learning_rate", "Learning rate", "Adam step size.", ParamSpec::Kind::Real, 1e-6, 1, 1e-3},
            {"seed", "Seed", "Random seed (subsample, batch order).", ParamSpec::Kind::Int, 0, 1e9, 0}};
}

Status CaeDetector::fit(const FeatureMatrix& features, std::span<const Label> labels, const RunControl& rc) {
    return guarded("autoencoder", [&] {
        detail::validateFeatures("autoencoder", features, labels);
        const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(features.cols()))));
        if (side * side != features.cols() || side < 8)
            fail(ErrorCode::InvalidArgument, "the autoencoder needs square pixel patches (feature id 'raw'), got " +
                                                 std::to_string(features.cols()) + " columns of '" + features.featureId + "'");
        const auto seed = static_cast<std::uint64_t>(parameter("seed"));
        auto rows = detail::subsample(detail::normalRows(labels, features.rows()),
                                      static_cast<int>(parameter("max_train")), seed);
        if (rows.size() < 8)
            fail(ErrorCode::InvalidArgument, "the autoencoder needs at least 8 normal patches");
        std::vector<Image> train;
        for (int r : rows)
            train.push_back(Model::toImage(features.values.row(r), side));
        // dlib draws initial weights from std::rand() when the layers are set up: seed it so the
        // detector's seed reproduces a run (as long as one network is set up at a time per process).
        std::srand(static_cast<unsigned>(seed));
        auto model = std::make_unique<Model>();
        model->columns = features.cols();
        {
            dlib::dnn_trainer<Net, dlib::adam> trainer(model->net, dlib::adam(0, 0.9, 0.999));
            trainer.set_learning_rate(parameter("learning_rate"));
            trainer.set_min_learning_rate(1e-9);
            trainer.set_mini_batch_size(16);
            trainer.set_iterations_without_progress_threshold(1000000);
            trainer.be_quiet();
            std::mt19937_64 rng(seed);
            std::vector<std::size_t> order(train.size());
            std::iota(order.begin(), order.end(), std::size_t(0));
            const int epochs = static_cast<int>(parameter("epochs"));
            for (int epoch = 0; epoch < epochs; ++epoch) {
                std::shuffle(order.begin(), order.end(), rng);
                for (std::size_t b = 0; b < order.size(); b += 16) {
                    rc.throwIfStopped();
                    std::vector<Image> xs;
                    for (std::size_t i = b; i < std::min(order.size(), b + 16); ++i)
                        xs.push_back(train[order[i]]);
                    trainer.train_one_step(xs, xs);
                }
                rc.progress(0.9 * (epoch + 1) / epochs, "autoencoder: training");
            }
            trainer.get_net(dlib::force_flush_to_disk::no);
        }
        model->net.clean();
        // Latent codes of the training patches, KDE bandwidth by Scott's rule per dimension.
        cv::Mat x(static_cast<int>(rows.size()), features.cols(), CV_32F);
        for (int i = 0; i < x.rows; ++i)
            features.values.row(rows[static_cast<std::size_t>(i)]).copyTo(x.row(i));
        std::vector<float> err;
        model->forward(x, err, model->codes, rc);
        const double factor = std::pow(static_cast<double>(x.rows), -1.0 / (kLatent + 4));
        model->bandwidth.resize(kLatent);
        for (int k = 0; k < kLatent; ++k) {
            cv::Scalar m, sd;
            cv::meanStdDev(model->codes.col(k), m, sd);
            model->bandwidth[static_cast<std::size_t>(k)] = static_cast<float>(std::max(1e-6, sd[0] * factor));
        }
        std::vector<float> dens(static_cast<std::size_t>(x.rows));
        for (int i = 0; i < x.rows; ++i)
            dens[static_cast<std::size_t>(i)] = model->negLogDensity(model->codes.ptr<float>(i));
        // Median and scaled MAD, not mean and standard deviation: in self mode the training patches
        // include the defects, and a few extreme values would otherwise set the unit of each term.
        const auto centreScale = [](const std::vector<float>& v, float& centre, float& scale) {
            const RobustScale r = robustScale(v);
            centre = static_cast<float>(r.centre);
            scale = std::max(1e-6f, static_cast<float>(r.sigma));
        };
        centreScale(err, model->errMean, model->errSd);
        centreScale(dens, model->densMean, model->densSd);
        m_notes.clear();
        const bool allPerfect = !labels.empty() && std::all_of(rows.begin(), rows.end(), [&](int r) {
            return labels[static_cast<std::size_t>(r)] == Label::Perfect;
        });
        if (!allPerfect) {
            // An infinite scale switches the error term off and keeps the model file format.
            model->errSd = std::numeric_limits<float>::infinity();
            m_notes.push_back("trained on unlabelled patches, defects among them: the score is the latent density alone "
                              "(the reconstruction error would rank defects the network learnt as normal)");
        }
        if (x.rows < kMinCodesPerDimension * kLatent)
            m_notes.push_back("only " + std::to_string(x.rows) + " patches to fit on (fewer than " +
                              std::to_string(kMinCodesPerDimension * kLatent) +
                              "): the image is too small for a stable latent density; scores are rough");
        m_model = std::move(model);
        rc.progress(1, "autoencoder: training");
    });
}

Result<std::vector<float>> CaeDetector::reconstructionError(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("autoencoder", [&]() -> std::vector<float> {
        if (!m_model)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("autoencoder", features, {});
        if (features.cols() != m_model->columns)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_model->columns) + " features, got " +
                                                 std::to_string(features.cols()));
        std::vector<float> err;
        cv::Mat latent;
        m_model->forward(features.values, err, latent, rc);
        return err;
    });
}

Result<std::vector<float>> CaeDetector::score(const FeatureMatrix& features, const RunControl& rc) const {
    return guarded("autoencoder", [&]() -> std::vector<float> {
        if (!m_model)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::validateFeatures("autoencoder", features, {});
        if (features.cols() != m_model->columns)
            fail(ErrorCode::InvalidArgument, "fitted on " + std::to_string(m_model->columns) + " features, got " +
                                                 std::to_string(features.cols()));
        std::vector<float> err;
        cv::Mat latent;
        m_model->forward(features.values, err, latent, rc.sub(0, 0.7));
        std::vector<float> out(err.size());
        for (int i = 0; i < latent.rows; ++i) {
            if (i % 256 == 0) {
                rc.throwIfStopped();
                rc.progress(0.7 + 0.3 * i / latent.rows, "autoencoder: scoring");
            }
            const float d = m_model->negLogDensity(latent.ptr<float>(i));
            const float errTerm = std::isfinite(m_model->errSd)
                                      ? (err[static_cast<std::size_t>(i)] - m_model->errMean) / m_model->errSd
                                      : 0.f;
            out[static_cast<std::size_t>(i)] = errTerm + (d - m_model->densMean) / m_model->densSd;
        }
        rc.progress(1, "autoencoder: scoring");
        return out;
    });
}

Status CaeDetector::save(std::ostream& out) const {
    return guarded("autoencoder", [&] {
        if (!m_model)
            fail(ErrorCode::InvalidArgument, "not fitted");
        detail::writePod<std::int32_t>(out, m_model->columns);
        detail::writeMat(out, m_model->codes);
        detail::writeVector(out, m_model->bandwidth);
        for (float v : {m_model->errMean, m_model->errSd, m_model->densMean, m_model->densSd})
            detail::writePod<float>(out, v);
        std::ostringstream os;
        dlib::serialize(m_model->net, os);
        detail::writeString(out, os.str());
    });
}

Status CaeDetector::load(std::istream& in) {
    return guarded("autoencoder model", [&] {
        auto model = std::make_unique<Model>();
        model->columns = detail::readPod<std::int32_t>(in);
        model->codes = detail::readMat(in);
        model->bandwidth = detail::readVector<float>(in);
        model->errMean = detail::readPod<float>(in);
        model->errSd = detail::readPod<float>(in);
        model->densMean = detail::readPod<float>(in);
        model->densSd = detail::readPod<float>(in);
        const std::string blob = detail::readString(in);
        if (model->columns <= 0 || model->codes.cols != kLatent || model->codes.rows < 1 ||
            model->bandwidth.size() != static_cast<std::size_t>(kLatent) || !(model->errSd > 0) || !(model->densSd > 0))
            fail(ErrorCode::Format, "corrupt header");
        std::istringstream is(blob);
        try {
            dlib::deserialize(model->net, is);
        } catch (const dlib::serialization_error& e) {
            fail(ErrorCode::Format, std::string("stored network is unreadable: ") + e.what());
        }
        m_model = std::move(model);
        m_notes.clear();
    });
}

} // namespace ds
