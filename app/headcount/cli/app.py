"""The window: ``headcount`` with no command, and ``headcount demo``.

The GUI lives in ``headcount.gui`` (the only package that imports Qt); it is imported
lazily here so the rest of the CLI never loads Qt.

``headcount demo`` runs on a built-in, licence-clean demo station (made-up people, two
public-domain photos, a generated feed). Headless runs for installers and CI::

    headcount demo --offscreen --frames 150          # prints figures as JSON, exits 0
    headcount demo --video clip.avi --frames 100
    headcount demo --camera 0 --camera demo:         # two feeds
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="open Headcount on a built-in demo station")
    p.add_argument("--video", action="append", default=[], metavar="FILE",
                   help="play a video file as a live feed (repeat for more feeds)")
    p.add_argument("--camera", action="append", default=[], metavar="N|URL",
                   help="camera number, rtsp:// or http:// address, or demo: (repeatable)")
    p.add_argument("--mode", choices=["entrance", "classroom"], default="entrance",
                   help="entrance desk (near faces) or classroom (whole room)")
    p.add_argument("--frames", type=int, metavar="N",
                   help="stop each feed after N frames, print figures and quit")
    p.add_argument("--offscreen", action="store_true",
                   help="no display needed (Qt offscreen platform)")
    p.add_argument("--screenshots", metavar="DIR",
                   help="save screenshots of the main screens to DIR and quit")
    p.add_argument("--no-loop", action="store_true", help="do not restart a video at its end")
    p.set_defaults(func=open_demo)


def _feeds(args: argparse.Namespace) -> list[Any]:
    feeds: list[Any] = [*getattr(args, "camera", []), *getattr(args, "video", [])]
    return feeds or ["demo:"]


def _options(args: argparse.Namespace, lang: str) -> Any:
    from headcount.gui.app import WindowOptions

    shots = getattr(args, "screenshots", None)
    frames = getattr(args, "frames", None)
    if shots and frames is None:
        frames = 45
    for spec in getattr(args, "video", []):
        if not Path(spec).is_file():
            from headcount.errors import BadInput

            raise BadInput(f"Video not found: {spec}.", f"找不到视频文件：{spec}。")
    return WindowOptions(feeds=_feeds(args), mode=getattr(args, "mode", "entrance"),
                         frames=frames, screenshots=Path(shots) if shots else None,
                         loop=not getattr(args, "no_loop", False), lang=lang, enrol_demo=True)


def open_window(args: argparse.Namespace) -> int:
    """``headcount``: the configured station (sign-in first); without one, the demo."""
    from headcount.store.db import DB_NAME, default_data_dir

    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
    if not (data_dir / DB_NAME).exists():
        print(f"No station in {data_dir}: opening the demo station "
              "(set one up with `headcount init`).")
        return open_demo(args)
    from headcount.gui.app import WindowOptions, run_station
    from headcount.i18n import language
    from headcount.station import Station

    station = Station.open(data_dir)
    try:
        user = None
        if getattr(args, "user", None) and getattr(args, "password", None):
            from headcount.gui.backend import User

            u = station.login(args.user, args.password)
            user = User(u.name, u.role)  # type: ignore[arg-type]
        cameras: list[Any] = []
        return run_station(station, user, WindowOptions(feeds=cameras or [0], lang=language()))
    finally:
        station.close()


def open_demo(args: argparse.Namespace) -> int:
    from headcount.i18n import language

    if getattr(args, "offscreen", False) or getattr(args, "screenshots", None):
        import os

        if getattr(args, "offscreen", False):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from headcount.gui.app import demo_backend, run
    from headcount.gui.backend import User

    lang = language()
    options = _options(args, lang)
    return run(demo_backend(lang), User("admin", "admin"), options)
