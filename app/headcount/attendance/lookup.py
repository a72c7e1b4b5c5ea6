"""Finding a person on a session's list from what the operator types (no Qt).

One function for the roster search and the Manual ID check (F2), so both find the same
people in the same order. Case, width (全角 digits) and spacing do not matter:
"Zhou Haiming", "zhouhaiming", "ZHOU  haiming" and "haiming zhou" all find Zhou
Haiming. A seat number finds that seat first ("3" or "03" is seat 03 before the
student numbers that contain a 3), then an exact student or ID-card number, then
everyone whose name, number, seat or ID-card number contains every word typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# Ranks, best first.
SEAT, NUMBER, NAME, CONTAINS = 0, 1, 2, 3


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _same_seat(query: str, seat: str) -> bool:
    if not seat:
        return False
    if query.isdigit() and seat.isdigit():
        return int(query) == int(seat)
    return query == normalise(seat)


def rank(query: str, *, name: str, number: str, seat: str = "",
         id_number: str = "") -> int | None:
    """How well ``query`` finds this person (lower is better); None: not at all.
    An empty query finds everyone (rank CONTAINS)."""
    q = normalise(query)
    if not q:
        return CONTAINS
    compact = "".join(q.split())
    if _same_seat(compact, seat):
        return SEAT
    if compact in (normalise(number), normalise(id_number)):
        return NUMBER
    n = normalise(name)
    words = q.split()
    if compact == "".join(n.split()) or sorted(words) == sorted(n.split()):
        return NAME
    hay = " ".join((normalise(number), n, normalise(id_number), normalise(seat)))
    if all(w in hay for w in words) or compact in "".join(n.split()):
        return CONTAINS
    return None


def search(items: Iterable[T], query: str,
           fields: Callable[[T], tuple[str, str, str, str]]) -> list[T]:
    """The items ``query`` finds, best first (the list's own order within a rank).
    ``fields`` gives (name, number, seat, ID-card number) of an item."""
    ranked = []
    for i, item in enumerate(items):
        name, number, seat, id_number = fields(item)
        r = rank(query, name=name, number=number, seat=seat, id_number=id_number)
        if r is not None:
            ranked.append((r, i, item))
    return [item for _r, _i, item in sorted(ranked, key=lambda t: (t[0], t[1]))]
