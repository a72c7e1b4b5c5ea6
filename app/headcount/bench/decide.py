"""``headcount bench decide``: milliseconds per face of a session's decision, with and
without the station's other enrolled people as competitors (matching.competitors).

A 45-person list and 5,000 competitor templates (the cap), random templates shaped
like dlib's (bench/search.py); the faces are perturbed list templates. Timed through
``SessionGallery.decide_all``, the path every face of the station takes, for a frame
of one face (the entrance) and of 16 faces (a roll call photo), and the memory the
competitor matrix takes.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from headcount.attendance.recognition import SessionGallery
from headcount.bench.search import random_templates
from headcount.matching.competitors import MAX_TEMPLATES, Competitors
from headcount.matching.gallery import Gallery
from headcount.matching.threshold import default_choice


def _ms_per_face(g: SessionGallery, faces: list[np.ndarray], repeat: int) -> float:
    g.decide_all(faces)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        g.decide_all(faces)
        times.append(time.perf_counter() - t0)
    return round(float(np.median(times)) * 1e3 / len(faces), 4)


def run(roster: int = 45, competitors: int = MAX_TEMPLATES, repeat: int = 50,
        seed: int = 0) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    t = random_templates(roster + competitors, seed)
    gallery = Gallery(t[:roster], list(range(roster)))
    choice = default_choice()
    plain = SessionGallery(1, gallery, frozenset(range(roster)),
                           threshold=choice.gap_threshold, gap=choice.gap_rule())
    rivals = Competitors(t[roster:])
    with_c = SessionGallery(1, gallery, frozenset(range(roster)),
                            threshold=choice.gap_threshold, gap=choice.gap_rule(),
                            competitors=rivals)
    out: dict[str, Any] = {"roster": roster, "competitors": len(rivals),
                           "competitor_mb": round(t[roster:].nbytes / 2**20, 2)}
    for n in (1, 16):
        faces = [(t[i % roster] + rng.normal(0, 0.02, 128)).astype(np.float32)
                 for i in range(n)]
        out[f"faces_{n}_ms_per_face"] = _ms_per_face(plain, faces, repeat)
        out[f"faces_{n}_competitors_ms_per_face"] = _ms_per_face(with_c, faces, repeat)
    return out
