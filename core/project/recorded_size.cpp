#include "core/project/recorded_size.h"

#include <string>

namespace ds {

Status checkRecordedSize(const ProjectImage& image, int fileWidth, int fileHeight) {
    if (image.width <= 0 || image.height <= 0 || (image.width == fileWidth && image.height == fileHeight))
        return {};
    const std::string name = image.path.empty() ? image.displayName() : image.path;
    return make_error(ErrorCode::InvalidArgument,
                      name + " is " + std::to_string(fileWidth) + " x " + std::to_string(fileHeight) + " px on disk but " +
                          std::to_string(image.width) + " x " + std::to_string(image.height) +
                          " px in the project: its grid, labels and runs belong to another image");
}

} // namespace ds
