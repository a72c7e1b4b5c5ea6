"""An exam's candidate list file (number, name, seat, ...) turned into a session's list.

One rule for ``session create --roster FILE`` and the window's new-session dialog: a
file with bad rows is refused whole (a seat plan with holes is worse than none), the
people in it are imported (added or updated, audited), and each keeps the seat the
file gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from headcount.errors import BadInput


def import_candidates(people: Any, actor: Any, path: str | Path) -> list[tuple[str, str]]:
    """(number, seat) for every row of the file, after importing its people."""
    from headcount.roster import parse_roster

    parsed = parse_roster(path)
    if parsed.errors:
        raise BadInput("The candidate list has bad rows: " + "; ".join(
            f"row {e.row}: {e.reason.en}" for e in parsed.errors[:10]),
            "考生名单有错误行：" + "；".join(
                f"第 {e.row} 行：{e.reason.zh}" for e in parsed.errors[:10]))
    if not parsed.rows:
        raise BadInput(f"{Path(path).name} lists no candidates.",
                       f"{Path(path).name} 中没有考生。")
    people.import_rows(actor, parsed, source=Path(path).name)
    return [(r.number, r.seat) for r in parsed.rows]
