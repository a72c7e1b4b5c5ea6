"""The built-in demo station: made-up people, two public-domain faces, a generated feed.

Licence-clean by construction: the only photos are scikit-image's astronaut (NASA,
public domain) and matplotlib's Grace Hopper portrait (US Navy, public domain); every
frame of the feed is generated here. Nothing comes from ../shared. No Qt in this module.
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

DEMO_NOTICE = {
    "processor": "Headcount 演示学校 (Demo School)",
    "contact": "教务处 Academic Office, 010-0000 0000",
    "purpose": "考场入场核验与课堂考勤 / exam entry checks and class attendance",
    "method": "本机比对人脸特征，不上传网络 / face templates compared on this PC only",
    "retention": "离校后 30 天删除 / deleted 30 days after leaving",
    "necessity": "加快核验；可随时改为人工核验 / faster checks; manual check always possible",
    "rights": "可查阅、删除、撤回同意 / access, deletion, withdrawal at any time",
    "alternative": "人工核验身份证或学生证 / manual check of the ID or student card",
}


def astronaut() -> np.ndarray:
    from skimage import data

    return np.ascontiguousarray(data.astronaut())


def grace_hopper() -> np.ndarray:
    import cv2
    from matplotlib import cbook

    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    bgr = cv2.imread(str(path))
    assert bgr is not None, path
    return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


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


def synthetic_frames(fps: float = FPS, realtime: bool = True,
                     max_frames: int | None = None) -> Iterator[Frame]:
    """An endless generated entrance feed, paced like a camera when ``realtime``."""
    portraits = _portraits()
    bg = _background(*FRAME_SIZE)
    start = time.monotonic()
    index = 0
    while max_frames is None or index < max_frames:
        t = index / fps
        if realtime:
            delay = start + t - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        yield Frame(index, t, render(t, portraits, bg), "demo")
        index += 1


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


def build_demo_backend(lang: str = "zh") -> Any:
    """An in-memory demo station: users, notice, ten people, an exam and a class.

    Users: ``admin``/``admin`` (administrator) and ``teacher``/``teacher`` (operator).
    Templates are added later by ``enrol_demo_faces`` (needs the engine's models).
    """
    from headcount.gui.backend import User
    from headcount.gui.memory_backend import MemoryBackend

    b = MemoryBackend()
    b.add_user("admin", "admin", "admin")
    b.add_user("teacher", "teacher", "operator")
    b.set_notice(**DEMO_NOTICE)
    admin = User("admin", "admin")
    for number, zh, en, klass, born, idn in DEMO_PEOPLE:
        b.add_person(number, zh if lang == "zh" else en, class_name=klass,
                     birth_date=born, id_number=idn)
    people = {p.number: p for p in b.people()}
    for number in ("2025001", "2025002", "2025003"):
        b.record_consent(people[number].id, user=admin, given_by="self", method="slip",
                         notice_shown=True)
    start = (dt.datetime.now() - dt.timedelta(minutes=5)).replace(microsecond=0).isoformat()
    exam_ids = [people[n].id for n in ("2025001", "2025002", "2025003", "2025004",
                                       "2025005", "2025006")]
    exam = "期中数学" if lang == "zh" else "Mid-term Maths"
    s = b.create_session(user=admin, kind="exam", name=exam,
                         room="301" if lang == "zh" else "Room 301",
                         person_ids=exam_ids, starts_at=start)
    b.create_session(user=admin, kind="exam", name=exam,
                     room="302" if lang == "zh" else "Room 302",
                     person_ids=[people[n].id for n in ("2025007", "2025008")],
                     starts_at=start)
    b.create_session(user=admin, kind="class", name="高一(3)班 第2节" if lang == "zh"
                     else "Class 1-3, period 2", room="", class_name="高一(3)班")
    b.start_session(s.id, user=admin)
    return b


def enrol_demo_faces(backend: Any, pipeline: Any = None) -> int:
    """Enrol the two demo photos (slow: runs the models; call it off the GUI thread)."""
    from headcount.gui.backend import User
    from headcount.vision.pipeline import FacePipeline

    own = pipeline is None
    pipe = pipeline or FacePipeline(mode="entrance", threads=1)
    admin = User("admin", "admin")
    people = {p.number: p for p in backend.people()}
    done = 0
    try:
        results = {number: (photo, pipe.enrol_image(photo))
                   for number, photo in demo_photos().items()}
    finally:
        if own:
            pipe.close()
    for number, (photo, result) in results.items():
        if result.ok:
            backend.enrol_template(people[number].id, result.template, user=admin,
                                   source="demo photo")
            if hasattr(backend, "set_reference"):
                backend.set_reference(people[number].id, photo)
            done += 1
    return done
