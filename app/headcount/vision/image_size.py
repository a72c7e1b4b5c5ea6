"""An image's width and height read from its header, before anything is decoded.

A 4.6 MB PNG can say 40000x40000: decoding it would need gigabytes. ``read_image``
asks here first and refuses anything above ``MAX_PIXELS`` (a JPEG above it is decoded
at 1/2, 1/4 or 1/8 size instead, which libjpeg does without the full-size buffer).
PNG, JPEG, GIF, BMP, WebP, TIFF and PNM headers are parsed; other formats go to
OpenCV, whose own limit (2^30 pixels) then applies and is caught.
"""

from __future__ import annotations

import struct

from headcount.errors import BadInput

# 50 megapixels: a 48 MP phone photo (8000x6000) is accepted at full size; decoding one
# peaks near 150 MB for the RGB buffer (x2 while converting).
MAX_PIXELS = 50_000_000
# A photo file over this many bytes is not a photo of a face.
MAX_FILE_BYTES = 100 * 1024 * 1024


def header_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the first bytes of an image file; None when the format is
    not one parsed here or the header is cut short."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", data[6:10])
        if data.startswith(b"BM") and len(data) >= 26:
            w, h = struct.unpack("<ii", data[18:26])
            return abs(w), abs(h)
        if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
            return _webp_size(data)
        if data[:4] in (b"II*\0", b"MM\0*"):
            return _tiff_size(data)
        if data[:1] == b"P" and data[1:2] in b"123456" and len(data) > 2:
            return _pnm_size(data)
    except (struct.error, IndexError, ValueError):
        return None
    return None


def check_pixels(width: int, height: int, name: str, *, reducible: bool = False) -> int:
    """The JPEG reduction (1, 2, 4 or 8) that brings the image within ``MAX_PIXELS``;
    BadInput when none does (or the format cannot be decoded reduced)."""
    for factor in (1, 2, 4, 8) if reducible else (1,):
        if -(-width // factor) * -(-height // factor) <= MAX_PIXELS:
            return factor
    raise BadInput(
        f"{name} is {width}x{height} pixels ({width * height / 1e6:.0f} megapixels); "
        f"the limit is {MAX_PIXELS // 1_000_000} megapixels. Use a smaller photo "
        "(a face needs far less: 1000x1000 is plenty). Nothing was changed.",
        f"{name} 为 {width}x{height} 像素（{width * height / 1e6:.0f} 百万像素），上限为 "
        f"{MAX_PIXELS // 1_000_000} 百万像素。请使用较小的照片（人脸照片 1000x1000 像素已足够）。"
        "未做任何更改。")


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        # SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return width, height
        pos += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if kind == b"VP8 ":
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    end = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack(end + "I", data[4:8])[0]
    count = struct.unpack(end + "H", data[offset:offset + 2])[0]
    size: dict[int, int] = {}
    for i in range(count):
        entry = data[offset + 2 + 12 * i: offset + 14 + 12 * i]
        tag, kind = struct.unpack(end + "HH", entry[:4])
        if tag in (256, 257):  # ImageWidth, ImageLength (SHORT or LONG)
            size[tag] = struct.unpack(end + ("H" if kind == 3 else "I"),
                                      entry[8:10] if kind == 3 else entry[8:12])[0]
    return (size[256], size[257]) if len(size) == 2 else None


def _pnm_size(data: bytes) -> tuple[int, int] | None:
    words: list[int] = []
    for line in data[2:4096].split(b"\n"):
        for word in line.split(b"#", 1)[0].split():
            words.append(int(word))
            if len(words) == 2:
                return words[0], words[1]
    return None
