"""The built-in demo station: made-up people, two public-domain faces, a generated feed.

Licence-clean by construction: the only photos are scikit-image's astronaut (NASA,
public domain) and matplotlib's Grace Hopper portrait (US Navy, public domain), shipped
in resources/demo so the demo needs neither package; every frame of the feed is
generated here. Nothing comes from ../shared. No Qt in this module.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from headcount.vision.frames import Frame

DEMO_SOURCE = "demo:"
FRAME_SIZE = (640, 480)
FPS = 15.0

# Made-up names (number, Chinese name, English name, class, date of birth, ID number).
# The first two are shown by the two public-domain photos in the demo feed.
DEMO_PEOPLE = (
    ("2025001", "林晓雯", "Lin Xiaowen", "高一(3)班", "2009-03-14", "110101200903140026"),
    ("2025002", "周海明", "Zhou Haiming", "高一(3)班", "2009-07-02", "110101200907020031"),
    ("2025003", "陈思远", "Chen Siyuan", "高一(3)班", "2009-11-21", ""),
    ("2025004", "王雨桐", "Wang Yutong", "高一(3)班", "2010-01-09", ""),
    ("2025005", "李浩然", "Li Haoran", "高一(3)班", "2009-05-30", ""),
    ("2025006", "张可欣", "Zhang Kexin", "高一(3)班", "2009-09-18", ""),
    ("2025007", "刘子涵", "Liu Zihan", "高一(3)班", "2009-12-05", ""),
    ("2025008", "赵一鸣", "Zhao Yiming", "高一(3)班", "2008-08-08", ""),
    ("2025009", "黄诗琪", "Huang Shiqi", "初一(2)班", "2013-04-11", ""),
    ("2025010", "吴俊杰", "Wu Junjie", "初一(2)班", "2013-06-23", ""),
)

DEMO_SCHOOL = {"zh": ("演示中学（虚构）", "教务处 010-0000 0000"),
               "en": ("Demo Secondary School (made up)", "Academic Office, 010-0000 0000")}
DEMO_USERS = (("admin", "admin", "admin"), ("teacher", "teacher", "operator"))
CONSENTING = ("2025001", "2025002", "2025003")


def _demo_photo(name: str) -> np.ndarray:
    """One of the two public-domain photos shipped in resources/demo (see SOURCES.md)."""
    from headcount.resources import resources_dir
    from headcount.vision.frames import read_image

    return read_image(resources_dir() / "demo" / name)


def astronaut() -> np.ndarray:
    return _demo_photo("astronaut.jpg")


def grace_hopper() -> np.ndarray:
    return _demo_photo("grace_hopper.jpg")


def demo_photos() -> dict[str, np.ndarray]:
    """Number -> enrolment photo, for the two people the demo feed shows."""
    return {"2025001": astronaut(), "2025002": grace_hopper()}


def _portraits() -> list[np.ndarray]:
    """Head-and-shoulders cut-outs, 260 px square, that walk through the feed."""
    import cv2

    a = astronaut()[30:260, 110:340]
    g = grace_hopper()[90:400, 110:420]
    return [np.ascontiguousarray(cv2.resize(p, (260, 260), interpolation=cv2.INTER_AREA))
            for p in (a, g)]


def _background(w: int, h: int) -> np.ndarray:
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    bg = np.stack([90 + 60 * y + 0 * x, 110 + 40 * x + 0 * y, 130 + 50 * y * x], axis=2)
    bg[h * 3 // 4:, :, :] *= 0.7  # a "floor"
    return bg.astype(np.uint8)


CYCLE_S = 8.0  # one person every 4 s: walk in, stand, walk out


def render(t: float, portraits: list[np.ndarray], bg: np.ndarray) -> np.ndarray:
    """The synthetic entrance at time ``t`` seconds (pure function of t)."""
    frame = bg.copy()
    h, w = frame.shape[:2]
    phase = t % CYCLE_S
    who = int(phase // (CYCLE_S / 2))
    u = (phase % (CYCLE_S / 2)) / (CYCLE_S / 2)  # 0..1 within this person's turn
    # 0-0.1 nobody, 0.1-0.3 walking in, 0.3-0.8 at the desk (slight sway), 0.8-0.95 out.
    p = portraits[who]
    ph, pw = p.shape[:2]
    centre = (w - pw) // 2
    if u < 0.1 or u > 0.95:
        return frame
    if u < 0.3:
        x = int(-pw + (centre + pw) * (u - 0.1) / 0.2)
    elif u < 0.8:
        x = centre + int(8 * np.sin(2 * np.pi * t))
    else:
        x = int(centre + (w - centre) * (u - 0.8) / 0.15)
    y = (h - ph) // 2 - 20
    x0, x1 = max(x, 0), min(x + pw, w)
    if x1 > x0:
        frame[y:y + ph, x0:x1] = p[:, x0 - x:x1 - x]
    return frame


def _paced(draw: Any, fps: float, realtime: bool, max_frames: int | None) -> Iterator[Frame]:
    """Frames ``draw(t)`` at ``fps``, paced like a camera when ``realtime``."""
    start = time.monotonic()
    index = 0
    while max_frames is None or index < max_frames:
        t = index / fps
        if realtime:
            delay = start + t - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        yield Frame(index, t, draw(t), "demo")
        index += 1


def synthetic_frames(fps: float = FPS, realtime: bool = True,
                     max_frames: int | None = None) -> Iterator[Frame]:
    """An endless generated entrance feed, paced like a camera when ``realtime``."""
    portraits = _portraits()
    bg = _background(*FRAME_SIZE)
    return _paced(lambda t: render(t, portraits, bg), fps, realtime, max_frames)


CLASSROOM_SOURCE = "demo:classroom"


def classroom_frame(size: tuple[int, int] = (1280, 720)) -> np.ndarray:
    """A generated classroom seen from the front: the two demo people side by side at
    their desks, heads close together (so their name labels would collide), with
    empty seats around them. Deterministic; nothing but the two shipped photos."""
    import cv2

    w, h = size
    frame = _background(w, h)
    frame[h * 3 // 5:, :, :] = (frame[h * 3 // 5:, :, :] * 0.6).astype(np.uint8)  # desks
    side = 200
    people = [np.ascontiguousarray(cv2.resize(p, (side, side), interpolation=cv2.INTER_AREA))
              for p in _portraits()]
    y = h // 2 - side // 2 - 40
    for i, p in enumerate(people):
        x = w // 2 - side - 10 + i * (side + 20)
        frame[y:y + side, x:x + side] = p
    return frame


def classroom_frames(fps: float = 5.0, realtime: bool = True,
                     max_frames: int | None = None) -> Iterator[Frame]:
    """The generated classroom as a slow feed (a classroom camera needs few frames)."""
    rgb = classroom_frame()
    return _paced(lambda _t: rgb.copy(), fps, realtime, max_frames)


class DemoFeed:
    """A feed spec for the window: the generated entrance for ``frames`` frames, then
    its end (the soak benchmark and its CI version); ``realtime=False`` plays as fast as
    the worker reads."""

    def __init__(self, frames: int, realtime: bool = True) -> None:
        self.frames, self.realtime = frames, realtime

    def __call__(self) -> Iterator[Frame]:
        return synthetic_frames(realtime=self.realtime, max_frames=self.frames)

    def __str__(self) -> str:
        return DEMO_SOURCE


def write_demo_video(path: str | Path, seconds: float = CYCLE_S, fps: float = FPS) -> Path:
    """Write the generated feed as an MJPEG AVI (for ``--video`` and the tests)."""
    import cv2

    path = Path(path)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, FRAME_SIZE)
    try:
        for frame in synthetic_frames(fps, realtime=False, max_frames=int(seconds * fps)):
            writer.write(cv2.cvtColor(frame.rgb, cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
    return path


def demo_folder(lang: str) -> Path:
    """The per-user demo station folder (one per language: the made-up names differ)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Headcount-demo", appauthor=False)) / lang


