"""Frame sources as generators: an image, a folder of images, a video, a camera, a stream.

Every generator yields ``Frame`` objects (RGB uint8, HxWx3, C-contiguous) and releases
its capture in ``finally``, also when the caller stops early. Frames stay in memory:
nothing here ever writes an image to disk.

Failure rules:

* A source that cannot be opened raises ``SourceError`` saying what failed and what
  to do, in both languages.
* A camera or stream that stops delivering raises ``SourceError`` after
  ``max_failures`` consecutive failed reads, so the caller can show "camera lost" and
  reconnect by opening the source again. A video file simply ends.
* ``folder_frames`` skips files it cannot decode: one damaged photo in a class folder
  should not stop the other forty. Each skip is logged as a warning and passed to the
  optional ``on_skip(path, error)`` callback. Files without an image extension are
  ignored. A folder with no readable image at all raises ``SourceError``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from headcount.addresses import STREAM_SCHEMES, has_password, redact_url  # noqa: F401
from headcount.errors import BadInput, SourceError
from headcount.vision.image_size import MAX_FILE_BYTES, check_pixels, header_size

log = logging.getLogger(__name__)

IMAGE_EXTENSIONS = frozenset({
    ".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".tif", ".tiff", ".webp", ".gif",
    ".pgm", ".ppm", ".pbm", ".pnm", ".jp2",
})
VIDEO_EXTENSIONS = frozenset({
    ".mp4", ".avi", ".mov", ".mkv", ".m4v", ".wmv", ".flv", ".webm", ".mpg", ".mpeg", ".ts",
})
# Consecutive failed reads before a live source counts as lost (~0.5 s with the pauses
# plus the read timeouts themselves).
MAX_FAILURES = 5
FAILURE_PAUSE_S = 0.1
# How long an RTSP/HTTP source may take to open or to deliver one frame.
STREAM_TIMEOUT_MS = 5000


@dataclass
class Frame:
    index: int  # 0-based position in this source
    timestamp: float  # seconds: video position, time since a live source opened, 0 for stills
    rgb: np.ndarray  # uint8 HxWx3, C-contiguous
    source: str  # file path, "camera 0", or the stream URL


# --------------------------------------------------------------------------- images


def read_image(path: str | Path) -> np.ndarray:
    """Decode an image file to RGB uint8 HxWx3.

    Handles grayscale, RGBA (composited on white, as an ID photo with a transparent
    background should look), 16-bit (scaled to 8-bit) and EXIF orientation (OpenCV
    applies it when decoding). Non-ASCII paths work (the bytes are read by numpy).
    Raises ``BadInput`` for a missing, unreadable or corrupt file.
    """
    import cv2

    path = Path(path)
    if not path.is_file():
        raise BadInput(
            f"Image not found: {path}. Check the file name and folder.",
            f"找不到图像文件：{path}。请检查文件名和文件夹。",
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadInput(
                f"{path} is larger than {MAX_FILE_BYTES >> 20} MB: not a photo Headcount "
                "can use. Use a JPEG or PNG photo.",
                f"{path} 大于 {MAX_FILE_BYTES >> 20} MB，不是可用的照片。请使用 JPEG 或 PNG 照片。")
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        raise BadInput(
            f"Cannot read {path}: {exc}. Check that the file is not open elsewhere "
            "and that you may read it.",
            f"无法读取 {path}：{exc}。请确认文件未被占用且有读取权限。",
        ) from exc
    image = _decode(data, path) if data.size else None
    if image is None or image.size == 0:
        raise BadInput(
            f"{path} is not a readable image (empty, damaged or an unsupported format). "
            "Use a JPEG or PNG photo.",
            f"{path} 不是可读取的图像（文件为空、已损坏或格式不支持）。请使用 JPEG 或 PNG 照片。",
        )
    if _png_has_alpha(data):
        # ANYCOLOR drops alpha; decode again to composite transparent parts on white.
        rgba = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
        if rgba is not None and rgba.ndim == 3 and rgba.shape[2] == 4:
            image = on_white(rgba)
    return to_rgb8(image, bgr=True)


def _decode(data: np.ndarray, path: Path) -> np.ndarray | None:
    """Decode within the pixel limit, checked from the header first (image_size.py)."""
    import cv2

    size = header_size(data.tobytes())
    if size is None:
        return None  # a format whose size cannot be known beforehand is not decoded
    jpeg = bytes(data[:2]) == b"\xff\xd8"
    factor = check_pixels(*size, path.name, reducible=jpeg)
    flags = {1: cv2.IMREAD_ANYCOLOR | cv2.IMREAD_ANYDEPTH, 2: cv2.IMREAD_REDUCED_COLOR_2,
             4: cv2.IMREAD_REDUCED_COLOR_4, 8: cv2.IMREAD_REDUCED_COLOR_8}[factor]
    try:
        return cv2.imdecode(data, flags)
    except (cv2.error, MemoryError):
        return None  # OpenCV's own limits, or no memory left: "not a readable image"


def to_rgb8(image: np.ndarray, bgr: bool = False) -> np.ndarray:
    """Any decoded image (gray, BGR(A)/RGB(A), 8/16-bit or float) as RGB uint8 HxWx3."""
    import cv2

    img = np.asarray(image)
    if img.dtype == np.uint16:
        img = ((img.astype(np.uint32) + 128) // 257).astype(np.uint8)
    elif img.dtype.kind == "f":
        scale = 255.0 if float(np.nanmax(img, initial=0.0)) <= 1.0 else 1.0
        img = np.clip(np.nan_to_num(img) * scale + 0.5, 0, 255).astype(np.uint8)
    elif img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.ndim == 2 or (img.ndim == 3 and img.shape[2] == 1):
        return np.ascontiguousarray(cv2.cvtColor(img.reshape(img.shape[:2]), cv2.COLOR_GRAY2RGB))
    if img.ndim != 3 or img.shape[2] not in (3, 4):
        raise BadInput(
            f"Unsupported image shape {img.shape}; expected gray, RGB or RGBA.",
            f"不支持的图像形状 {img.shape}；需要灰度、RGB 或 RGBA 图像。",
        )
    if img.shape[2] == 4:
        img = on_white(img)
    if bgr:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(img)


def _png_has_alpha(data: np.ndarray) -> bool:
    # PNG signature, then the IHDR colour type at byte 25: 4 = gray+alpha, 6 = RGBA.
    return (
        data.size > 26
        and bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"
        and int(data[25]) in (4, 6)
    )


def on_white(rgba: np.ndarray) -> np.ndarray:
    """RGBA as RGB over white: the one way transparency is treated (files, frames, calls)."""
    img = rgba
    if img.dtype == np.uint16:
        img = ((img.astype(np.uint32) + 128) // 257).astype(np.uint8)
    alpha = img[..., 3:4].astype(np.float32) / 255.0
    out = img[..., :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
    return np.asarray(np.clip(out + 0.5, 0, 255).astype(np.uint8))


def image_frames(path: str | Path) -> Iterator[Frame]:
    """One frame from one image file; ``SourceError`` if it cannot be read."""
    try:
        rgb = read_image(path)
    except BadInput as exc:
        raise SourceError(exc.text.en, exc.text.zh) from exc
    yield Frame(0, 0.0, rgb, str(path))


def _natural_key(path: Path) -> list[Any]:
    # "2.jpg" before "10.jpg", as a teacher numbering photos expects.
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.name)]


def folder_frames(
    directory: str | Path, on_skip: Callable[[Path, BadInput], None] | None = None
) -> Iterator[Frame]:
    """Every image in a folder (not recursive), in natural name order.

    Unreadable images are skipped (see the module notes); files without an image
    extension and hidden files are ignored.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(
            f"Folder not found: {directory}. Check the path.",
            f"找不到文件夹：{directory}。请检查路径。",
        )
    files = sorted(
        (p for p in directory.iterdir()
         if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in IMAGE_EXTENSIONS),
        key=_natural_key,
    )
    index = 0
    for path in files:
        try:
            rgb = read_image(path)
        except BadInput as exc:
            log.warning("skipping %s: %s", path, exc.text.en)
            if on_skip is not None:
                on_skip(path, exc)
            continue
        yield Frame(index, 0.0, rgb, str(path))
        index += 1
    if index == 0:
        raise SourceError(
            f"No readable image in {directory}. Put JPEG or PNG photos in this folder.",
            f"文件夹 {directory} 中没有可读取的图像。请放入 JPEG 或 PNG 照片。",
        )


