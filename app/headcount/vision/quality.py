"""Is this face good enough for a reliable template? Each "no" comes with what to do.

Measures, all from the 5 dlib points (and the image), so they cost well under 1 ms:

* size: inter-ocular distance (IOD), between the two eye centres (mean of each eye's
  two corners), in image pixels. dlib's 150 px chip puts the eye centres ~52 px
  apart, so an IOD of 50 px or more uses the network at full detail.
* sharpness: variance of the Laplacian of the face region (a square of 2 IOD around
  the eyes and nose) resampled to 64x64 grey, so the figure does not depend on the
  face's size in pixels. Pin-sharp faces give several hundred, a 2-3 px motion or
  focus blur well under 100.
* pose: yaw from how far the nose bottom sits sideways from the eye centre, as a
  fraction of the IOD; the nose bottom lies ~0.4 IOD in front of the eye corners, so
  yaw ~= atan(offset / 0.4) (rough, good to ~10 degrees). Pitch from the nose's height
  below the eye line over the IOD (dlib's mean face: 0.78; the nose lies in front of
  the eyes, so bowing the head raises it and lifting the chin lowers it).
* exposure: mean grey level of the face region.

Two presets: ``ENROL`` (strict: one good photo becomes the template for a whole term)
and ``LIVE`` (lenient: a camera frame is one of many; a face that fails here is just
not recognised in this frame).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from headcount.i18n import Text
from headcount.vision.landmarks import FaceMesh

NOSE_DEPTH = 0.4  # nose bottom in front of the eye corners, in IODs (for the yaw estimate)
PITCH_FRONTAL = 0.78  # nose drop below the eye line / IOD on dlib's mean face
BLUR_SIZE = 64  # side of the resampled face region for the sharpness measure


@dataclass(frozen=True)
class Thresholds:
    min_iod: float  # pixels between the eye centres
    min_sharpness: float  # variance of the Laplacian at BLUR_SIZE
    max_yaw: float  # degrees (rough)
    pitch_range: tuple[float, float]  # nose drop / IOD
    brightness_range: tuple[float, float]  # mean grey 0-255


# Enrolment: a frontal, sharp, well lit face at least as big as dlib's chip needs.
ENROL = Thresholds(
    min_iod=40.0, min_sharpness=60.0, max_yaw=20.0,
    pitch_range=(0.55, 1.05), brightness_range=(50.0, 210.0),
)
# Live recognition: classroom faces are small and people move; still refuse faces too
# small (< 18 px IOD: eyes a few pixels wide) or too turned to give a usable descriptor.
LIVE = Thresholds(
    min_iod=18.0, min_sharpness=25.0, max_yaw=35.0,
    pitch_range=(0.4, 1.25), brightness_range=(30.0, 235.0),
)

MESSAGES: dict[str, Text] = {
    "too_small": Text(
        "Face too small ({iod:.0f} px between the eyes, need {need:.0f}): move closer "
        "to the camera or use a larger photo.",
        "人脸太小（两眼间距 {iod:.0f} 像素，至少需要 {need:.0f}）：请靠近摄像头或使用更大的照片。",
    ),
    "blurred": Text(
        "Face blurred: hold still, clean the lens or check the focus.",
        "人脸模糊：请保持不动、擦拭镜头或检查对焦。",
    ),
    "turned": Text(
        "Face turned away ({what}): look straight at the camera.",
        "人脸角度过大（{what_zh}）：请正视摄像头。",
    ),
    "too_dark": Text(
        "Face too dark: add light in front of the face or avoid a bright window behind.",
        "人脸太暗：请在面部前方补光，或避免背后有明亮的窗户。",
    ),
    "too_bright": Text(
        "Face overexposed: reduce direct light or sunlight on the face.",
        "人脸过亮：请减少照射在面部的直射光或阳光。",
    ),
}


@dataclass(frozen=True)
class QualityIssue:
    code: str  # too_small | blurred | turned | too_dark | too_bright
    message: Text  # already filled in, both languages

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Quality:
    ok: bool
    reasons: list[QualityIssue] = field(default_factory=list)
    measures: dict[str, float] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def _issue(code: str, **kw: object) -> QualityIssue:
    msg = MESSAGES[code]
    return QualityIssue(code, Text(msg.en.format(**kw), msg.zh.format(**kw)))


def geometry(points5: np.ndarray) -> dict[str, float]:
    """IOD (px), yaw (degrees, rough; + = nose toward image-right), pitch ratio, roll."""
    p = np.asarray(points5, dtype=np.float64).reshape(5, 2)
    right_eye = (p[0] + p[1]) / 2  # image-right eye
    left_eye = (p[2] + p[3]) / 2
    axis = right_eye - left_eye
    iod = float(np.hypot(*axis))
    if iod < 1e-6:
        return {"iod": 0.0, "yaw": 90.0, "pitch": 0.0, "roll": 0.0}
    ux = axis / iod
    uy = np.array([-ux[1], ux[0]])  # perpendicular, pointing down the face
    rel = p[4] - (right_eye + left_eye) / 2
    side = float(rel @ ux) / iod
    drop = float(rel @ uy) / iod
    return {
        "iod": iod,
        "yaw": math.degrees(math.atan2(side, NOSE_DEPTH)),
        "pitch": drop,
        "roll": math.degrees(math.atan2(axis[1], axis[0])),
    }


def face_region_grey(rgb: np.ndarray, points5: np.ndarray, size: int = BLUR_SIZE) -> np.ndarray:
    """The eyes-and-nose square (2 IOD wide, upright) as size x size float32 grey."""
    import cv2

    p = np.asarray(points5, dtype=np.float64).reshape(5, 2)
    g = geometry(p)
    centre = (p[:4].mean(axis=0) + p[4]) / 2
    side = max(2.0 * g["iod"], 4.0)
    k = size / side
    angle = math.radians(g["roll"])
    c, s = math.cos(angle) * k, math.sin(angle) * k
    # Rotate by -roll about the centre and scale, so the eye line is level.
    m = np.array([[c, s, 0.0], [-s, c, 0.0]])
    m[:, 2] = np.array([size / 2, size / 2]) - m[:, :2] @ centre
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    interp = cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR
    region = cv2.warpAffine(grey, m, (size, size), flags=interp, borderMode=cv2.BORDER_REFLECT)
    return np.asarray(region, dtype=np.float32)


def sharpness(rgb: np.ndarray, points5: np.ndarray) -> float:
    import cv2

    region = face_region_grey(rgb, points5)
    return float(cv2.Laplacian(region, cv2.CV_32F).var())


def assess(
    rgb: np.ndarray,
    box_xyxy: Sequence[float] | np.ndarray,
    points5: np.ndarray,
    mesh: FaceMesh | None = None,
    preset: Thresholds = LIVE,
) -> Quality:
    """Check one face against ``preset`` (``LIVE`` or ``ENROL``); every failure is listed.

    ``box_xyxy`` and ``mesh`` are accepted for future checks (occlusion); the 5 points
    carry everything measured now.
    """
    del box_xyxy, mesh
    g = geometry(points5)
    region = face_region_grey(rgb, points5)
    import cv2

    sharp = float(cv2.Laplacian(region, cv2.CV_32F).var())
    bright = float(region.mean())
    measures = {**g, "sharpness": sharp, "brightness": bright}
    reasons: list[QualityIssue] = []
    if g["iod"] < preset.min_iod:
        reasons.append(_issue("too_small", iod=g["iod"], need=preset.min_iod))
    lo, hi = preset.pitch_range
    if abs(g["yaw"]) > preset.max_yaw:
        reasons.append(_issue("turned", what=f"about {abs(g['yaw']):.0f} degrees sideways",
                              what_zh=f"侧转约 {abs(g['yaw']):.0f} 度"))
    elif not lo <= g["pitch"] <= hi:
        up = g["pitch"] < lo
        reasons.append(_issue("turned", what="head tilted up" if up else "head tilted down",
                              what_zh="抬头" if up else "低头"))
    blo, bhi = preset.brightness_range
    if bright < blo:
        reasons.append(_issue("too_dark"))
    elif bright > bhi:
        reasons.append(_issue("too_bright"))
    # A dark or tiny face also has little contrast; only call it blurred when the
    # exposure and size are fine, so the user gets the one advice that helps.
    if sharp < preset.min_sharpness and not reasons:
        reasons.append(_issue("blurred"))
    return Quality(not reasons, reasons, measures)
