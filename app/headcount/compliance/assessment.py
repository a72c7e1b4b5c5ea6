"""The personal information protection impact assessment (C11; Measures Art. 9, PIPL 55
and 56): the record that one was done, and what the pre-filled report needs from the
station (the measured false-match rate of the last ``calibrate``).

An administrator records the assessment once it is completed and signed (the day it was
done). Until one is recorded, enrolment still works but warns: the Measures ask for the
assessment before faces are processed, and refusing would only push schools to record
one they have not done. The report asks when to redo it: after a change to the purpose,
method or safeguards (a new notice version), or after an incident.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.users import User

DONE_KEY = "pia_done"  # meta: {"on": date, "by": user, "notice_version": n}
CALIBRATION_KEY = "calibration_last"  # meta: the last calibrate's figures

NO_PIA = Text(
    "No impact assessment has been recorded (Measures art. 9): an administrator prints it "
    "(Print > Impact assessment; `headcount print pia`), completes and signs it, then "
    "records it (Administration > Impact assessment done and signed; `headcount "
    "assessment record`).",
    "尚未记录个人信息保护影响评估（《办法》第九条）：请管理员打印评估报告"
    "（打印 > 个人信息保护影响评估；`headcount print pia`），"
    "完成并签字后记录（管理 > 影响评估已完成并签字；"
    "`headcount assessment record`）。")


@dataclass(frozen=True)
class AssessmentDone:
    """The record that the impact assessment was completed and signed."""

    on: dt.date
    by: str  # the administrator who recorded it
    notice_version: int | None  # the notice in force then

    def as_dict(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "by": self.by,
                "notice_version": self.notice_version}


class Assessment:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog) -> None:
        self.db, self.audit = db, audit

    def _get(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    def _put(self, key: str, value: dict[str, Any]) -> None:
        with atomic(self.db):
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [key, json.dumps(value, ensure_ascii=False)])

    def record(self, actor: User, *, done_on: dt.date | None = None,
               notice_version: int | None = None) -> AssessmentDone:
        """An administrator records that the assessment was done (default: today)."""
        require(actor, "assessment.record")
        day = done_on or dt.date.today()
        if day > dt.date.today():
            raise BadInput(f"The assessment date {day} is in the future.",
                           f"评估日期 {day} 晚于今天。")
        done = AssessmentDone(day, actor.name, notice_version)
        self._put(DONE_KEY, done.as_dict())
        self.audit.record(actor.name, "pia_record", "", done.as_dict())
        return done

    def last(self) -> AssessmentDone | None:
        stored = self._get(DONE_KEY)
        if stored is None:
            return None
        return AssessmentDone(dt.date.fromisoformat(stored["on"]), str(stored["by"]),
                              stored.get("notice_version"))

    def done_on(self) -> dt.date | None:
        last = self.last()
        return last.on if last else None

    def warning(self) -> Text | None:
        """Shown on every enrolment while no assessment is recorded."""
        return None if self.last() else NO_PIA

    def note_calibration(self, actor: User, figures: dict[str, Any]) -> None:
        """Keep the measured false-match rate for the assessment (``calibrate``)."""
        keep = {k: figures.get(k) for k in ("threshold", "people", "search_people", "fmr",
                                            "search_fmr", "search_fmr_upper95", "fnmr")}
        keep["on"] = dt.date.today().isoformat()
        self._put(CALIBRATION_KEY, keep)
        self.audit.record(actor.name, "calibration_noted", "", keep)

    def calibration(self) -> dict[str, Any] | None:
        return self._get(CALIBRATION_KEY)
