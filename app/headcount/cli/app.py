"""The window: ``headcount`` with no command, and ``headcount demo``.

The GUI lives in ``headcount.gui`` (the only package that imports Qt); it is imported
lazily here so the rest of the CLI never loads Qt.

``headcount`` with no station runs the first-run wizard (school, administrator,
language, data folder, notice), offers the entrance sign, then signs in.

``headcount demo`` runs on a built-in, licence-clean demo station: a real station
(SQLite file, encrypted templates, consent records) in a per-user demo folder, with
made-up people, two public-domain photos and a generated feed. Headless runs::

    headcount demo --offscreen --frames 150          # prints figures as JSON, exits 0
    headcount demo --video clip.avi --frames 100
    headcount demo --camera 0 --camera demo:         # two feeds

The headless runs print their figures (frames, GUI lateness, memory, reference counts of
None/True/False; gui/run_meter.py) and exit 1 when a feed failed or a count fell.
``headcount bench soak --minutes 30`` runs two generated feeds for 30 minutes of frames
on a fresh demo station (the long run that a leaking Qt binding does not survive).
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
    p.add_argument("--demo-dir", metavar="DIR",
                   help="keep the demo station here (default: the per-user demo folder)")
    p.add_argument("--fresh", action="store_true",
                   help="delete the demo station first and build it again")
    p.set_defaults(func=open_demo)
    _register_soak(sub)


def _register_soak(sub: argparse._SubParsersAction) -> None:
    """``headcount bench soak``: added to cli/engine.py's ``bench`` group here, because
    it runs the window (Qt), which the engine commands may not import."""
    bench = sub.choices["bench"]
    group = next(a for a in bench._actions if isinstance(a, argparse._SubParsersAction))
    s = group.add_parser(
        "soak", help="the window with live feeds for a long run: memory, lateness, "
        "reference counts (窗口长时间运行：内存、延迟、引用计数)")
    s.add_argument("--minutes", type=float, default=30.0,
                   help="minutes of frames per feed (15 frames a second)")
    s.add_argument("--feeds", type=int, default=2, help="generated demo feeds side by side")
    s.add_argument("--fast", action="store_true",
                   help="play the frames as fast as they are analysed, not in real time")
    s.add_argument("--demo-dir", metavar="DIR",
                   help="build the demo station here (default: a temporary folder)")
    s.set_defaults(func=cmd_bench_soak)


def _feeds(args: argparse.Namespace) -> list[Any]:
    from headcount.gui.camera_view import parse_source

    return [*(parse_source(c) for c in getattr(args, "camera", [])),
            *getattr(args, "video", [])]


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
    feeds = _feeds(args)
    mode = getattr(args, "mode", "entrance")
    # The generated classroom for a classroom demo (a roll call, Ctrl+R), else the entrance.
    default: list[Any] = ["demo:classroom" if mode == "classroom" else "demo:"]
    return WindowOptions(feeds=feeds or default, mode=mode,
                         frames=frames, screenshots=Path(shots) if shots else None,
                         loop=not getattr(args, "no_loop", False), lang=lang, enrol_demo=True,
                         cameras_from_settings=not feeds)


def require_display() -> None:
    """A clear message instead of Qt's abort when a Linux session has no screen."""
    import os
    import sys

    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        from headcount.errors import BadInput

        raise BadInput(
            "No display to open the window on (DISPLAY is not set). Start Headcount from "
            "the desktop, or try `headcount demo --offscreen --frames 150` without a "
            "screen; every other command works without one.",
            "没有可显示窗口的屏幕（未设置 DISPLAY）。请在桌面环境中启动 Headcount；无屏幕时可试用 "
            "`headcount demo --offscreen --frames 150`，其他命令均无需屏幕。")


