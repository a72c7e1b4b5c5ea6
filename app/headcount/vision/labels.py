"""Where to put a name beside each face so that no two names overlap (no Qt).

A classroom frame holds dozens of faces close together; a label drawn on top of each
box hides the neighbours' labels. ``place_labels`` tries a few spots around each box
(above, below, right, left) and, when all are taken, slides the label further up or
down until it is free. Greedy, top row first: enough for a room of 60 faces (60 labels
in two tight rows: about 6 ms of Python here, once per painted classroom frame).
"""

from __future__ import annotations

from collections.abc import Sequence

Rect = tuple[float, float, float, float]  # x, y, width, height


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _inside(r: Rect, width: float, height: float) -> bool:
    return r[0] >= 0 and r[1] >= 0 and r[0] + r[2] <= width and r[1] + r[3] <= height


def _clamp(r: Rect, width: float, height: float) -> Rect:
    x = min(max(0.0, r[0]), max(0.0, width - r[2]))
    y = min(max(0.0, r[1]), max(0.0, height - r[3]))
    return (x, y, r[2], r[3])


def place_labels(boxes: Sequence[Sequence[float]], sizes: Sequence[tuple[float, float]],
                 width: float, height: float, gap: float = 2.0) -> list[Rect]:
    """One rectangle (x, y, w, h) per label: beside its box (x1, y1, x2, y2), inside
    ``width`` x ``height`` where it fits, overlapping no other label and no other face.

    When the frame is too crowded for every label to be free, a label still gets the
    spot nearest its face that overlaps the fewest others (it is never dropped)."""
    n = len(boxes)
    faces: list[Rect] = [(float(b[0]), float(b[1]), float(b[2]) - float(b[0]),
                          float(b[3]) - float(b[1])) for b in boxes]
    order = sorted(range(n), key=lambda i: (faces[i][1], faces[i][0]))
    placed: list[Rect | None] = [None] * n
    taken: list[Rect] = []
    for i in order:
        fx, fy, fw, fh = faces[i]
        lw, lh = sizes[i]
        cx = fx + fw / 2 - lw / 2
        spots: list[Rect] = [
            (fx, fy - lh - gap, lw, lh),  # above, left-aligned (the usual place)
            (fx, fy + fh + gap, lw, lh),  # below
            (cx, fy - lh - gap, lw, lh),  # above, centred
            (fx + fw + gap, fy, lw, lh),  # right
            (fx - lw - gap, fy, lw, lh),  # left
        ]
        step = lh + gap
        for k in range(1, 12):  # further up, then further down
            spots.append((fx, fy - lh - gap - k * step, lw, lh))
            spots.append((fx, fy + fh + gap + k * step, lw, lh))
        others = [f for j, f in enumerate(faces) if j != i]
        best: Rect | None = None
        best_cost = None
        for s in spots:
            s = _clamp(s, width, height) if not _inside(s, width, height) else s
            cost = (sum(_overlaps(s, t) for t in taken) * 10
                    + sum(_overlaps(s, f) for f in others))
            if cost == 0:
                best = s
                break
            if best_cost is None or cost < best_cost:
                best, best_cost = s, cost
        assert best is not None
        placed[i] = best
        taken.append(best)
    return [p for p in placed if p is not None]
