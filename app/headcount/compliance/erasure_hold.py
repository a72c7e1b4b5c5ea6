"""Restoring a backup where later erasures cannot be proven (C5).

A backup is a snapshot: anyone withdrawn or deleted after it was made is still in it.
A restore therefore joins every erasure ledger it can reach on this PC to the
restored station's (``gather``): the one in the archive, one already in the target
key folder, the key folder of the station that made the backup (its path is in the
manifest), and any ``restore --ledger FILE``. Entries the copy has not applied are
then applied (compliance/erasures.py).

When none of these exists outside the archive, the restore cannot prove that nobody
was erased after the backup. It says so (both languages) and ``hold``s everyone with
a template or a face consent: their templates never enter a gallery (no face is
matched; manual check-in works) until an administrator confirms with
``headcount erasures confirm`` (``release``), audited, or restores again with the
ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.roles import require
from headcount.store import erasure_ledger as ledger
from headcount.store.db import atomic
from headcount.store.migrations import now_iso
from headcount.store.users import User

if TYPE_CHECKING:
    from headcount.station import Station


def check_files(ledgers: list[Path]) -> None:
    """Before a restore touches the disk: every ``--ledger`` file can be read."""
    for path in ledgers:
        if not Path(path).is_file():
            raise BadInput(f"The erasure ledger {path} does not exist; nothing was restored.",
                           f"删除台账 {path} 不存在；未恢复任何内容。")


def gather(station: Station, manifest: dict[str, Any], ledgers: list[Path],
           target_had_ledger: bool) -> tuple[bool, list[Text]]:
    """Join the ledgers reachable on this PC into the station's. Returns (whether any
    source outside the archive was found, problems found in them)."""
    found, problems = target_had_ledger, []
    sources = [Path(p) for p in ledgers]
    found = found or bool(sources)
    old = manifest.get("key_dir")
    sid = station.station_id
    if old and Path(old).resolve() != station.keys.key_dir.resolve():
        folder = Path(old)
        # The old station's key folder: its ledger, or (no ledger) proof that it
        # erased nobody, as long as the folder still serves that station.
        if any((folder / f"{sid}{s}").exists() for s in (".key", ".audit-head", ledger.SUFFIX)):
            found = True
            if ledger.ledger_path(folder, sid).exists():
                sources.append(ledger.ledger_path(folder, sid))
    for path in sources:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise BadInput(f"Cannot read the erasure ledger {path}: {err}.",
                           f"无法读取删除台账 {path}：{err}。") from err
        try:
            _, more = station.erasures.merge(text, str(path))
        except OSError as err:
            raise BadInput(f"Cannot write the erasure ledger beside the key: {err}.",
                           f"无法写入密钥旁的删除台账：{err}。") from err
        problems += more
    return found, problems


def held(db: sqlite_utils.Database) -> list[str]:
    """Numbers of the people held, in order."""
    return [r[0] for r in db.execute(
        "SELECT p.number FROM erasure_hold h JOIN people p ON p.id = h.person_id"
        " ORDER BY p.number")]


def notice(numbers: list[str]) -> Text:
    shown = ", ".join(numbers[:50]) + (" ..." if len(numbers) > 50 else "")
    return Text(
        f"No erasure ledger newer than the restored backup was found on this PC, so "
        "withdrawals and deletions made after it cannot be proven. These "
        f"{len(numbers)} people are held as manual-only (their faces are not matched) "
        "until an administrator confirms nobody was erased after the backup "
        "(`headcount erasures confirm`), or restores again with --ledger FILE (the "
        f"<station>.erasures file from the old key folder): {shown}",
        f"在本机未找到比所恢复备份更新的删除台账，无法证明备份之后的撤回和删除。以下 "
        f"{len(numbers)} 人暂按仅人工核验处理（不进行人脸比对），直到管理员确认备份之后"
        "无人被删除（`headcount erasures confirm`），或使用 --ledger 文件（原密钥文件夹中的 "
        f"<工作站>.erasures）重新恢复：{shown}")


def hold(station: Station, actor: User, made_at: str) -> list[str]:
    """Hold everyone whose later erasure cannot be proven; returns their numbers."""
    q = station.db.execute
    rows = q("SELECT id, number FROM people WHERE id IN (SELECT person_id FROM templates)"
             " OR id IN (SELECT person_id FROM consents WHERE scope = 'face' AND"
             " withdrawn_at IS NULL) ORDER BY number").fetchall()
    if not rows:
        return []
    now = now_iso()
    with atomic(station.db):
        for pid, _ in rows:
            q("INSERT OR IGNORE INTO erasure_hold (person_id, since) VALUES (?, ?)", [pid, now])
        station.audit.record(actor.name, "erasure_hold", "", {
            "reason": "no erasure ledger newer than the backup",
            "backup_created_at": made_at, "people": [n for _, n in rows]})
    station.templates.forget_cache()
    return [n for _, n in rows]


@dataclass(frozen=True)
class Released:
    """People matched again after an administrator confirmed none was erased later."""

    released: tuple[str, ...]  # their numbers

    def as_dict(self) -> dict[str, Any]:
        return {"released": list(self.released)}


def release(station: Station, actor: User) -> Released:
    """An administrator confirms that nobody held was erased after the backup."""
    require(actor, "erasures.confirm")
    numbers = held(station.db)
    with atomic(station.db):
        station.db.execute("DELETE FROM erasure_hold")
        station.audit.record(actor.name, "erasure_hold_released", "", {"people": numbers})
    station.templates.forget_cache()
    return Released(tuple(numbers))
