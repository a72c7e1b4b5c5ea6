"""What the exam office looks at: every room with its absent names, duplicates across rooms
with names, the school-wide filing count, and the exams to choose from. Qt-free; the
office window (gui/office_window.py) and the printed exam report (reports/exam_office.py)
both read it, so the screen and the paper always say the same.

The counts come from the same SQL as ``office status`` (status.py); this module adds the
names. One read-only transaction, so every figure is of the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from headcount.office.schema import connect
from headcount.office.status import _DUPLICATES, _FACE_DATA, _ROOMS, _STATE, FILING_THRESHOLD

# The latest list entry of each number in each session (names and seats).
_ENTRIES = """
    SELECT DISTINCT ON (station, session_ref, number)
           station, session_ref, session, number, name, seat
    FROM headcount.events
    WHERE kind = 'entry' AND (%(exam)s::text IS NULL OR session = %(exam)s)
    ORDER BY station, session_ref, number, at DESC, seq DESC
"""

# Per room: who is on the list and not (or no longer) checked in.
_ABSENT = _STATE + f"""
    , entries AS ({_ENTRIES})
    SELECT e.station, e.session_ref, e.number, coalesce(e.name, ''), coalesce(e.seat, '')
    FROM entries e
    LEFT JOIN marks m
        ON m.station = e.station AND m.session_ref = e.session_ref AND m.number = e.number
    WHERE m.present IS NOT TRUE
    ORDER BY e.station, e.session_ref, length(e.seat), e.seat, e.number
"""

_NAMES = """
    SELECT DISTINCT ON (number) number, name FROM headcount.events
    WHERE kind = 'entry' AND number = ANY(%(numbers)s) AND name IS NOT NULL
    ORDER BY number, at DESC
"""

_EXAMS = """
    SELECT session FROM headcount.events
    WHERE kind = 'session' AND session_kind = 'exam' AND session IS NOT NULL
    GROUP BY session ORDER BY max(coalesce(starts_at, at)) DESC, session
"""


@dataclass(frozen=True)
class Person:
    number: str
    name: str
    seat: str = ""


@dataclass(frozen=True)
class Room:
    station: str
    session: str
    room: str
    expected: int
    present: int
    absent: int
    absent_people: tuple[Person, ...] = ()
    duplicates: tuple[str, ...] = ()  # numbers also checked in in another room


@dataclass(frozen=True)
class Duplicate:
    number: str
    name: str
    session: str
    rooms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.session, self.number)


@dataclass(frozen=True)
class Board:
    exam: str | None
    rooms: tuple[Room, ...]
    duplicates: tuple[Duplicate, ...]
    people_with_face_data: int
    filing_required: bool
    read_at: datetime  # the server's clock at the read
    exams: tuple[str, ...] = field(default=())

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(r, k) for r in self.rooms)
                for k in ("expected", "present", "absent")}


def read_board(dsn: str, exam: str | None = None) -> Board:
    """Everything the office shows, in one read-only transaction."""
    params: dict[str, object] = {"exam": exam}
    with connect(dsn) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        now = conn.execute("SELECT now()").fetchone()
        counts = conn.execute(_ROOMS, params).fetchall()
        absent: dict[tuple[str, int], list[Person]] = {}
        for st, ref, num, name, seat in conn.execute(_ABSENT, params).fetchall():
            absent.setdefault((st, ref), []).append(Person(num, name, seat))
        dups = conn.execute(_DUPLICATES, params).fetchall()
        numbers = [d[1] for d in dups]
        names: dict[str, str] = dict(conn.execute(_NAMES, {"numbers": numbers}).fetchall())
        face = conn.execute(_FACE_DATA).fetchone()
        exams = tuple(r[0] for r in conn.execute(_EXAMS).fetchall())
    duplicates = tuple(Duplicate(num, names.get(num, ""), se, tuple(rs))
                       for se, num, rs in dups)
    rooms = []
    for st, se, ro, ex, pr, ref in counts:
        room_name = ro or st
        rooms.append(Room(st, se, ro or "", ex, pr, ex - pr, tuple(absent.get((st, ref), ())),
                          tuple(d.number for d in duplicates
                                if d.session == se and room_name in d.rooms)))
    people = int(face[0]) if face else 0
    return Board(exam, tuple(rooms), duplicates, people, people >= FILING_THRESHOLD,
                 now[0] if now else datetime.now().astimezone(), exams)
