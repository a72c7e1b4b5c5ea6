"""One path from a face to a check-in (C1), Qt-free, for every face of the station.

:func:`session_gallery` builds what one session may match: the templates of the people
on its own list (with active consent, unless the session rests on a statutory basis)
plus, for an exam, the people of the other rooms of the same exam (to warn, never to
check in), plus the station's other enrolled people with current consent as anonymous
COMPETITORS (``matching.competitors``: a face nearer to one of them is ``unknown``; they
have no id here, so they never give a name, a card or a check-in).
:meth:`SessionGallery.decide` turns one face's template into a :class:`Match` by the
rule and the one threshold in force (``matching.in_force``). The window's feeds,
``checkin --image``, ``checkin --video``, the roll call and the demo all decide this
way; only a ``roster`` match is ever checked in (``Attendance.check_in_templates`` or
the operator's confirmation in the window).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from headcount.matching import competitors as competition
from headcount.matching.competitors import Competitors
from headcount.matching.decision import DEFAULT_THRESHOLD, Decision, GapRule, nearer
from headcount.matching.gallery import Gallery
from headcount.matching.in_force import rule_in_force

if TYPE_CHECKING:
    from headcount.attendance.checkin import Attendance

KINDS = ("roster", "elsewhere", "unknown", "unmatchable")


@dataclass(frozen=True)
class Match:
    """``roster``: someone on this session's list; ``elsewhere``: someone of another
    room of the same exam, or already checked in there; ``unknown``: nobody under the
    threshold; ``unmatchable``: no usable template, or two people equally close."""

    kind: str
    person_id: int | None = None
    distance: float | None = None
    other_session: int | None = None
    runner_up_id: int | None = None  # ambiguous: the other person
    runner_up_distance: float | None = None

    @property
    def ambiguous(self) -> bool:
        return self.runner_up_id is not None and self.kind == "unmatchable"


@dataclass(frozen=True)
class SessionGallery:
    """What one session may match, as one immutable value (shared by feed threads)."""

    session_id: int
    gallery: Gallery
    roster: frozenset[int]
    other_rooms: dict[int, int] = field(default_factory=dict)  # person -> their session
    checked_elsewhere: dict[int, int] = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD  # the one threshold in force (matching.in_force)
    gap: GapRule | None = None  # the station's gap rule (None: the plain threshold decides)
    competitors: Competitors | None = None  # anonymous: enrolled people not on the list

    @property
    def nobody_enrolled(self) -> bool:
        """No one on this session's own list has a template (a neutral hint in the window)."""
        return not any(int(p) in self.roster for p in self.gallery.person_ids)

    def with_elsewhere(self, checked_elsewhere: dict[int, int]) -> SessionGallery:
        return dataclasses.replace(self, checked_elsewhere=dict(checked_elsewhere))

    def decide(self, descriptor: np.ndarray | None) -> Match:
        if descriptor is None or not len(self.gallery):
            return Match("unmatchable")
        return self._classify(self.gallery.decide(descriptor, threshold=self.threshold,
                                                  gap=self.gap, competitors=self.competitors))

    def decide_all(self, descriptors: list[np.ndarray]) -> list[Match]:
        if not descriptors:
            return []
        if not len(self.gallery):
            return [Match("unknown") for _ in descriptors]
        decisions = self.gallery.decide_all(np.stack(descriptors), self.threshold,
                                             gap=self.gap, competitors=self.competitors)
        return [self._classify(d) for d in decisions]

    def _classify(self, d: Decision) -> Match:
        pid, dist = d.person_id, d.distance
        if d.outcome == "unknown" or pid is None:
            return Match("unknown", distance=dist)
        if d.outcome == "ambiguous":
            return Match("unmatchable", int(pid), dist, runner_up_id=int(d.runner_up_id or 0),
                         runner_up_distance=d.runner_up_distance)
        pid = int(pid)
        # for the card's words (decision.verdict): the rule's runner-up, list or competitor
        near = nearer(d.runner_up_distance, d.competitor_distance)
        if pid in self.checked_elsewhere:
            return Match("elsewhere", pid, dist, self.checked_elsewhere[pid],
                         runner_up_distance=near)
        if pid in self.roster:
            return Match("roster", pid, dist, runner_up_distance=near)
        return Match("elsewhere", pid, dist, self.other_rooms.get(pid), runner_up_distance=near)


def session_gallery(attendance: Attendance, session_id: int) -> SessionGallery:
    """The session's own list plus, for an exam, the other rooms of the same exam; only
    their templates are decrypted into the gallery (a copy: later enrolments do not
    reach it; build it again on a change). Everyone else enrolled who may be matched at
    all joins as an anonymous competitor (at most ``competitors.MAX_TEMPLATES``)."""
    s = attendance.sessions.get(session_id)
    roster = attendance.allowed_ids(s)
    rooms = attendance.other_rooms(s.id)
    others = {pid: sid for pid, sid in rooms["on_list"].items()
              if attendance.matchable(attendance.sessions.get(sid), pid)}
    owners, mat = attendance.templates.gallery([*roster, *others])
    gallery = Gallery(mat, owners) if len(owners) else Gallery()
    rival: Competitors | None = None
    if roster:
        ids = attendance.competitor_ids({*roster, *others, *rooms["on_list"]})
        c_owners, c_mat = attendance.templates.gallery(ids)
        if len(c_owners):
            rival = Competitors(competition.pick(c_owners, c_mat, seed=s.id))
    rule = rule_in_force(attendance.settings)
    return SessionGallery(s.id, gallery, frozenset(roster), others,
                          dict(rooms["checked_in"]), rule.threshold, rule.gap, rival)
