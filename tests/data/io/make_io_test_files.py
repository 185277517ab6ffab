#!/usr/bin/env python3
"""Writes the tiny synthetic micrograph files in this folder (committed; rerun only to change them).

Each covers a case the shared real samples do not: big-endian DM3 with a thumbnail, a DM4 little-endian
twin, MRC mode 0 signed (MRC2014) and unsigned (IMOD flag clear), a big-endian float16 MRC, Fortran-order
and big-endian .npy, an interrupted TIA series (Valid < Total) a hand-made big-endian uint16 TIFF and a 16-bit PNG with a pHYs calibration.
Pixel values follow simple formulas so that tests/core/io_synthetic_test.cpp can check them exactly.
Standard library only (struct), so it runs anywhere.
"""
import struct
import zlib


# ---------------------------------------------------------------- DM3 / DM4
def dm_file(version, little, root_tags):
    word = "Q" if version == 4 else "I"

    def data_tag(name, info, payload):
        body = b"%%%%" + struct.pack(">" + word, len(info)) + b"".join(struct.pack(">" + word, i) for i in info) + payload
        head = struct.pack(">BH", 21, len(name)) + name.encode("latin-1")
        return head + (struct.pack(">Q", len(body)) if version == 4 else b"") + body

    def group(tags):
        return struct.pack(">BB" + word, 0, 1, len(tags)) + b"".join(tags)

    def group_tag(name, tags):
        body = group(tags)
        head = struct.pack(">BH", 20, len(name)) + name.encode("latin-1")
        return head + (struct.pack(">Q", len(body)) if version == 4 else b"") + body

    e = "<" if little else ">"
    codes = {"h": 2, "i": 3, "H": 4, "I": 5, "f": 6, "d": 7, "B": 10}

    def simple(name, fmt, value):
        return data_tag(name, [codes[fmt]], struct.pack(e + fmt, value))

    def text(name, s):
        units = s.encode("utf-16-le" if little else "utf-16-be")
        return data_tag(name, [20, 4, len(units) // 2], units)

    def array(name, fmt, values):
        return data_tag(name, [20, codes[fmt], len(values)], struct.pack(e + fmt * len(values), *values))

    def image(width, height, data_type, fmt, values, cal, name):
        dims = group_tag("Dimensions", [simple("", "I", width), simple("", "I", height)])
        cals = group_tag("Calibrations", [
            group_tag("Brightness", [simple("Scale", "f", 1.0), simple("Origin", "f", 0.0), text("Units", "e-")]),
            group_tag("Dimension", [group_tag("", [simple("Scale", "f", s), simple("Origin", "f", o), text("Units", u)])
                                    for (s, o, u) in cal]),
        ])
        image_data = group_tag("ImageData", [cals, array("Data", fmt, values), simple("DataType", "i", data_type),
                                             dims, simple("PixelDepth", "i", struct.calcsize(fmt))])
        tags = group_tag("ImageTags", [group_tag("Microscope Info", [simple("Voltage", "d", 200000.0),
                                                                     text("Microscope", "Synthetic \u00c5ngstr\u00f6m")])])
        return group_tag("", [image_data, tags, text("Name", name)])

    return root_tags(image, group_tag, simple), version, little, word


def dm_bytes(version, little, build):
    (tags, _, _, word) = dm_file(version, little, build)
    root = struct.pack(">BB" + word, 0, 1, len(tags)) + b"".join(tags)
    head = struct.pack(">I", version)
    head += struct.pack(">Q", len(root) + 8) if version == 4 else struct.pack(">I", len(root) + 8)
    head += struct.pack(">I", 1 if little else 0)
    return head + root + b"\0" * 8


def dm_content(image, group_tag, simple):
    # [0] a 4x4 RGBA thumbnail (DataType 23, 4 bytes per pixel as uint32), [1] the 5x3 int16 image.
    thumb = image(4, 4, 23, "I", [0xFF00FF00] * 16, [(1.0, 0.0, ""), (1.0, 0.0, "")], "thumb")
    values = [100 * y + x - 50 for y in range(3) for x in range(5)]
    real = image(5, 3, 1, "h", values, [(0.5, -4.0, "nm"), (0.25, 0.0, "\u00b5m")], "synthetic")
    thumbs = group_tag("Thumbnails", [group_tag("", [simple("ImageIndex", "I", 0)])])
    return [group_tag("ImageList", [thumb, real]), thumbs]


# ---------------------------------------------------------------- MRC
def mrc_bytes(nx, ny, nz, mode, payload, big=False, nversion=20140, imod=False, imod_flags=0, dmin=0.0, dmax=0.0):
    e = ">" if big else "<"
    h = bytearray(1024)
    struct.pack_into(e + "4i", h, 0, nx, ny, nz, mode)
    struct.pack_into(e + "3i", h, 28, nx, ny, nz)
    struct.pack_into(e + "3f", h, 40, 2.0 * nx, 2.0 * ny, 2.0 * nz)  # voxel 2 Å
    struct.pack_into(e + "3f", h, 52, 90.0, 90.0, 90.0)
    struct.pack_into(e + "3i", h, 64, 1, 2, 3)
    struct.pack_into(e + "2f", h, 76, dmin, dmax)
    struct.pack_into(e + "i", h, 108, nversion)
    if imod:
        struct.pack_into(e + "2i", h, 152, 1146047817, imod_flags)
    h[208:212] = b"MAP "
    h[212:216] = bytes([0x11, 0x11, 0, 0]) if big else bytes([0x44, 0x44, 0, 0])
    return bytes(h) + payload


# ---------------------------------------------------------------- NPY
def npy_bytes(descr, shape, fortran, payload):
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, "True" if fortran else "False", ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else ""))
    pad = (64 - (10 + len(header) + 1) % 64) % 64
    header += " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


