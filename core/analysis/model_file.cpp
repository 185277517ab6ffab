#include "core/analysis/model_file.h"

#include "core/common/atomic_file.h"
#include "core/common/guard.h"
#include "core/common/regular_file.h"
#include "core/detect/detector_registry.h"
#include "core/detect/detector_support.h"
#include "core/features/feature_extractor.h"
#include "core/features/resample_side.h"
#include "core/grid/grid_spec_check.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ds {

namespace {

constexpr char kMagic[] = "DEFECTSCOPE-MODEL\n";
constexpr std::uintmax_t kMaxModelBytes = 4ull << 30;
constexpr std::size_t kMaxSpecBytes = 1u << 20; // a spec is a few hundred bytes; more is corruption

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

// Version 1 stored the spec's fields one by one (no seed, mode or threshold: those did not exist).
RunSpec readVersion1Spec(std::istream& body) {
    RunSpec spec;
    spec.detector = detail::readString(body);
    spec.features = detail::readString(body);
    spec.resample = detail::readPod<std::int32_t>(body);
    const bool hasGrid = detail::readPod<std::uint8_t>(body) != 0;
    GridSpec g;
    g.side = detail::readPod<std::int32_t>(body);
    g.stride = detail::readPod<std::int32_t>(body);
    g.originX = detail::readPod<std::int32_t>(body);
    g.originY = detail::readPod<std::int32_t>(body);
    if (hasGrid)
        spec.grid = g;
    const auto count = detail::readPod<std::uint32_t>(body);
    if (count > 1000)
        fail(ErrorCode::Format, "corrupt parameter table");
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string name = detail::readString(body);
        spec.params[name] = detail::readPod<double>(body);
    }
    return spec;
}

RunSpec readVersion2Spec(std::istream& body) {
    const std::string text = detail::readString(body);
    if (text.size() > kMaxSpecBytes)
        fail(ErrorCode::Format, "corrupt run spec (" + std::to_string(text.size()) + " bytes)");
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded())
        fail(ErrorCode::Format, "the model's run spec is not valid JSON");
    auto spec = runSpecFromJson(j);
    if (!spec)
        fail(ErrorCode::Format, "the model's run spec: " + spec.error().message);
    return std::move(spec).value();
}

} // namespace

std::string modelName(const SavedModel& model) {
    return model.path.empty() ? "model '" + model.spec.detector + "'" : "model " + model.path;
}

Status saveModel(const std::string& path, const SavedModel& model) {
    return guarded(path, [&] {
        if (!model.detector)
            fail(ErrorCode::InvalidArgument, "no detector to save");
        RunSpec spec = model.spec;
        spec.detector = model.detector->id();
        for (const ParamSpec& p : model.detector->parameters())
            spec.params[p.name] = model.detector->parameter(p.name);
        std::ostringstream body;
        body.write(kMagic, sizeof(kMagic) - 1);
        detail::writePod<std::int32_t>(body, kModelFileVersion);
        detail::writeString(body, runSpecToJson(spec).dump());
        std::ostringstream state;
        if (auto s = model.detector->save(state); !s)
            fail(s.error().code, s.error().message);
        detail::writeString(body, state.str());
        std::string bytes = body.str();
        const std::uint64_t sum = fnv1a(bytes);
        bytes.append(reinterpret_cast<const char*>(&sum), sizeof sum);
        check(writeFileAtomically(path, bytes)); // never a half-written model under the real name
    });
}

Result<SavedModel> loadModel(const std::string& path) {
    if (auto regular = requireRegularFile(path); !regular)
        return regular.error();
    return guarded(path, [&]() -> SavedModel {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec)
            fail(ErrorCode::Io, "cannot open model file (" + ec.message() + ")");
        if (size > kMaxModelBytes)
            fail(ErrorCode::Format, "file is larger than 4 GB; not a DefectScope model");
        std::ifstream in(path, std::ios::binary);
        std::string bytes(static_cast<std::size_t>(size), '\0');
        if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
            fail(ErrorCode::Io, "cannot read model file");
        const std::size_t magicLen = sizeof(kMagic) - 1;
        if (bytes.size() < magicLen + 8 || bytes.compare(0, magicLen, kMagic) != 0)
            fail(ErrorCode::Format, "not a DefectScope model file (bad magic)");
        std::uint64_t stored = 0;
        std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
        bytes.resize(bytes.size() - 8);
        std::istringstream body(bytes);
        body.seekg(static_cast<std::streamoff>(magicLen));
        const auto version = detail::readPod<std::int32_t>(body);
        if (version != 1 && version != kModelFileVersion)
            fail(ErrorCode::Unsupported, "model file version " + std::to_string(version) + " (this build reads 1 to " +
                                             std::to_string(kModelFileVersion) + ")");
        if (stored != fnv1a(bytes))
            fail(ErrorCode::Format, "model file is corrupt or truncated (checksum mismatch)");
        SavedModel m;
        m.spec = version == 1 ? readVersion1Spec(body) : readVersion2Spec(body);
        // A checksum-valid file whose settings no run could use is the model's fault, named as such,
        // not the image's it is later applied to (resolveRunSpec below checks the rest of the spec).
        if (auto dim = featureDimension(m.spec.features, m.spec.resample); !dim)
            fail(ErrorCode::Format, "stored features: " + dim.error().message);
        if (m.spec.grid)
            if (auto st = checkGridSpec(*m.spec.grid); !st)
                fail(ErrorCode::Format, "stored grid: " + st.error().message);
        auto det = createDetector(m.spec.detector);
        if (!det)
            fail(ErrorCode::Unsupported, "model is for " + det.error().message);
        for (const auto& [name, value] : m.spec.params)
            if (auto s = (*det)->setParameter(name, value); !s)
                fail(ErrorCode::Format, "stored parameter rejected: " + s.error().message);
        // The spec's own rules (resample side, folds) apply to a stored spec as to a typed one.
        if (auto resolved = resolveRunSpec(m.spec); !resolved)
            fail(ErrorCode::Format, "the model's run spec: " + resolved.error().message);
        std::istringstream state(detail::readString(body));
        if (auto s = (*det)->load(state); !s)
            fail(s.error().code == ErrorCode::Internal ? ErrorCode::Format : s.error().code, s.error().message);
        m.detector = std::move(*det);
        m.path = path;
        return m;
    });
}

} // namespace ds
