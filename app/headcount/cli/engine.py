"""Engine commands: ``faces`` (find and describe faces) and ``bench`` (measurements)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from headcount.errors import HeadcountError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "faces",
        help="find (and describe) every face in images (检测并描述图像中的人脸)",
        description="Find every face in each image; one JSON object per line "
        "per image with --json.",
    )
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument(
        "--mode",
        choices=["classroom", "entrance"],
        default="classroom",
        help="classroom: every face of any size (default); entrance: fast near range",
    )
    p.add_argument("--descriptors", action="store_true", help="include 128-D descriptors")
    p.add_argument("--threads", type=int, default=None, help="embedder threads")
    p.set_defaults(func=cmd_faces)

    cal = sub.add_parser(
        "calibrate",
        help="false-match rate of this station's gallery at its threshold (误识率校准)",
        description="Estimate, from the impostor distances of the templates actually stored, "
        "the false-match rate at the station's threshold for a roster of N people, and the "
        "threshold that keeps it under a target.",
    )
    cal.add_argument(
        "--roster-size",
        type=int,
        default=45,
        help="people a session matches against (default 45, one exam room)",
    )
    cal.add_argument(
        "--target",
        type=float,
        default=0.01,
        help="wanted chance that a stranger matches someone on the roster",
    )
    cal.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="threshold to assess (default: the station's distance threshold)",
    )
    cal.set_defaults(func=cmd_calibrate)

    b = sub.add_parser("bench", help="measure accuracy and speed (测量准确率与速度)")
    bsub = b.add_subparsers(dest="bench", metavar="BENCH", required=True)
    lfw = bsub.add_parser("lfw", help="LFW 10-fold verification accuracy (LFW 十折验证准确率)")
    lfw.add_argument("--root", required=True, help="LFW folder with pairs.txt")
    lfw.add_argument("--scheme", default="default", help="mesh-to-5-point scheme")
    lfw.add_argument(
        "--no-mirror",
        dest="mirror",
        action="store_false",
        help="do not average with the mirrored chip (the app does)",
    )
    lfw.add_argument("--limit", type=int, default=None, help="only the first N folds' pairs")
    lfw.set_defaults(func=cmd_bench_lfw)
    det = bsub.add_parser(
        "detect",
        help="detection recall/false positives and crowd counts (检测召回率、误检与人群计数)",
    )
    det.add_argument("--root", help="folder with voc_boxes/ and crowds/ (recall, counts)")
    det.add_argument("--mode", choices=["classroom", "entrance"], default="classroom")
    det.add_argument("--overlays", help="write overlay PNGs for checking by eye to this folder")
    det.add_argument("--no-sweep", dest="sweep", action="store_false",
                     help="skip the scale sweep (one portrait from 200 to 4000 px, both modes)")
    det.add_argument("--lfw", help="LFW folder: count photos in which each mode finds no face")
    det.add_argument("--lfw-limit", type=int, default=None, help="only N LFW photos, spread out")
    det.add_argument("--lfw-sweep", type=int, default=0, metavar="N",
                     help="also sweep N random LFW people's first photos (as they are and as "
                          "wide shots) through every size, with --lfw")
    det.set_defaults(func=cmd_bench_detect)
    spd = bsub.add_parser(
        "speed", help="median milliseconds of each step on this machine (本机各步骤耗时中位数)"
    )
    spd.add_argument("--threads", type=int, default=None)
    spd.add_argument("--repeat", type=int, default=30)
    spd.set_defaults(func=cmd_bench_speed)
    ident = bsub.add_parser(
        "ident", help="ORL/Yale identification, one image enrolled per person (ORL/Yale 识别)"
    )
    ident.add_argument("--root", required=True, help="folder with orl/, yale/ and/or lfw/")
    ident.add_argument("--threshold", type=float, default=None,
                       help="default: the shipped LFW estimate")
    ident.add_argument("--trials", type=int, default=200, help="random LFW lists")
    ident.add_argument("--cache", help="descriptor cache file (.npz) to reuse between runs")
    ident.set_defaults(func=cmd_bench_ident)
    ops = bsub.add_parser(
        "openset",
        help="strangers proposed and students matched on 45-person lists (开集识别：陌生人误认率)",
    )
    ops.add_argument("--root", required=True, help="folder with lfw/, orl/ and/or yale/")
    ops.add_argument("--trials", type=int, default=500, help="random lists per protocol")
    ops.add_argument("--cache", help="descriptor cache file (.npz) to reuse between runs")
    ops.add_argument("--seed", type=int, default=0,
                     help="draw other random lists (the figures move about 0.6 points)")
    ops.set_defaults(func=cmd_bench_openset)
    dec = bsub.add_parser(
        "decide",
        help="ms per face of a session's decision with 5,000 competitors "
             "(含 5000 名竞争者的判定耗时)",
    )
    dec.add_argument("--repeat", type=int, default=50, help="timed runs per figure")
    dec.set_defaults(func=cmd_bench_decide)


def cmd_faces(args: argparse.Namespace) -> int:
    from headcount.vision.frames import read_image
    from headcount.vision.pipeline import FacePipeline

    failed = 0
    with FacePipeline(mode=args.mode, threads=args.threads) as pipe:
        for name in args.images:
            try:
                rgb = read_image(Path(name))
                faces = pipe.analyse(
                    rgb, describe=args.descriptors, quality="live", describe_poor=True
                )
            except HeadcountError as err:
                failed += 1
                print(f"headcount: {name}: {err}", file=sys.stderr)
                continue
            record: dict[str, Any] = {
                "file": name,
                "faces": [f.as_dict(descriptors=args.descriptors) for f in faces],
            }
            if args.json:
                print(json.dumps(record, ensure_ascii=False), flush=True)
            else:
                print(f"{name}: {len(faces)} face(s)")
                for f in record["faces"]:
                    print(f"  box={f['box']} score={f['score']}")
    return 2 if failed else 0


def cmd_calibrate(args: argparse.Namespace) -> Any:
    from headcount.cli.station_actions import _run
    from headcount.i18n import language

    def action(station: Any, user: Any) -> Any:
        report = station.calibrate(user, threshold=args.threshold, target=args.target,
                                   roster_size=args.roster_size)
        if args.json:
            return report.to_dict()
        text = report.summary()
        return text.zh if language() == "zh" else text.en

    return _run(args, action)


def cmd_bench_lfw(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.lfw import run

    return run(Path(args.root), scheme=args.scheme, mirror=args.mirror, limit=args.limit)


def cmd_bench_detect(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench import scale
    from headcount.bench.detect import run

    out: dict[str, Any] = {}
    if args.root:
        kw: dict[str, Any] = {"mode": args.mode}
        if args.overlays:
            kw["overlays"] = Path(args.overlays)
        out.update(run(Path(args.root), **kw))
    if args.sweep:
        out["scale_sweep"] = scale.run()
    if args.lfw:
        out["lfw_no_face"] = scale.lfw_misses(Path(args.lfw), limit=args.lfw_limit)
        if args.lfw_sweep:
            out["lfw_scale_sweep"] = scale.run(
                photos=scale.lfw_sweep_photos(Path(args.lfw), args.lfw_sweep))
    return out


def cmd_bench_speed(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.speed import run

    return run(threads=args.threads, repeat=args.repeat)


def cmd_bench_ident(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.ident import run
    from headcount.matching.threshold import default_choice

    choice = default_choice()
    t = choice.threshold if args.threshold is None else args.threshold
    return run(Path(args.root), threshold=t, gap=choice.gap_rule(), trials=args.trials,
               cache=Path(args.cache).with_name(Path(args.cache).stem + "-lfw.npz")
               if args.cache else None)


def cmd_bench_decide(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.decide import run

    return run(repeat=args.repeat)


def cmd_bench_openset(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.openset import run

    return run(Path(args.root), trials=args.trials,
               cache=Path(args.cache) if args.cache else None, seed=args.seed)
