"""Which mesh-to-5-point mapping (and mirror averaging) gives the best LFW accuracy?

The mesh of every LFW image is computed once and cached; each scheme then only
re-aligns and re-embeds. Prints one JSON line per variant.

    python benchmarks/lfw_schemes.py --root ../shared/faces/lfw [--schemes default,mixed]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from headcount.bench.describer import central_box
from headcount.bench.protocols import lfw_10fold, parse_pairs, read_rgb
from headcount.vision.align import face_chips
from headcount.vision.detect import FaceDetector
from headcount.vision.embed import Embedder
from headcount.vision.landmarks import SCHEMES, FaceMesh, Landmarker, points5


def meshes(root: Path, cache: Path, refine: bool,
           video: bool = False) -> dict[str, np.ndarray | None]:
    if cache.exists():
        data = np.load(cache, allow_pickle=True)
        return dict(data["meshes"].item())
    folds = parse_pairs(root / "pairs.txt", root)
    paths = sorted({p for f in folds for pr in f for p in (pr.a, pr.b)})
    out: dict[str, np.ndarray | None] = {}
    t0 = time.time()
    with FaceDetector("entrance") as near, FaceDetector("classroom") as wide, \
            Landmarker(video=video) as lm:
        for n, path in enumerate(paths):
            rgb = read_rgb(path)
            mesh = None
            for det in (near, wide):
                d = det.detect(rgb)
                if len(d):
                    mesh = lm.landmarks(rgb, central_box(d.xyxy, rgb.shape))
                    break
            if mesh is None:
                h, w = rgb.shape[:2]
                for frac in (0.5, 0.4, 0.65, 0.8):
                    side = frac * min(h, w)
                    box = np.array([(w - side) / 2, (h - side) / 2, (w + side) / 2,
                                    (h + side) / 2])
                    mesh = lm.landmarks(rgb, box)
                    if mesh is not None:
                        break
            if mesh is not None and refine:
                p = mesh.points
                box = np.array([p[:, 0].min(), p[:, 1].min(), p[:, 0].max(), p[:, 1].max()])
                again = lm.landmarks(rgb, box)
                mesh = again or mesh
            out[str(path)] = None if mesh is None else mesh.points
            if n % 500 == 0:
                print(f"  {n}/{len(paths)} {time.time() - t0:.0f}s", file=sys.stderr)
    np.savez(cache, meshes=np.array(out, dtype=object))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--schemes", default=",".join(SCHEMES))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/lfw_meshes.npz"))
    ap.add_argument("--refine", action="store_true", help="second landmark pass on the mesh box")
    ap.add_argument("--video", action="store_true",
                    help="the live feeds' VIDEO-mode landmarker, images one after another")
    args = ap.parse_args()
    mesh_of = meshes(args.root, args.cache, args.refine, args.video)
    emb = Embedder(threads=2)
    for scheme in args.schemes.split(","):
        for mirror in (False, True):
            desc: dict[str, np.ndarray | None] = {}
            names = [k for k, v in mesh_of.items() if v is not None]
            for i in range(0, len(names), 64):
                batch = names[i:i + 64]
                chips = np.concatenate([
                    face_chips(read_rgb(n), [points5(FaceMesh(mesh_of[n]), scheme)])  # type: ignore[arg-type]
                    for n in batch])
                d = emb.describe(chips)
                if mirror:
                    d = (d + emb.describe(np.ascontiguousarray(chips[:, :, ::-1]))) / 2
                desc.update(zip(batch, d, strict=True))
            res = lfw_10fold(args.root, lambda p, d=desc: d.get(str(p)))  # type: ignore[misc]
            print(json.dumps({"scheme": scheme, "mirror": mirror, "refine": args.refine,
                              "video": args.video,
                              "accuracy_mean": round(res["accuracy_mean"], 5),  # type: ignore[call-overload]
                              "accuracy_std": round(res["accuracy_std"], 5),  # type: ignore[call-overload]
                              "no_face": res["no_face"]["images"]}), flush=True)  # type: ignore[index]


if __name__ == "__main__":
    main()