def open_window(args: argparse.Namespace) -> int:
    """``headcount``: the configured station (sign-in first); without one, the first-run
    wizard, then sign-in."""
    require_display()
    from headcount.gui.app import WindowOptions, first_run, remembered_data_dir, run_station
    from headcount.i18n import language
    from headcount.station import Station
    from headcount.store.db import DB_NAME, blank_station, default_data_dir

    def has_station(folder: Path) -> bool:  # a 0-byte file is no station: the wizard
        return (folder / DB_NAME).exists() and not blank_station(folder / DB_NAME)

    if getattr(args, "data_dir", None):
        data_dir = Path(args.data_dir)
    else:
        data_dir = remembered_data_dir() or default_data_dir()
        if not has_station(data_dir):
            data_dir = default_data_dir()
    if has_station(data_dir):
        station = Station.open(data_dir)
    else:
        station = first_run(data_dir, language())
        if station is None:
            return 1
    try:
        user = None
        if getattr(args, "user", None) and getattr(args, "password", None):
            from headcount.gui.backend import User

            u = station.login(args.user, args.password)
            user = User(u.name, u.role)  # type: ignore[arg-type]
        lang = str(station.settings["default_language"]) if not getattr(args, "lang", None) \
            else language()
        return run_station(station, user, WindowOptions(lang=lang, cameras_from_settings=True))
    finally:
        station.close()


def open_demo(args: argparse.Namespace) -> int:
    from headcount.i18n import language

    if getattr(args, "offscreen", False):
        import os

        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    require_display()
    from headcount.gui.app import demo_backend, run
    from headcount.gui.backend import User
    from headcount.gui.camera_view import sources_from_settings

    lang = language()
    options = _options(args, lang)
    folder = Path(args.demo_dir) if getattr(args, "demo_dir", None) else None
    if getattr(args, "fresh", False):
        import shutil

        from headcount.gui.demo import demo_folder

        shutil.rmtree(folder or demo_folder(lang), ignore_errors=True)
    backend = demo_backend(lang, folder)
    try:
        s = backend.settings()  # camera_sources: the addresses with their passwords
        cameras = s.get("camera_sources", s.get("cameras", []))
        if options.cameras_from_settings and cameras:
            # The demo station's own cameras, each in its mode; else the generated demo
            # entrance (or classroom with --mode classroom).
            options.feeds, options.feed_modes = sources_from_settings(cameras)
        import sys

        print(f"Demo station: {backend.st.data_dir} (admin/admin, teacher/teacher)",
              file=sys.stderr)
        return run(backend, User("admin", "admin"), options)
    finally:
        backend.st.close()


def cmd_bench_soak(args: argparse.Namespace) -> int:
    """The real window (offscreen) on a fresh demo station with N generated feeds of M
    minutes each; prints the run's figures; exit 1 when it did not finish or a reference
    count fell (the sign of a leaking Qt binding)."""
    import os
    import tempfile

    from headcount.cli import emit
    from headcount.errors import BadInput

    if args.minutes <= 0 or not 1 <= args.feeds <= 4:
        raise BadInput("--minutes must be above 0 and --feeds between 1 and 4.",
                       "--minutes 须大于 0，--feeds 须在 1 到 4 之间。")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from headcount.gui.app import WindowOptions, demo_backend, run
    from headcount.gui.backend import User
    from headcount.gui.demo import FPS, DemoFeed
    from headcount.i18n import language

    frames = round(args.minutes * 60 * FPS)
    lang = language()
    with tempfile.TemporaryDirectory(prefix="headcount-soak-") as tmp:
        backend = demo_backend(lang, Path(args.demo_dir) if args.demo_dir else Path(tmp))
        figures: dict[str, Any] = {}
        try:
            options = WindowOptions(
                feeds=[DemoFeed(frames, realtime=not args.fast) for _ in range(args.feeds)],
                headless=True, loop=False, lang=lang, enrol_demo=True)
            code = run(backend, User("admin", "admin"), options, figures)
        finally:
            backend.st.close()
    figures = {"minutes_of_frames": args.minutes, "frames_per_feed": frames,
               "realtime": not args.fast, **figures}
    emit(figures, args.json)
    return code
