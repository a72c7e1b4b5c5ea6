"""The erasure ledger (C5): every withdrawal, person deletion and purge of a person's
templates, one line each, kept OUTSIDE the database, beside the key.

The line is written BEFORE the database transaction that erases (write-ahead): a
crash between the two leaves a line the database has not applied, and the next open
applies it (compliance/erasures.py). The database records each applied entry id in the
same transaction as the erasure, so the two always agree after a crash.

Why: a backup is a snapshot. Restoring one made before a withdrawal would bring the
withdrawn person's templates back. The ledger outlives the database (it sits in the
key folder, like the audit head, and travels inside every backup), so a restored or
moved database can be brought up to date: compliance/erasures.py deletes again
what the ledger says is gone.

A line is one JSON object: entry id, station id, person number and id, what happened
(``withdrawal``, ``person_delete``, ``purge``; or ``cancel``, whose id is ``cancel:``
and the id of an erasure whose transaction failed), UTC time, who, ``ref`` (the consent
record a withdrawal ended), and ``prev``: the SHA-256
of the previous line's text (64 zeros for the first). Editing, inserting or removing a
line breaks the chain at the next line; the database keeps the id and hash of the last
line it has seen, which catches an edited or removed last line. Problems are reported
(bilingual), never silently skipped; entries that still parse are applied anyway,
since erasing is the safe direction.

The file is append-only and owner-only (0600 in a 0700 folder). Appends take an
exclusive lock where the OS offers one (a CLI command and the window may both write).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from headcount.i18n import Text
from headcount.store.migrations import now_iso

SUFFIX = ".erasures"
GENESIS = "0" * 64
WHATS = ("withdrawal", "person_delete", "purge", "cancel")
CANCEL = "cancel:"  # prefix of a cancel line's id
META_KEY = "erasure_ledger"  # in the database: {"lines", "last_id", "last_hash"}
FIELDS = ("id", "station", "person", "person_id", "what", "at", "by", "ref", "prev")


def ledger_path(key_dir: Path, station_id: str) -> Path:
    return Path(key_dir) / f"{station_id}{SUFFIX}"


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    id: str
    station: str
    person: str
    person_id: int
    what: str
    at: str
    by: str
    ref: int | None = None  # the consent record a withdrawal ended

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "station": self.station, "person": self.person,
                "person_id": self.person_id, "what": self.what, "at": self.at, "by": self.by,
                "ref": self.ref}


@dataclass
class LedgerRead:
    """A ledger as read: one (line hash, entry or None) per line, and what is wrong."""

    lines: list[tuple[str, Entry | None]] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for _, e in self.lines if e is not None]

    @property
    def last_hash(self) -> str:
        return self.lines[-1][0] if self.lines else GENESIS


def _damaged(where: str, n: int, why_en: str, why_zh: str) -> Text:
    return Text(f"The erasure ledger {where}, line {n}: {why_en}. Withdrawals and deletions "
                "recorded there are still applied; keep the file and report this to the "
                "person responsible for personal information protection.",
                f"删除台账 {where} 第 {n} 行：{why_zh}。其中记录的撤回和删除仍会执行；"
                "请保留该文件并报告个人信息保护负责人。")


def parse(text: str, station_id: str, where: str) -> LedgerRead:
    """Check the chain and the fields of every line of a ledger's text."""
    out = LedgerRead()
    prev = GENESIS
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            out.problems.append(_damaged(where, n, "an empty line was inserted",
                                         "插入了空行"))
            continue
        digest = line_hash(raw)
        entry: Entry | None = None
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict) or set(doc) != set(FIELDS) or doc["what"] not in WHATS:
                raise ValueError("fields")
            entry = Entry(str(doc["id"]), str(doc["station"]), str(doc["person"]),
                          int(doc["person_id"]), str(doc["what"]), str(doc["at"]),
                          str(doc["by"]), None if doc["ref"] is None else int(doc["ref"]))
            chained = doc["prev"] == prev
        except (ValueError, TypeError, KeyError):
            out.problems.append(_damaged(where, n, "the line is damaged or was edited",
                                         "该行已损坏或被改动"))
            chained = True  # reported once, not again as a broken link
        if not chained:
            out.problems.append(_damaged(
                where, n, "it does not follow the line before it (a line was edited, "
                "removed or inserted)", "与上一行不衔接（有行被改动、删除或插入）"))
        if entry is not None and entry.station != station_id:
            out.problems.append(_damaged(where, n, "it belongs to another station",
                                         "该行属于另一个工作站"))
            entry = None
        out.lines.append((digest, entry))
        prev = digest
    return out


def read(path: Path, station_id: str) -> LedgerRead:
    """The ledger at ``path`` (empty when there is none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LedgerRead()
    except (OSError, UnicodeDecodeError) as err:
        return LedgerRead(problems=[Text(
            f"The erasure ledger {path} cannot be read ({err}).",
            f"无法读取删除台账 {path}（{err}）。")])
    return parse(text, station_id, str(path))


@contextlib.contextmanager
def _locked(fd: int) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: appends are rare and short; O_APPEND keeps lines whole
        yield
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def new_entry(station_id: str, number: str, person_id: int, what: str, by: str,
              at: str | None = None, ref: int | None = None) -> Entry:
    return Entry(uuid.uuid4().hex, station_id, str(number), int(person_id), what,
                 at or now_iso(), by, ref)


def append(path: Path, entries: list[Entry]) -> str:
    """Append ``entries`` after the file's last line; returns the new last line's hash.
    Raises OSError when the file cannot be written (the caller reports it)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        with _locked(fd):
            with open(path, "rb") as fh:  # the last line, under the lock
                raw = fh.read()
            lines = raw.decode("utf-8", "replace").splitlines()
            prev = line_hash(lines[-1]) if lines else GENESIS
            chunk = []
            for e in entries:
                line = json.dumps(e.as_dict() | {"prev": prev}, ensure_ascii=False,
                                  sort_keys=True, separators=(",", ":"))
                chunk.append(line)
                prev = line_hash(line)
            data = "".join(f"{line}\n" for line in chunk).encode("utf-8")
            if raw and not raw.endswith(b"\n"):
                data = b"\n" + data  # a torn last write: start a fresh line
            os.write(fd, data)
            os.fsync(fd)
    finally:
        os.close(fd)
    return prev
