"""The candidate queue: which recognised face the operator is asked about (no Qt).

A match is a *proposal*; only the operator's confirmation makes it a check-in. The
window feeds every frame's matches in (``observe``), ticks the clock (``tick``) and
shows ``current``; it never decides anything itself. The rules:

* Only an **open** session proposes anything: before ``session start`` (or after the
  close) faces are drawn on the feed but nobody is offered.
* A proposal **expires** when its face has not been seen for ``PROPOSAL_TTL_S``
  seconds of camera frames (the person walked away). The clock is the frames' own
  capture time: a slow, loaded PC that analyses frames late does not expire a person
  still standing there. When no frame arrives at all (a lost camera, a stalled
  pipeline) the proposal expires ``NO_FRAMES_GRACE_S`` later by the wall clock.
  An expired proposal can never be confirmed:
  ``confirm`` refuses it, whatever a button says. The card shows "left the camera"
  for ``LEFT_SHOWN_S`` seconds, then the next proposal (if any) takes its place.
* Kinds: ``confirm`` (on this list, not yet checked in: the only one that can be
  confirmed), ``other_room`` (on another room's list of the same exam, or already
  checked in there: send them where they belong), ``duplicate`` (already checked in
  here: shown with the time, nothing to confirm).
* Order: ``confirm`` and ``other_room`` first come, first served; a ``duplicate`` only
  when nothing else waits (it must not hide a person still to be checked in).
* A rejected (track, person) pair is never proposed again: the same person on a new
  track (walked out and back) is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from headcount.errors import Refused

PROPOSAL_TTL_S = 3.0  # a proposal expires when its face is unseen for this long
LEFT_SHOWN_S = 3.0  # how long an expired card says "left the camera"
NO_FRAMES_GRACE_S = 5.0  # no frame at all: expire this much later by the wall clock
KINDS = ("confirm", "other_room", "duplicate")


@dataclass(frozen=True)
class Sighting:
    """One matched face in one frame (the recogniser's outcome for it)."""

    person_id: int
    track_id: int | None
    distance: float
    runner_up: float | None = None  # the next-nearest person's distance (None: nobody)


@dataclass
class Proposal:
    person_id: int
    track_id: int | None
    distance: float
    kind: str  # one of KINDS
    first_seen: float
    last_seen: float
    other_session: int | None = None  # other_room: the session they belong to / are in
    checked_in_at: str = ""  # duplicate: when (local ISO time) they were checked in here
    expired_at: float | None = None
    runner_up: float | None = None  # the next-nearest person's distance, for the card

    @property
    def expired(self) -> bool:
        return self.expired_at is not None

    @property
    def confirmable(self) -> bool:
        return self.kind == "confirm" and not self.expired


class CandidateQueue:
    """Proposals for one session; times are ``time.monotonic()`` seconds."""

    def __init__(self, ttl_s: float = PROPOSAL_TTL_S, left_shown_s: float = LEFT_SHOWN_S) -> None:
        self.ttl_s = ttl_s
        self.left_shown_s = left_shown_s
        self.current: Proposal | None = None
        self._waiting: list[Proposal] = []
        self._rejected: set[tuple[int | None, int]] = set()
        self._open = False
        self._on_list: frozenset[int] = frozenset()
        self._checked_in: dict[int, str] = {}
        self._other_rooms: dict[int, int] = {}
        self._elsewhere: dict[int, int] = {}
        self.proposed = 0  # proposals made (confirm and other_room; not duplicates)
        self._last_frame = float("-inf")  # capture time of the newest frame observed

    # ------------------------------------------------------------------ session state
    def configure(self, *, session_open: bool, on_list: Iterable[int],
                  checked_in: dict[int, str], other_rooms: dict[int, int],
                  checked_elsewhere: dict[int, int]) -> None:
        """A session (re)loaded: forget every proposal and rejection."""
        self._open = session_open
        self._on_list = frozenset(on_list)
        self._checked_in = dict(checked_in)
        self._other_rooms = dict(other_rooms)
        self._elsewhere = dict(checked_elsewhere)
        self.current = None
        self._waiting.clear()
        self._rejected.clear()

    def update_checked_in(self, checked_in: dict[int, str],
                          checked_elsewhere: dict[int, int]) -> None:
        """Fresh check-in state (after any check-in, here or in another room)."""
        self._checked_in = dict(checked_in)
        self._elsewhere = dict(checked_elsewhere)
        for p in self._all():
            if p.kind in ("confirm", "duplicate") and p.person_id in self._checked_in:
                p.kind, p.checked_in_at = "duplicate", self._checked_in[p.person_id]

    @property
    def session_open(self) -> bool:
        return self._open

    def classify(self, person_id: int) -> tuple[str, int | None, str] | None:
        """(kind, other session, checked-in time) for a matched person; None when the
        person is on no list of this session or its exam."""
        if person_id in self._on_list:
            if person_id in self._checked_in:
                return "duplicate", None, self._checked_in[person_id]
            return "confirm", self._elsewhere.get(person_id), ""
        other = self._elsewhere.get(person_id, self._other_rooms.get(person_id))
        if other is None:
            return None
        return "other_room", other, ""

    # ------------------------------------------------------------------ frames and time
    def observe(self, sightings: Iterable[Sighting], now: float) -> bool:
        """One frame's matches; True when ``current`` changed."""
        if not self._open:
            return False
        self._last_frame = max(self._last_frame, now)
        before = self.current
        for s in sightings:
            kind = self.classify(s.person_id)
            if kind is None or (s.track_id, s.person_id) in self._rejected:
                continue
            p = self._find(s.person_id)
            if p is not None and not p.expired:
                p.last_seen, p.track_id, p.distance = now, s.track_id, s.distance
                p.runner_up = s.runner_up
                continue
            if p is not None:  # seen again while its card says "left": back in the queue
                self._drop(p)
            fresh = Proposal(s.person_id, s.track_id, s.distance, kind[0], now, now,
                             kind[1], kind[2], runner_up=s.runner_up)
            self._waiting.append(fresh)
            self.proposed += fresh.kind != "duplicate"
        self._advance(now)
        return self.current is not before

    def tick(self, now: float) -> bool:
        """Expire what has not been seen; True when ``current`` changed or expired."""
        changed = False
        for p in list(self._waiting):
            if self._gone(p, now):
                self._waiting.remove(p)
        c = self.current
        if c is not None and not c.expired and self._gone(c, now):
            c.expired_at = now
            changed = True
        before = self.current
        self._advance(now)
        return changed or self.current is not before

    def _advance(self, now: float) -> None:
        c = self.current
        if c is not None and not c.expired:
            # A duplicate gives way to anyone who still needs a decision.
            if c.kind != "duplicate" or not any(p.kind != "duplicate" for p in self._waiting):
                return
            self._waiting.insert(0, c)
            self.current = None
        if c is not None and c.expired and not self._waiting \
                and now - (c.expired_at or now) < self.left_shown_s:
            return  # keep saying "left the camera" for a moment
        ordered = sorted(self._waiting, key=lambda p: p.kind == "duplicate")
        self.current = ordered[0] if ordered else None
        if self.current is not None:
            self._waiting.remove(self.current)

    # ------------------------------------------------------------------ decisions
    def confirm(self, person_id: int, now: float) -> Proposal:
        """The operator confirms the current proposal; refused unless it is on this
        list, still in view (not expired) and not checked in already."""
        c = self.current
        if c is None or c.person_id != person_id:
            raise Refused("This candidate is no longer offered; look at the card again.",
                          "该候选人已不在待确认状态，请重新查看候选卡片。")
        if c.expired or self._gone(c, now):
            c.expired_at = c.expired_at or now
            raise Refused(
                f"The candidate left the camera more than {self.ttl_s:g} s ago: not "
                "confirmed. Ask them back in front of the camera or use the Manual ID "
                "check (F2).",
                f"候选人离开镜头已超过 {self.ttl_s:g} 秒，未确认。请其回到镜头前，"
                "或使用人工核验（F2）。")
        if c.kind != "confirm":
            raise Refused("Only a candidate on this room's list who is not yet checked in "
                          "can be confirmed.",
                          "只有本考场名单上尚未签到的考生可以确认。")
        self.current = None
        self._checked_in[c.person_id] = self._checked_in.get(c.person_id, "")
        self._advance(now)
        return c

    def reject(self, person_id: int, now: float) -> None:
        """Dismiss the current proposal; that face on that track is not offered again."""
        c = self.current
        if c is None or c.person_id != person_id:
            return
        self._rejected.add((c.track_id, c.person_id))
        self.current = None
        self._advance(now)

    def was_rejected(self, track_id: int | None, person_id: int) -> bool:
        return (track_id, person_id) in self._rejected

    def checked_in_at(self, person_id: int) -> str | None:
        return self._checked_in.get(person_id)

    def waiting(self) -> list[Proposal]:
        return list(self._waiting)

    def awaiting(self) -> int:
        """Proposals someone could still confirm (on the card or waiting, not expired)."""
        return sum(p.confirmable for p in self._all())

    # ------------------------------------------------------------------ helpers
    def _gone(self, p: Proposal, now: float) -> bool:
        """Unseen for ``ttl_s`` of frames, or no frame at all for longer still."""
        return (self._last_frame - p.last_seen > self.ttl_s
                or now - p.last_seen > self.ttl_s + NO_FRAMES_GRACE_S)

    def _all(self) -> list[Proposal]:
        return ([self.current] if self.current is not None else []) + self._waiting

    def _find(self, person_id: int) -> Proposal | None:
        return next((p for p in self._all() if p.person_id == person_id), None)

    def _drop(self, p: Proposal) -> None:
        if p is self.current:
            self.current = None
        else:
            self._waiting.remove(p)
