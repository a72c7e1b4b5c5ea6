"""Checking the audit log (store/audit.py): the chain, its key, the head file beside the
key and the anchor a retention purge leaves. The first problem found is reported, in
both languages, with the row it concerns."""

from __future__ import annotations

import datetime as dt
import hmac
import json
from typing import TYPE_CHECKING, Any

from headcount.i18n import Text
from headcount.store.audit import (
    ANCHOR_KEY,
    KEYED_KEY,
    MIN_RETENTION,
    VerifyResult,
    _bad,
    _seal,
    row_hash,
)

if TYPE_CHECKING:
    from headcount.store.audit import AuditLog


def _meta(log: AuditLog, key: str) -> dict[str, Any] | None:
    row = log.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    if not row:
        return None
    try:
        value = json.loads(row[0])
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


def _purge_fits(details: str, anchor: dict[str, Any]) -> bool | None:
    """None: not the purge that set this anchor; else whether it kept the rules."""
    try:
        d = json.loads(details)
        if d.get("next_id") != anchor.get("next_id") or \
                d.get("prev_hash") != anchor.get("prev_hash"):
            return None
        newest, cutoff = (dt.datetime.fromisoformat(d[k]) for k in ("newest_removed_ts",
                                                                    "cutoff"))
        return newest < cutoff <= dt.datetime.fromisoformat(d["at"]) - MIN_RETENTION
    except (ValueError, TypeError, KeyError):
        return False


def verify(log: AuditLog, key: bytes | None) -> VerifyResult:
    next_id, prev = log._anchor()
    anchor = _meta(log, ANCHOR_KEY)
    keyed = _meta(log, KEYED_KEY)
    keyed_from: int | None = None
    if keyed is not None:
        try:
            keyed_from = int(keyed["from_id"])
        except (KeyError, TypeError, ValueError):
            return _bad(0, None, "The record of where the keyed audit chain begins is damaged.",
                        "审计链开始使用密钥的记录已损坏。")
        if key is not None and not hmac.compare_digest(str(keyed.get("mac", "")),
                                                       _seal(key, f"keyed-from:{keyed_from}")):
            return _bad(0, keyed_from, "The record of where the keyed audit chain begins was "
                        "altered (it is not sealed with this station's key).",
                        "审计链开始使用密钥的记录被改动（未用本工作站的密钥封存）。")
    head = log._read_head()
    head_hash: str | None = None
    count, unchecked = 0, 0
    plain_tail: int | None = None  # first row of a run of unkeyed rows after the transition
    anchor_ok = anchor is None
    for row_id, ts, actor, action, subject, details, prev_hash, digest in log._rows():
        count += 1
        if row_id != next_id or prev_hash != prev:
            return _bad(count, row_id,
                        f"Row {row_id}: a row before it was deleted or rows were reordered "
                        f"(expected row {next_id}).",
                        f"第 {row_id} 行：其前面的行被删除或顺序被改动（应为第 {next_id} 行）。")
        plain = row_hash(prev, row_id, ts, actor, action, subject, details) == digest
        if keyed_from is not None and row_id >= keyed_from:
            if key is not None and row_hash(prev, row_id, ts, actor, action, subject,
                                            details, key) == digest:
                plain_tail = None
            elif plain:
                plain_tail = plain_tail or row_id  # the key was missing, or a forgery
            elif key is None:
                unchecked += 1
            else:
                return _edited(count, row_id)
        elif not plain:
            return _edited(count, row_id)
        if anchor is not None and action == "audit_purge":
            fits = _purge_fits(details, anchor)
            if fits is False:
                return _bad(count, row_id,
                            f"Row {row_id}: the audit purge removed rows younger than the "
                            "legal minimum of three years.",
                            f"第 {row_id} 行：审计清除删除了未满法定三年保存期的记录。")
            anchor_ok = anchor_ok or bool(fits)
        if head is not None and row_id == head[0]:
            head_hash = digest
        prev, next_id = digest, row_id + 1
    if key is not None and keyed_from is None and count:
        return _bad(count, None, "The audit log is not sealed with this station's key although "
                    "the key is here: it was rewritten.",
                    "本工作站的密钥在此，但审计日志未用其封存：日志已被改写。")
    if key is not None and plain_tail is not None:
        return _bad(count, plain_tail,
                    f"Rows from {plain_tail} on are not sealed with this station's key: they "
                    "were added by someone without it (or the log was cut after them).",
                    f"第 {plain_tail} 行起的记录未用本工作站的密钥封存：为无密钥者添加"
                    "（或其后的记录被删除）。")
    if not anchor_ok:
        assert anchor is not None
        return _bad(count, anchor.get("next_id"),
                    f"Rows before {anchor.get('next_id')} were removed without a recorded "
                    "audit purge.",
                    f"第 {anchor.get('next_id')} 行之前的记录被删除，但没有审计清除的记录。")
    problem = _head_problem(log, head, head_hash, next_id, key, keyed_from)
    if problem is not None:
        return VerifyResult(False, count, head[0] if head else None, problem)
    note = Text(f"{unchecked} rows are sealed with the station's key, which is missing here: "
                "only their order was checked.",
                f"{unchecked} 行用工作站密钥封存，而此处缺少密钥：只检查了顺序。") \
        if unchecked else None
    return VerifyResult(True, count, note=note)


def _edited(count: int, row_id: int) -> VerifyResult:
    return _bad(count, row_id, f"Row {row_id} was edited after it was written.",
                f"第 {row_id} 行在写入后被修改。")


def _head_problem(log: AuditLog, head: tuple[int, str, str] | None, head_hash: str | None,
                  next_id: int, key: bytes | None,
                  keyed_from: int | None) -> Text | None:
    if head is None:
        return None
    row_id, digest, seal = head
    cut = Text(f"Rows after {next_id - 1} were removed or the log was rewritten "
               f"(the station last recorded row {row_id}).",
               f"第 {next_id - 1} 行之后的记录被删除，或日志被整体改写"
               f"（工作站最后记录的是第 {row_id} 行）。")
    if key is not None and keyed_from is not None and row_id >= keyed_from and \
            not hmac.compare_digest(seal, _seal(key, f"head:{row_id}:{digest}")):
        return Text(f"The audit head file {log.head_file} was altered (it is not sealed with "
                    "this station's key).",
                    f"审计链头文件 {log.head_file} 被改动（未用本工作站的密钥封存）。")
    if row_id >= next_id:
        return cut
    if head_hash is not None and head_hash != digest:
        return Text(f"Row {row_id} is not the row the station recorded: the log was cut "
                    "there and written again.",
                    f"第 {row_id} 行不是工作站所记录的那一行：日志在此被截断后重写。")
    if head_hash is None and row_id >= log._anchor()[0]:
        return cut
    return None