# ---------------------------------------------------------------- SER
def ser_interrupted():
    # TIA 0x0210, 2-D uint16 elements of 3x2, Total 4 slots of which only 2 were acquired.
    total, valid, w, h = 4, 2, 3, 2
    dims = struct.pack("<i d d i", total, 0.0, 1.0, 0) + struct.pack("<i", 6) + b"Number" + struct.pack("<i", 0)
    header = struct.pack("<HHH i i i i", 0x4949, 0x0197, 0x0210, 0x4122, 0x4152, total, valid)
    offset_array_at = len(header) + 4 + 4 + len(dims)
    elements_at = offset_array_at + 8 * total
    elements, data_offsets, tag_offsets = b"", [], []
    for k in range(valid):
        data_offsets.append(elements_at + len(elements))
        # bottom-up rows: stored row 0 is the image's bottom row
        rows = [[1000 * k + 10 * r + c for c in range(w)] for r in range(h)]
        pixels = b"".join(struct.pack("<3H", *rows[h - 1 - r]) for r in range(h))
        elements += struct.pack("<ddi ddi h ii", -1e-9, 2e-10, 0, -1e-9, 2e-10, 0, 2, w, h) + pixels
    for k in range(valid):
        tag_offsets.append(elements_at + len(elements))
        elements += struct.pack("<hhi", 0x4152, 0, 1700000000 + k)
    data_offsets += [0] * (total - valid)
    tag_offsets += [0] * (total - valid)
    offsets = struct.pack("<%di" % total, *data_offsets) + struct.pack("<%di" % total, *tag_offsets)
    return header + struct.pack("<i", offset_array_at) + struct.pack("<i", 1) + dims + offsets + elements


# ---------------------------------------------------------------- TIFF (big-endian uint16 by hand)
def tiff_be_u16(w, h):
    pixels = b"".join(struct.pack(">H", 1000 * y + x + 60000 if (x + y) % 2 else 1000 * y + x) for y in range(h) for x in range(w))
    entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 1, 16), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 0), (277, 3, 1, 1), (278, 3, 1, h), (279, 4, 1, len(pixels)), (339, 3, 1, 1)]
    ifd_at = 8
    data_at = ifd_at + 2 + 12 * len(entries) + 4
    ifd = struct.pack(">H", len(entries))
    for tag, typ, count, value in entries:
        if tag == 273:
            value = data_at
        ifd += struct.pack(">HHI", tag, typ, count) + (struct.pack(">HH", value, 0) if typ == 3 else struct.pack(">I", value))
    return b"MM\0*" + struct.pack(">I", ifd_at) + ifd + struct.pack(">I", 0) + pixels


# ---------------------------------------------------------------- PNG (16-bit gray with pHYs)
def png_gray16_phys(w, h):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + b"".join(struct.pack(">H", 4096 * y + 257 * x) for x in range(w)) for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 0, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 2 * 10**9, 10**9, 1))  # 0.5 nm x 1 nm pixels
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def main():
    files = {
        "dm3_bigendian_int16.dm3": dm_bytes(3, False, dm_content),
        "dm4_littleendian_int16.dm4": dm_bytes(4, True, dm_content),
        # mode 0: the same bytes 0x00, 0x7f, 0x80, 0xff, 0x05, 0xfb read as signed or unsigned
        "mrc_mode0_signed.mrc": mrc_bytes(3, 2, 1, 0, bytes([0x00, 0x7F, 0x80, 0xFF, 0x05, 0xFB])),
        "mrc_mode0_imod_unsigned.mrc": mrc_bytes(3, 2, 1, 0, bytes([0x00, 0x7F, 0x80, 0xFF, 0x05, 0xFB]),
                                                 nversion=0, imod=True, imod_flags=0),
        # big-endian float16, 2 sections of 2x2: 0.5, -2, 65504 (max half), 1/1024 and their negatives
        "mrc_bigendian_float16.mrc": mrc_bytes(2, 2, 2, 12, struct.pack(">8e", 0.5, -2.0, 65504.0, 1 / 1024,
                                                                         -0.5, 2.0, -65504.0, -1 / 1024), big=True),
        # a[r, c] = 10 r + c stored column-major
        "npy_fortran_int16_3x4.npy": npy_bytes("<i2", (3, 4), True,
                                               struct.pack("<12h", *[10 * r + c for c in range(4) for r in range(3)])),
        # a[f, r, c] = 100 f + 10 r + c, big-endian float32, column-major
        "npy_fortran_bigendian_f4_2x3x4.npy": npy_bytes(">f4", (2, 3, 4), True, struct.pack(
            ">24f", *[100 * f + 10 * r + c for c in range(4) for r in range(3) for f in range(2)])),
        "npy_bigendian_u2_2x3.npy": npy_bytes(">u2", (2, 3), False, struct.pack(">6H", 1, 256, 65535, 0, 4660, 43981)),
        "ser_interrupted_series.ser": ser_interrupted(),
        "tiff_bigendian_uint16.tif": tiff_be_u16(5, 4),
        "png_gray16_phys.png": png_gray16_phys(4, 3),
    }
    for name, data in files.items():
        with open(name, "wb") as f:
            f.write(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
