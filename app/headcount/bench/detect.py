"""Detection benchmark on ../shared/faces/groups (or any folder laid out the same way).

* ``voc_boxes/training.xml`` + ``testing.xml``: ground-truth face boxes in dlib's
  imglab format (``<image file=...><box top= left= width= height= [ignore='1']/>``).
  A detection matches a box at IoU >= 0.3 (greedy, best score first); unmatched
  detections are false positives. ``dogs.jpg`` (no human faces) is a negative: every
  detection in it is a false positive.
* ``crowds/*.jpg``: no ground truth; we report how many faces were found.

``render_overlay`` draws the boxes so extra faces can be checked by eye.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np

from headcount.vision.detect import Detections, FaceDetector, Mode, box_iou

MATCH_IOU = 0.3
NEGATIVES = ("dogs.jpg",)


def load_imglab(path: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """file name -> (boxes xyxy float (N,4), ignore flags bool (N,)) from an imglab XML."""
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for image in ET.parse(path).getroot().iter("image"):
        boxes, ignore = [], []
        for b in image.iter("box"):
            left, top = float(b.get("left", 0)), float(b.get("top", 0))
            w, h = float(b.get("width", 0)), float(b.get("height", 0))
            boxes.append((left, top, left + w, top + h))
            ignore.append(b.get("ignore", "0") == "1")
        out[image.get("file", "")] = (
            np.asarray(boxes, dtype=np.float64).reshape(-1, 4),
            np.asarray(ignore, dtype=bool),
        )
    return out


def match(
    found: Detections, truth: np.ndarray, ignore: np.ndarray, iou: float = MATCH_IOU
) -> tuple[int, int]:
    """(matched ground-truth boxes, false positives) for one image.

    Detections matching an ignored box count as neither.
    """
    used = np.zeros(len(truth), dtype=bool)
    matched = fp = 0
    overlaps = box_iou(found.xyxy, truth) if len(truth) else np.zeros((len(found), 0))
    for i in np.argsort(-found.scores, kind="stable"):
        row = np.where(used, -1.0, overlaps[i]) if len(truth) else np.zeros(0)
        j = int(np.argmax(row)) if row.size else -1
        if j >= 0 and row[j] >= iou:
            used[j] = True
            matched += int(not ignore[j])
        else:
            fp += 1
    return matched, fp


def _read(path: Path) -> np.ndarray:
    from headcount.vision.frames import read_image

    return read_image(path)


def run(root: Path, mode: Mode = "classroom", repeats: int = 1) -> dict[str, Any]:
    """Recall, false positives, crowd counts and timing for ``root`` (the groups folder).

    ``root`` may be ``../shared/faces`` or ``../shared/faces/groups``.
    """
    root = Path(root)
    if not (root / "voc_boxes").is_dir() and (root / "groups" / "voc_boxes").is_dir():
        root = root / "groups"
    truth: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name in ("training.xml", "testing.xml"):
        if (root / "voc_boxes" / name).is_file():
            truth.update(load_imglab(root / "voc_boxes" / name))

    files: dict[str, Any] = {}
    times: list[float] = []
    matched = total = fps = 0
    counts: dict[str, int] = {}
    with FaceDetector(mode) as detector:
        detector.detect(np.zeros((64, 64, 3), np.uint8))  # warm-up outside the timing

        def timed(path: Path) -> Detections:
            rgb = _read(path)
            best = float("inf")
            for _ in range(max(1, repeats)):
                t = time.perf_counter()
                found = detector.detect(rgb)
                best = min(best, time.perf_counter() - t)
            times.append(best * 1000)
            return found

        for name, (boxes, ignore) in sorted(truth.items()):
            found = timed(root / "voc_boxes" / name)
            m, fp = match(found, boxes, ignore)
            gt = int((~ignore).sum())
            matched, total, fps = matched + m, total + gt, fps + fp
            files[f"voc_boxes/{name}"] = {
                "ground_truth": gt, "matched": m, "false_positives": fp,
                "found": len(found), "ms": round(times[-1], 1),
            }
        for name in NEGATIVES:
            path = root / "voc_boxes" / name
            if path.is_file():
                found = timed(path)
                fps += len(found)
                files[f"voc_boxes/{name}"] = {
                    "ground_truth": 0, "matched": 0, "false_positives": len(found),
                    "found": len(found), "ms": round(times[-1], 1),
                }
        crowd_dir = root / "crowds"
        crowds = sorted(crowd_dir.glob("*.jpg"), key=lambda p: (len(p.stem), p.stem))
        for path in crowds:
            found = timed(path)
            counts[path.name] = len(found)
            files[f"crowds/{path.name}"] = {"found": len(found), "ms": round(times[-1], 1)}

    return {
        "mode": mode,
        "recall": round(matched / total, 4) if total else None,
        "matched": matched,
        "ground_truth": total,
        "false_positives": fps,
        "counts": counts,
        "ms_per_image": round(float(np.mean(times)), 1) if times else None,
        "ms_median": round(float(np.median(times)), 1) if times else None,
        "files": files,
    }


def render_overlay(
    rgb: np.ndarray, detections: Detections, out_png: Path, truth: np.ndarray | None = None
) -> Path:
    """Draw detections (green, with score; keypoints as dots) and optional ground truth
    (blue) on a copy of the image and write a PNG for checking by eye.

    For benchmark review only: the app never writes camera frames to disk.
    """
    import cv2

    canvas = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    if truth is not None:
        for x0, y0, x1, y1 in np.asarray(truth).reshape(-1, 4):
            cv2.rectangle(canvas, (int(x0), int(y0)), (int(x1), int(y1)), (255, 128, 0), 1)
    for i, (x0, y0, x1, y1) in enumerate(detections.xyxy):
        cv2.rectangle(canvas, (int(x0), int(y0)), (int(x1), int(y1)), (0, 220, 0), 1)
        label = f"{i}:{detections.scores[i]:.2f}"
        cv2.putText(canvas, label, (int(x0), max(8, int(y0) - 2)),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.3, (0, 255, 255), 1, cv2.LINE_AA)
        for kx, ky in detections.keypoints[i]:
            cv2.circle(canvas, (int(kx), int(ky)), 1, (0, 0, 255), -1)
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out_png), canvas)
    return out_png
