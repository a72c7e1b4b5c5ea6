"""Frame sources: images, folders, videos, live captures, and their failures."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from headcount.errors import BadInput, SourceError
from headcount.vision import frames
from headcount.vision.frames import (
    Frame,
    folder_frames,
    image_frames,
    live_frames,
    open_source,
    read_image,
    video_frames,
)


def _write(path, bgr):
    assert cv2.imwrite(str(path), bgr)
    return path


def test_read_image_colour_order_and_layout(tmp_path, astronaut):
    path = _write(tmp_path / "a.png", cv2.cvtColor(astronaut, cv2.COLOR_RGB2BGR))
    rgb = read_image(path)
    assert rgb.dtype == np.uint8 and rgb.flags.c_contiguous
    assert np.array_equal(rgb, astronaut)


def test_read_image_grey_16bit_rgba(tmp_path):
    grey = _write(tmp_path / "g.png", np.full((5, 6), 77, np.uint8))
    assert read_image(grey).shape == (5, 6, 3) and (read_image(grey) == 77).all()
    deep = _write(tmp_path / "d.png", np.full((4, 4, 3), 65535, np.uint16))
    assert (read_image(deep) == 255).all()
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 2] = 255  # red in BGRA
    rgba[:2, :, 3] = 255  # top half opaque, bottom half transparent
    out = read_image(_write(tmp_path / "r.png", rgba))
    assert (out[:2] == [255, 0, 0]).all() and (out[2:] == 255).all()  # transparent -> white


def test_read_image_applies_exif_orientation(tmp_path):
    from PIL import Image

    img = np.zeros((40, 80, 3), np.uint8)
    img[:, :40] = 255
    pil = Image.fromarray(img)
    exif = pil.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown
    pil.save(tmp_path / "o.jpg", exif=exif)
    out = read_image(tmp_path / "o.jpg")
    assert out.shape == (80, 40, 3)
    assert out[:30].mean() > 200 and out[50:].mean() < 50  # white half now on top


def test_read_image_failures_are_bad_input(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg" * 10)
    for path in (tmp_path / "missing.jpg", tmp_path / "empty.jpg", tmp_path / "corrupt.jpg"):
        with pytest.raises(BadInput) as err:
            read_image(path)
        assert path.name in err.value.text.en and path.name in err.value.text.zh


def test_image_frames_and_source_error(tmp_path, astronaut):
    path = _write(tmp_path / "a.jpg", astronaut)
    (frame,) = list(image_frames(path))
    assert isinstance(frame, Frame) and frame.index == 0 and frame.source == str(path)
    with pytest.raises(SourceError):
        list(image_frames(tmp_path / "nope.jpg"))


def test_folder_frames_natural_order_skips_bad_files(tmp_path, astronaut):
    for name in ("10.jpg", "2.jpg", "1.png"):
        _write(tmp_path / name, astronaut)
    (tmp_path / "3.jpg").write_bytes(b"broken")
    (tmp_path / "notes.txt").write_text("not an image")
    skipped = []
    got = list(folder_frames(tmp_path, on_skip=lambda p, e: skipped.append(p.name)))
    assert [f.source.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] for f in got] == [
        "1.png", "2.jpg", "10.jpg"]
    assert [f.index for f in got] == [0, 1, 2] and skipped == ["3.jpg"]


def test_folder_without_images_or_missing(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(SourceError):
        list(folder_frames(tmp_path))
    with pytest.raises(SourceError):
        list(folder_frames(tmp_path / "none"))


@pytest.fixture
def video(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20.0, (64, 48))
    assert writer.isOpened()
    for i in range(6):
        writer.write(np.full((48, 64, 3), i * 40, np.uint8))
    writer.release()
    return path


def test_video_frames_ends_cleanly_with_timestamps(video):
    got = list(video_frames(video))
    assert [f.index for f in got] == list(range(6))
    assert got[0].rgb.shape == (48, 64, 3) and got[0].rgb.flags.c_contiguous
    assert got[1].timestamp == pytest.approx(0.05)
    assert got[5].rgb.mean() > got[0].rgb.mean()


def test_video_generator_releases_capture_when_stopped_early(video, monkeypatch):
    released = []
    real = cv2.VideoCapture

    class Spy:
        def __init__(self, *a):
            self._cap = real(*a)

        def __getattr__(self, name):
            return getattr(self._cap, name)

        def release(self):
            released.append(True)
            self._cap.release()

    monkeypatch.setattr(cv2, "VideoCapture", Spy)
    gen = video_frames(video)
    next(gen)
    gen.close()
    assert released == [True]


def test_bad_video_is_source_error(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError):
        list(video_frames(bad))
    with pytest.raises(SourceError):
        list(video_frames(tmp_path / "missing.mp4"))


class FakeCapture:
    def __init__(self, script):
        self.script = list(script)

    def read(self):
        ok = self.script.pop(0) if self.script else False
        return (True, np.zeros((4, 4, 3), np.uint8)) if ok else (False, None)


def test_live_source_survives_glitches_and_reports_loss():
    cap = FakeCapture([True, False, True, False, False, True] + [False] * 10)
    got = []
    with pytest.raises(SourceError) as err:
        for frame in live_frames(cap, "camera 0", max_failures=3, pause=0):
            got.append(frame.index)
    assert got == [0, 1, 2]
    assert "camera 0" in err.value.text.en and "断开" in err.value.text.zh


def test_open_source_dispatch(tmp_path, astronaut, video, monkeypatch):
    seen = []
    monkeypatch.setattr(frames, "camera_frames", lambda i, *a, **k: seen.append(("cam", i)))
    monkeypatch.setattr(frames, "stream_frames", lambda u, *a, **k: seen.append(("url", u)))
    open_source(0)
    open_source("1")
    open_source("rtsp://user:pw@10.0.0.2/stream")
    open_source("https://cam.local/video")
    assert seen == [("cam", 0), ("cam", 1), ("url", "rtsp://user:pw@10.0.0.2/stream"),
                    ("url", "https://cam.local/video")]
    image = _write(tmp_path / "photo.jpg", astronaut)
    assert next(open_source(image)).rgb.shape == (512, 512, 3)
    noext = tmp_path / "subject01"
    noext.write_bytes(image.read_bytes())  # like the Yale GIFs without an extension
    assert next(open_source(noext)).rgb.shape == (512, 512, 3)
    assert len(list(open_source(video))) == 6
    # A folder: only files with an image extension (not clip.avi, not subject01).
    assert [f.source.endswith("photo.jpg") for f in open_source(tmp_path)] == [True]
    with pytest.raises(SourceError):
        open_source(tmp_path / "missing.jpg")


def test_password_hidden_in_stream_messages():
    assert frames.redact_url("rtsp://admin:secret@1.2.3.4:554/x") == (
        "rtsp://admin:***@1.2.3.4:554/x")


def test_transparency_is_normalised_one_way() -> None:
    """A transparent pixel is white whether the image comes from a file reader
    (frames.to_rgb8) or is handed to the pipeline (pipeline.check_rgb)."""
    from headcount.vision.frames import to_rgb8
    from headcount.vision.pipeline import check_rgb

    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 0] = 200
    rgba[:2, :, 3] = 255  # top half opaque red-ish, bottom half transparent
    a, b = to_rgb8(rgba), check_rgb(rgba)
    assert np.array_equal(a, b)
    assert (b[3, 0] == 255).all() and tuple(b[0, 0]) == (200, 0, 0)
