#include "core/detect/model_file.h"

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

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

} // namespace

std::string modelName(const SavedModel& model) {
    return model.path.empty() ? "model '" + model.detectorId + "'" : "model " + model.path;
}

Status saveModel(const std::string& path, const SavedModel& model) {
    return guarded(path, [&] {
        if (!model.detector)
            fail(ErrorCode::InvalidArgument, "no detector to save");
        std::ostringstream body;
        body.write(kMagic, sizeof(kMagic) - 1);
        detail::writePod<std::int32_t>(body, kModelFileVersion);
        detail::writeString(body, model.detector->id());
        detail::writeString(body, model.features);
        detail::writePod<std::int32_t>(body, model.resample);
        detail::writePod<std::uint8_t>(body, model.grid ? 1 : 0);
        const GridSpec g = model.grid.value_or(GridSpec{});
        for (int v : {g.side, g.stride, g.originX, g.originY})
            detail::writePod<std::int32_t>(body, v);
        std::map<std::string, double> params = model.params;
        for (const ParamSpec& p : model.detector->parameters())
            params[p.name] = model.detector->parameter(p.name);
        detail::writePod<std::uint32_t>(body, static_cast<std::uint32_t>(params.size()));
        for (const auto& [name, value] : params) {
            detail::writeString(body, name);
            detail::writePod<double>(body, value);
        }
        std::ostringstream state;
        if (auto s = model.detector->save(state); !s)
            fail(s.error().code, s.error().message);
        detail::writeString(body, state.str());
        const std::string bytes = body.str();
        const std::string tmp = path + ".part";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "cannot write model file");
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            detail::writePod<std::uint64_t>(out, fnv1a(bytes));
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "write failed (disk full?)");
        }
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec); // never leave a half-written model under the real name
        if (ec) {
            std::filesystem::remove(tmp, ec);
            fail(ErrorCode::Io, "cannot move the model file into place");
        }
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
        if (version != kModelFileVersion)
            fail(ErrorCode::Unsupported, "model file version " + std::to_string(version) + " (this build reads " +
                                             std::to_string(kModelFileVersion) + ")");
        if (stored != fnv1a(bytes))
            fail(ErrorCode::Format, "model file is corrupt or truncated (checksum mismatch)");
        SavedModel m;
        m.detectorId = detail::readString(body);
        m.features = detail::readString(body);
        m.resample = detail::readPod<std::int32_t>(body);
        const bool hasGrid = detail::readPod<std::uint8_t>(body) != 0;
        GridSpec g;
        g.side = detail::readPod<std::int32_t>(body);
        g.stride = detail::readPod<std::int32_t>(body);
        g.originX = detail::readPod<std::int32_t>(body);
        g.originY = detail::readPod<std::int32_t>(body);
        if (auto st = checkResampleSide(m.resample); !st)
            fail(ErrorCode::Format, "stored " + st.error().message);
        if (auto dim = featureDimension(m.features, m.resample); !dim)
            fail(ErrorCode::Format, "stored features: " + dim.error().message);
        if (hasGrid) {
            if (auto st = checkGridSpec(g); !st)
                fail(ErrorCode::Format, "stored grid: " + st.error().message);
            m.grid = g;
        }
        auto det = createDetector(m.detectorId);
        if (!det)
            fail(ErrorCode::Unsupported, "model is for " + det.error().message);
        const auto count = detail::readPod<std::uint32_t>(body);
        if (count > 1000)
            fail(ErrorCode::Format, "corrupt parameter table");
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::string name = detail::readString(body);
            const double value = detail::readPod<double>(body);
            if (auto s = (*det)->setParameter(name, value); !s)
                fail(ErrorCode::Format, "stored parameter rejected: " + s.error().message);
            m.params[name] = value;
        }
        std::istringstream state(detail::readString(body));
        if (auto s = (*det)->load(state); !s)
            fail(s.error().code == ErrorCode::Internal ? ErrorCode::Format : s.error().code, s.error().message);
        m.detector = std::move(*det);
        m.path = path;
        return m;
    });
}

} // namespace ds
