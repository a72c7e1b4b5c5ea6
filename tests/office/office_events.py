"""Made-up exam events as a station sends them (for the office tests and their windows)."""

from __future__ import annotations

T0 = "2026-12-03T08:00:00+08:00"
EXAM = "数学模拟"


def exam_events(room: str, people: list[tuple[str, str]], seq0: int = 1,
                exam: str = EXAM, ref: int = 1) -> list[dict]:
    """A session in ``room`` with its list of (number, name)."""
    events: list[dict] = [{"seq": seq0, "kind": "session", "session_ref": ref, "session": exam,
                           "session_kind": "exam", "room": room, "starts_at": T0,
                           "invigilators": "王老师", "at": T0}]
    for i, (num, name) in enumerate(people, start=1):
        events.append({"seq": seq0 + i, "kind": "entry", "session_ref": ref, "session": exam,
                       "number": num, "name": name, "class": "高三1班", "seat": str(i),
                       "at": T0})
    return events


def checkin(seq: int, number: str, second: int = 0, exam: str = EXAM, ref: int = 1,
            present: bool = True) -> dict:
    return {"seq": seq, "kind": "checkin" if present else "correction", "session_ref": ref,
            "session": exam, "number": number, "method": "face" if present else "manual",
            "present": present, "operator": "王老师",
            "at": f"2026-12-03T08:{second // 60:02d}:{second % 60:02d}+08:00"}