def build_demo_station(folder: str | Path, lang: str = "zh") -> Any:
    """A real station (SQLite file, encrypted templates, consent records) with made-up
    people, or the one already in ``folder``; each start has an open exam session.

    Users: ``admin``/``admin`` (administrator) and ``teacher``/``teacher`` (operator).
    Templates are added by ``enrol_demo_faces`` (needs the engine's models).
    """
    from headcount.roster.reader import PersonRow, RosterResult
    from headcount.station import Station
    from headcount.store.db import DB_NAME

    folder = Path(folder)
    keys = folder / "keys"
    if (folder / "data" / DB_NAME).exists():
        station = Station.open(folder / "data", key_dir=keys)
    else:
        school, contact = DEMO_SCHOOL["zh" if lang == "zh" else "en"]
        station = Station.init(folder / "data", school=school, contact=contact,
                               admin=DEMO_USERS[0][0], password=DEMO_USERS[0][1],
                               use_keyring=False, key_dir=keys, language=lang,
                               demo=True)
        admin = station.login(DEMO_USERS[0][0], DEMO_USERS[0][1])
        name, password, role = DEMO_USERS[1]
        station.users.add(admin, name, role, password)
        rows = [PersonRow(i, number, zh if lang == "zh" else en, klass,
                          dt.date.fromisoformat(born), id_number=idn)
                for i, (number, zh, en, klass, born, idn) in enumerate(DEMO_PEOPLE, start=2)]
        station.people.import_rows(admin, RosterResult(rows=rows), source="demo")
        for number in CONSENTING:
            station.consent.record(admin, number, by="self", method="slip")
        station.sessions.create(admin, kind="class", name="第2节" if lang == "zh"
                                else "period 2", class_name="高一(3)班")
    _todays_exam(station, lang)
    return station


