"""How many chances does a stranger get at the entrance window? (docs/BENCHMARKS.md)

The station's threshold is chosen so that at most 1 % of SEARCHES propose a stranger.
The window searches a face again each time its track is refreshed (every
``Tracker.refresh_frames`` analysed frames), so a stranger who stays in view is searched
several times. This measures the share of stranger TRACKS proposed at least once.

Strangers: the faces of ``../shared/faces/video`` (nobody there is in LFW), described on
every frame by the entrance pipeline with the window's tracker. Lists: random 45-person
lists of LFW people, each enrolled with the shipped template of their first photo. Rule:
the gap rule (``decision.GapRule``: distance - 0.5 x the lead, under dlib's 0.6), no
competitors (a station under 100 people), at the LFW prior and at the threshold that
gives exactly 1 % of these searches. Three ways of using a track's descriptors: the
first only, each refresh replacing the last (the window today), and the running mean.

Run: ``python benchmarks/track_chances.py --faces ../shared/faces [--lists 4000]``
(about 5 min on 2 cores: 700 LFW templates, 380 video frames). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from headcount.bench.describer import PathDescriber
from headcount.matching.threshold import LFW_GAP_PRIOR
from headcount.vision.frames import open_source
from headcount.vision.pipeline import FacePipeline
from headcount.vision.track import Tracker

MODES = ("first", "replace", "mean")


def video_tracks(folder: Path, min_frames: int = 3) -> list[np.ndarray]:
    """Per track, its descriptors frame by frame (frames where its face was usable)."""
    pipe = FacePipeline(mode="entrance", threads=2)
    tracks: dict[tuple[str, int], list[np.ndarray]] = {}
    try:
        for video in sorted(folder.glob("*.mp4")):
            tracker = Tracker(refresh_frames=1)  # describe every frame; refreshes below
            for frame in open_source(video):
                for face in pipe.analyse(frame.rgb, tracker=tracker):
                    if face.descriptor is not None and face.quality_ok and not face.reused:
                        key = (video.name, int(face.track_id or 0))
                        tracks.setdefault(key, []).append(face.descriptor.astype(np.float64))
    finally:
        pipe.close()
    return [np.stack(v) for v in tracks.values() if len(v) >= min_frames]


def lfw_templates(lfw: Path, people: int, seed: int = 3) -> np.ndarray:
    dirs = sorted(p for p in lfw.iterdir() if p.is_dir())
    pick = np.random.default_rng(seed).choice(len(dirs), people, replace=False)
    describer = PathDescriber(threads=2)
    out = []
    try:
        for i in sorted(pick):
            first = sorted(dirs[int(i)].glob("*.jpg"))[:1]
            t = describer.template(first[0]) if first else None
            if t is not None:
                out.append(np.asarray(t, np.float64))
    finally:
        describer.close()
    return np.stack(out)


def searched(track: np.ndarray, mode: str, refresh: int) -> np.ndarray:
    """The descriptors the window would search with: one per refresh."""
    ref = track[::refresh]
    if mode == "first":
        return ref[:1]
    if mode == "mean":
        return np.cumsum(ref, axis=0) / np.arange(1, len(ref) + 1)[:, None]
    return ref


def scores(tracks: list[np.ndarray], templates: np.ndarray, lists: int, mode: str,
           refresh: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(every search's gap score, every (list, track)'s lowest score)."""
    rng = np.random.default_rng(seed)
    per_search, per_track = [], []
    for _ in range(lists):
        gallery = templates[rng.choice(len(templates), 45, replace=False)]
        for track in tracks:
            q = searched(track, mode, refresh)
            d = np.sort(np.linalg.norm(q[:, None] - gallery[None], axis=2), axis=1)
            s = d[:, 0] - 0.5 * (d[:, 1] - d[:, 0])
            s[d[:, 0] >= 0.6] = np.inf
            per_search.append(s)
            per_track.append(s.min())
    return np.concatenate(per_search), np.asarray(per_track)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--faces", type=Path, default=Path("../shared/faces"))
    ap.add_argument("--lists", type=int, default=4000)
    ap.add_argument("--people", type=int, default=700)
    args = ap.parse_args()
    refresh = Tracker().refresh_frames
    tracks = video_tracks(args.faces / "video")
    templates = lfw_templates(args.faces / "lfw", args.people)
    prior = float(LFW_GAP_PRIOR["threshold"])
    out: dict[str, object] = {"tracks": len(tracks), "frames": [len(t) for t in tracks],
                              "templates": len(templates), "lists": args.lists,
                              "refresh_frames": refresh, "prior": prior}
    for mode in MODES:
        s, t = scores(tracks, templates, args.lists, mode, refresh)
        one = float(np.sort(s)[int(0.01 * len(s))])
        out[mode] = {"searches": len(s),
                     "at_prior": {"per_search": float(np.mean(s < prior)),
                                  "per_track": float(np.mean(t < prior))},
                     "threshold_1pct_searches": round(one, 4),
                     "per_track_there": float(np.mean(t < one))}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