# --------------------------------------------------------------------------- video


def video_frames(path: str | Path, realtime: bool = False) -> Iterator[Frame]:
    """Every frame of a video file; with ``realtime`` paced at the file's own fps."""
    import cv2

    path = Path(path)
    if not path.is_file():
        raise SourceError(
            f"Video not found: {path}. Check the file name and folder.",
            f"找不到视频文件：{path}。请检查文件名和文件夹。",
        )
    # FFmpeg "plays" a text file (its tty demuxer draws the characters): refuse text.
    cap = cv2.VideoCapture(str(path)) if not _looks_like_text(path) else cv2.VideoCapture()
    try:
        if not cap.isOpened():
            raise SourceError(
                f"Cannot open the video {path} (damaged or unsupported format). "
                "Convert it to MP4 (H.264) and try again.",
                f"无法打开视频 {path}（文件损坏或格式不支持）。请转换为 MP4（H.264）后重试。",
            )
        fps = cap.get(cv2.CAP_PROP_FPS)
        fps = fps if fps and np.isfinite(fps) and 0 < fps < 1000 else 25.0
        start = time.monotonic()
        index = 0
        while True:
            ok, bgr = cap.read()
            if not ok or bgr is None:
                if index == 0:
                    raise SourceError(
                        f"The video {path} has no picture that can be read (damaged or "
                        "unsupported format). Convert it to MP4 (H.264) and try again.",
                        f"视频 {path} 中没有可读取的画面（文件损坏或格式不支持）。"
                        "请转换为 MP4（H.264）后重试。")
                return  # a file just ends
            timestamp = index / fps
            if realtime:
                delay = start + timestamp - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            yield Frame(index, timestamp, to_rgb8(bgr, bgr=True), str(path))
            index += 1
    finally:
        cap.release()