def _todays_exam(station: Any, lang: str) -> None:
    """An open exam (rooms 301 and 302) that started five minutes ago, made fresh on a
    new day so the demo's late marking and statuses make sense."""
    admin = station.login(DEMO_USERS[0][0], DEMO_USERS[0][1])
    today = dt.date.today().isoformat()
    for s in station.sessions.all(status="open"):
        if (s.starts_at or "")[:10] == today and s.kind == "exam":
            return
        station.sessions.close(admin, s.id)
    start = (dt.datetime.now() - dt.timedelta(minutes=5)).replace(microsecond=0).isoformat()
    exam = "期中数学" if lang == "zh" else "Mid-term Maths"
    rooms = (("301" if lang == "zh" else "Room 301", DEMO_PEOPLE[:6]),
             ("302" if lang == "zh" else "Room 302", DEMO_PEOPLE[6:8]))
    first = None
    for room, people in rooms:
        s = station.sessions.create(admin, kind="exam", name=exam, room=room, starts_at=start,
                                    candidates=[(p[0], f"{i:02d}")
                                                for i, p in enumerate(people, start=1)])
        first = first or s
    assert first is not None
    station.sessions.start(admin, first.id)


def build_demo_backend(folder: str | Path, lang: str = "zh") -> Any:
    """The demo station behind the window's adapter (gui/station_backend.py)."""
    from headcount.gui.station_backend import StationBackend

    return StationBackend(build_demo_station(folder, lang))


def enrol_demo_faces(backend: Any, pipeline: Any = None) -> int:
    """Enrol the two demo photos unless already enrolled (slow the first time: runs
    the models; call it off the GUI thread). Only templates are stored (C9)."""
    from headcount.gui.backend import User

    admin = User("admin", "admin")
    people = {p.number: p for p in backend.people()}
    todo = {n: photo for n, photo in demo_photos().items() if not people[n].enrolled}
    if not todo:
        return 0
    from headcount.vision.pipeline import FacePipeline

    own = pipeline is None
    pipe = pipeline or FacePipeline(mode="entrance", threads=1)
    try:
        results = {number: pipe.enrol_image(photo) for number, photo in todo.items()}
    finally:
        if own:
            pipe.close()
    done = 0
    for number, result in results.items():
        if result.ok:
            backend.enrol_template(people[number].id, result.template, user=admin,
                                   source="demo photo", model=result.version)
            done += 1
    return done
