"""The desk: feed results -> the core's candidate queue -> the card and the banner.

The queue (``headcount.attendance.candidates``) decides everything: what is proposed,
when it expires, whether it may be confirmed. This object only turns its proposals into
what the operator reads (names, rooms, times, in the interface language), labels and
colours the faces on the feeds, and asks the queue before a confirmation goes to the
station. It never moves the keyboard focus.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from headcount.attendance.candidates import CandidateQueue, Proposal, Sighting
from headcount.errors import Refused
from headcount.gui.backend import RosterEntry
from headcount.gui.candidate_card import Candidate, CandidateCard
from headcount.gui.recognise import FaceOutcome, FeedResult
from headcount.gui.result_banner import ResultBanner
from headcount.matching.decision import GapRule

TICK_MS = 250  # how often stale proposals are looked for


class CandidateDesk(QObject):
    shown = Signal(object)  # Candidate, each time a new proposal reaches the card

    def __init__(self, card: CandidateCard, banner: ResultBanner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card, self.banner = card, banner
        self.queue = CandidateQueue()
        self.entries: dict[int, RosterEntry] = {}
        self.threshold = 0.6
        self.gap: GapRule | None = None
        self._crops: dict[int, np.ndarray] = {}  # person id -> latest live face
        self._references: dict[int, np.ndarray] = {}
        self._rooms: dict[int, str] = {}  # session id -> room (other rooms of the exam)
        self._others: dict[int, tuple[str, str]] = {}  # person id -> (name, number)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    # ------------------------------------------------------------------ session state
    def configure(self, *, session_open: bool, entries: list[RosterEntry],
                  other_rooms: dict[int, int], elsewhere: dict[int, int],
                  rooms: dict[int, str], others: dict[int, tuple[str, str]],
                  references: dict[int, np.ndarray], threshold: float,
                  gap: GapRule | None = None) -> None:
        """A session (re)loaded. Nothing is proposed unless it is open."""
        self.entries = {e.person.id: e for e in entries}
        self._rooms, self._others, self._references = rooms, others, references
        self.threshold, self.gap = threshold, gap
        self.queue.configure(
            session_open=session_open, on_list=set(self.entries),
            checked_in={e.person.id: e.checkin.ts for e in entries if e.checkin},
            other_rooms=other_rooms, checked_elsewhere=elsewhere)
        self._crops.clear()
        self._show(None)

    def update(self, entries: list[RosterEntry], elsewhere: dict[int, int]) -> None:
        """Fresh check-ins (after any check-in, here or in another room)."""
        self.entries = {e.person.id: e for e in entries}
        before = self.queue.current
        self.queue.update_checked_in(
            {e.person.id: e.checkin.ts for e in entries if e.checkin}, elsewhere)
        self._show(before if before is self.queue.current else None)

    # ------------------------------------------------------------------ frames and time
    def on_feed_result(self, result: FeedResult) -> None:
        sightings = []
        for face in result.faces:
            if face.person_id is None or face.kind not in ("roster", "elsewhere"):
                continue
            sightings.append(Sighting(int(face.person_id), face.track_id,
                                      float(face.distance or 0.0), face.runner_up))
            self._crops[int(face.person_id)] = crop(result.rgb, face.box)
        before = self.queue.current
        if self.queue.observe(sightings, result.captured_at):
            self._show(before)

    def tick(self) -> None:
        before = self.queue.current
        if self.queue.tick(time.monotonic()):
            self._show(before)

    # ------------------------------------------------------------------ decisions
    def accept(self, c: Candidate) -> bool:
        """Ask the core whether ``c`` may be confirmed now; shows its refusal large."""
        try:
            self.queue.confirm(c.person_id, time.monotonic())
        except Refused as exc:
            self.banner.show_result(c.name, str(exc), "refused")
            self._show(self.queue.current)
            return False
        self._show(None)
        return True

    def reject(self, c: Candidate) -> None:
        self.queue.reject(c.person_id, time.monotonic())
        self._show(None)

    # ------------------------------------------------------------------ what is shown
    def _show(self, before: Proposal | None) -> None:
        p = self.queue.current
        if p is None:
            self.card.clear()
            return
        c = self.candidate(p)
        self.card.show_candidate(c)
        if p is not before and not p.expired:
            self.shown.emit(c)
            if p.kind == "other_room":
                self.banner.show_result(
                    c.name, self.tr("Not on this list: {advice}").format(advice=c.warning),
                    "refused")

    def candidate(self, p: Proposal) -> Candidate:
        entry = self.entries.get(p.person_id)
        room = self.room_label(p.other_session)
        if entry is not None:
            name, number = entry.person.name, entry.person.number
        else:
            name, number = self._others.get(p.person_id, (self.tr("Person on another list"),
                                                          ""))
        warning = ""
        if p.kind == "other_room":
            warning = self.tr(
                "Belongs to {room} of this exam, not this one. Send them to {room}, or "
                "check their admission ticket. (The Manual ID check lists only this "
                "room.)").format(room=room)
        elif p.kind == "duplicate" and not p.checked_in_at:  # confirmed a moment ago
            warning = self.tr("Just checked in. Nothing to confirm.")
        elif p.kind == "duplicate":
            warning = self.tr("Already checked in at {time}. Nothing to confirm.").format(
                time=p.checked_in_at[11:16])
        elif p.other_session is not None:
            warning = self.tr("Already checked in to {room} of this exam: check "
                              "their admission ticket.").format(room=room)
        return Candidate(entry, p.person_id, name, number, p.distance, self.threshold,
                         p.kind, p.track_id, self._crops.get(p.person_id),
                         self._references.get(p.person_id), warning, p.expired,
                         p.runner_up, max(1, len(self.entries)), self.gap)

    def room_label(self, session_id: int | None) -> str:
        """"room 301" for a bare number, else the room as the session names it."""
        room = self._rooms.get(session_id if session_id is not None else -1, "")
        if not room:
            return self.tr("another room")
        return self.tr("room {room}").format(room=room) if room.isdigit() else room

    def label_for(self, face: FaceOutcome) -> str:
        """The text above a face on the feed."""
        if face.kind == "unknown":
            return self.tr("Unknown")
        if face.kind == "unmatchable":
            if "nobody_enrolled" in face.reasons:
                return self.tr("No one enrolled - use the Manual ID check (F2)")
            return self.tr("Manual check")
        pid = face.person_id
        entry = self.entries.get(pid) if pid is not None else None
        if entry is not None:
            if entry.checkin is not None:  # a duplicate: marked where the eye is
                return self.tr("{name} ✓ checked in {time}").format(
                    name=entry.person.name, time=entry.checkin.ts[11:16])
            return entry.person.name
        name = self._others.get(pid, ("", ""))[0] if pid is not None else ""
        if name and face.other_session in self._rooms:
            return f"{name} → {self.room_label(face.other_session)}"
        return self.tr("Other room")

    def colour_for(self, face: FaceOutcome) -> str:
        """The box colour key: blue for someone already checked in here."""
        entry = self.entries.get(face.person_id) if face.person_id is not None else None
        if entry is not None and entry.checkin is not None:
            return "checked_in"
        return face.kind


def crop(rgb: np.ndarray, box: Any) -> np.ndarray:
    """The face with a quarter of its size around it (the card's live picture)."""
    x1, y1, x2, y2 = (int(v) for v in box)
    h, w = rgb.shape[:2]
    mx, my = (x2 - x1) // 4, (y2 - y1) // 4
    return np.ascontiguousarray(rgb[max(0, y1 - my):min(h, y2 + my),
                                    max(0, x1 - mx):min(w, x2 + mx)])