def _looks_like_text(path: Path) -> bool:
    """No NUL byte and valid UTF-8 in the first 4 KB: a text file, never a video."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 3  # a character cut at the 4 KB edge
    return True


# --------------------------------------------------------------------------- live


def camera_frames(
    index: int = 0,
    width: int | None = None,
    height: int | None = None,
    fps: float | None = None,
    max_failures: int = MAX_FAILURES,
) -> Iterator[Frame]:
    """Frames from a local camera (0 = the first one); requested size/fps are hints."""
    import cv2

    name = f"camera {index}"
    cap = cv2.VideoCapture(int(index))
    try:
        if not cap.isOpened():
            raise SourceError(
                f"Cannot open {name}. Check that it is plugged in and not used by "
                "another program, or choose another camera number.",
                f"无法打开摄像头 {index}。请检查是否已连接、是否被其他程序占用，"
                "或选择其他摄像头编号。",
            )
        if width:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        if height:
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if fps:
            cap.set(cv2.CAP_PROP_FPS, fps)
        yield from live_frames(cap, name, max_failures)
    finally:
        cap.release()


def stream_frames(url: str, max_failures: int = MAX_FAILURES) -> Iterator[Frame]:
    """Frames from an RTSP or HTTP(S) stream (an IP camera), via FFmpeg."""
    import cv2

    shown = redact_url(url)
    params = [
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, STREAM_TIMEOUT_MS,
        cv2.CAP_PROP_READ_TIMEOUT_MSEC, STREAM_TIMEOUT_MS,
    ]
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG, params)
    try:
        if not cap.isOpened():
            raise SourceError(
                f"Cannot open the stream {shown}. Check the address, user name and "
                "password, and that this PC can reach the camera on the network.",
                f"无法打开视频流 {shown}。请检查地址、用户名和密码，"
                "以及本机能否通过网络连接到摄像头。",
            )
        yield from live_frames(cap, shown, max_failures)
    finally:
        cap.release()


def live_frames(
    cap: Any, name: str, max_failures: int = MAX_FAILURES, pause: float = FAILURE_PAUSE_S
) -> Iterator[Frame]:
    """Read an opened live capture until it fails ``max_failures`` times in a row.

    ``cap`` needs only ``read() -> (ok, bgr)``; the caller owns and releases it.
    """
    start = time.monotonic()
    failures = 0
    index = 0
    while True:
        ok, bgr = cap.read()
        if not ok or bgr is None or getattr(bgr, "size", 0) == 0:
            failures += 1
            if failures >= max_failures:
                raise SourceError(
                    f"Lost {name}: no picture after {failures} tries. Check the cable or "
                    "network; Headcount reconnects when you start the camera again.",
                    f"{name} 已断开：连续 {failures} 次没有画面。请检查线缆或网络，"
                    "重新启动摄像头即可重新连接。",
                )
            if pause > 0:
                time.sleep(pause)
            continue
        failures = 0
        yield Frame(index, time.monotonic() - start, to_rgb8(bgr, bgr=True), name)
        index += 1


# --------------------------------------------------------------------------- dispatch


def open_source(spec: str | int | Path, realtime: bool = False) -> Iterator[Frame]:
    """Frames from whatever ``spec`` names.

    An int or a string of digits is a camera index; ``rtsp://``, ``rtmp://`` or
    ``http(s)://`` is a stream; a folder gives its images; a file is read as an image
    when its extension (or OpenCV's probe) says so, otherwise as a video.
    """
    if isinstance(spec, int) and not isinstance(spec, bool):
        return camera_frames(spec)
    text = str(spec).strip()
    if text.isdigit():
        return camera_frames(int(text))
    if text.lower().startswith(STREAM_SCHEMES):
        return stream_frames(text)
    path = Path(text).expanduser()
    if path.is_dir():
        return folder_frames(path)
    if not path.is_file():
        raise SourceError(
            f"No such camera, file or folder: {text}. Give a camera number (0, 1, ...), "
            "an rtsp:// or http:// address, an image or video file, or a folder of photos.",
            f"找不到摄像头、文件或文件夹：{text}。请提供摄像头编号（0、1……）、"
            "rtsp:// 或 http:// 地址、图像或视频文件，或照片文件夹。",
        )
    suffix = path.suffix.lower()
    if suffix in IMAGE_EXTENSIONS:
        return image_frames(path)
    if suffix in VIDEO_EXTENSIONS:
        return video_frames(path, realtime=realtime)
    if _probe_is_image(path):
        return image_frames(path)
    return video_frames(path, realtime=realtime)


def _probe_is_image(path: Path) -> bool:
    import cv2

    try:
        return bool(cv2.haveImageReader(str(path)))
    except cv2.error:
        return False
