// Writes tiny EMD files for the fuzz seed corpus: a Velox-style one (/Data/Image/<id>/Data with
// frames last, NUL-padded JSON Metadata, /Version) and a Berkeley EMD v0.2 one (emd_group_type = 1,
// data + dim1/dim2), plus one whose root hard-links to itself. Usage: make_emd_seeds OUTPUT_DIR
#include <hdf5.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

void writeDataset(hid_t loc, const char* name, hid_t type, std::vector<hsize_t> dims, const void* data) {
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(d);
    H5Sclose(space);
}

void stringAttribute(hid_t obj, const char* name, const std::string& value) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, value.size());
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, type, value.data());
    H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_emd_seeds OUTPUT_DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    {
        const hid_t f = H5Fcreate((dir + "/velox_tiny.emd").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        const std::string version = R"({"version":"11","format":"Velox"})";
        writeDataset(f, "Version", H5T_NATIVE_UCHAR, {version.size()}, version.data());
        const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        const hid_t g = H5Gcreate2(f, "/Data/Image/0123456789abcdef0123456789abcdef", lcpl, H5P_DEFAULT, H5P_DEFAULT);
        std::vector<std::uint16_t> pixels(4 * 3 * 2);
        for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint16_t>(1000 + i);
        writeDataset(g, "Data", H5T_NATIVE_UINT16, {4, 3, 2}, pixels.data());
        const std::string json = R"({"BinaryResult":{"PixelSize":{"width":"1e-10","height":"1e-10"},"PixelUnitX":"m","PixelUnitY":"m",)"
                                 R"("Detector":"HAADF"},"Optics":{"AccelerationVoltage":"80000"}})";
        std::vector<std::uint8_t> meta(256 * 2, 0);
        for (std::size_t i = 0; i < json.size() && i < 256; ++i) meta[i * 2] = meta[i * 2 + 1] = static_cast<std::uint8_t>(json[i]);
        writeDataset(g, "Metadata", H5T_NATIVE_UCHAR, {256, 2}, meta.data());
        H5Gclose(g);
        H5Pclose(lcpl);
        H5Fclose(f);
    }
    {
        const hid_t f = H5Fcreate((dir + "/berkeley_tiny.emd").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        stringAttribute(f, "version_major", "0");
        stringAttribute(f, "version_minor", "2");
        const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        const hid_t g = H5Gcreate2(f, "/data/image", lcpl, H5P_DEFAULT, H5P_DEFAULT);
        H5Pclose(lcpl);
        const int one = 1;
        const hid_t scalar = H5Screate(H5S_SCALAR);
        const hid_t a = H5Acreate2(g, "emd_group_type", H5T_NATIVE_INT, scalar, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_INT, &one);
        H5Aclose(a);
        H5Sclose(scalar);
        const std::int32_t data[6] = {0, 1, 2, 3, 4, 5};
        writeDataset(g, "data", H5T_NATIVE_INT32, {2, 3}, data);
        const double dim1[2] = {0.0, 0.5}, dim2[3] = {0.0, 0.5, 1.0};
        writeDataset(g, "dim1", H5T_NATIVE_DOUBLE, {2}, dim1);
        writeDataset(g, "dim2", H5T_NATIVE_DOUBLE, {3}, dim2);
        const hid_t d2 = H5Dopen2(g, "dim2", H5P_DEFAULT);
        stringAttribute(d2, "units", "n_m");
        H5Dclose(d2);
        H5Gclose(g);
        H5Fclose(f);
    }
    { // hard links from the root back to itself: the group walk must visit each object once
        const hid_t f = H5Fcreate((dir + "/cycle_tiny.emd").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        for (int i = 0; i < 4; ++i)
            H5Lcreate_hard(f, "/", f, ("up" + std::to_string(i)).c_str(), H5P_DEFAULT, H5P_DEFAULT);
        H5Fclose(f);
    }
    return 0;
}
