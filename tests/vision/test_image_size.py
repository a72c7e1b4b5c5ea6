"""Image sizes read from headers, and the pixel limit applied before decoding."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from headcount.errors import BadInput
from headcount.vision import image_size
from headcount.vision.frames import read_image
from headcount.vision.image_size import header_size


@pytest.mark.parametrize("ext", [".png", ".jpg", ".bmp", ".webp", ".tiff", ".ppm", ".pgm"])
def test_header_size_of_every_parsed_format(ext: str, astronaut: np.ndarray) -> None:
    img = np.ascontiguousarray(astronaut[:301, :457])
    if ext == ".pgm":
        img = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    ok, data = cv2.imencode(ext, img)
    assert ok
    assert header_size(data.tobytes()) == (457, 301)


def test_header_size_of_junk_is_none() -> None:
    assert header_size(b"") is None
    assert header_size(b"\xff\xd8\xff\xe0\x00") is None
    assert header_size(b"hello world, not an image") is None


def test_a_jpeg_above_the_limit_is_decoded_reduced(tmp_path: Path, astronaut: np.ndarray,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.jpg"
    cv2.imwrite(str(path), astronaut[:, :, ::-1])
    monkeypatch.setattr(image_size, "MAX_PIXELS", 300 * 300)
    assert read_image(path).shape == (256, 256, 3)  # 512 -> 1/2
    png = tmp_path / "a.png"
    cv2.imwrite(str(png), astronaut[:, :, ::-1])
    with pytest.raises(BadInput, match="megapixels"):
        read_image(png)  # PNG cannot be decoded reduced: refused


def test_an_oversized_file_is_not_read(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(b"\0" * 2048)
    monkeypatch.setattr("headcount.vision.frames.MAX_FILE_BYTES", 1024)
    with pytest.raises(BadInput, match="larger than"):
        read_image(path)
