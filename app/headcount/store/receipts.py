"""Receipts of deletions (C5) and purges (C8): what went, when, by whom.

Purge receipts carry counts and identifiers only, never names or face data.

``write`` returns the stored row's number and time; the operations return typed
receipts (``PersonDeleted``, ``ConsentWithdrawn``, ``PurgeReceipt``) whose ``as_dict``
is the stored receipt as ``get`` reads it back, and the command line's JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from headcount.store.db import atomic
from headcount.store.migrations import now_iso


@dataclass(frozen=True)
class Receipt:
    receipt: int  # its number in the receipts table
    kind: str  # "deletion" | "purge"
    created_at: str
    actor: str

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


@dataclass(frozen=True)
class ReceiptLine(Receipt):
    """One receipt as a list shows it (the window's Print > Receipt picker)."""

    person: str = ""  # a deletion's number; a purge names nobody
    name: str = ""


@dataclass(frozen=True)
class PersonDeleted(Receipt):
    """A person erased entirely (``Station.delete_person``)."""

    person: str  # the number
    name: str
    templates_deleted: int
    checkins_deleted: int
    person_deleted: bool = True


@dataclass(frozen=True)
class ConsentWithdrawn(Receipt):
    """Face consent withdrawn: the templates went at once (C5)."""

    person: str  # the number
    name: str
    consent: int  # the withdrawn consent record
    scope: str
    withdrawn_at: str
    templates_deleted: int
    manual_only: bool = True


@dataclass(frozen=True)
class PurgeReceipt(Receipt):
    """A retention purge (C8): counts and identifiers only."""

    at: str
    templates_deleted: int
    people: tuple[str, ...]  # numbers of people who left
    unused_templates_deleted: int
    unused_people: tuple[str, ...]
    sessions_purged: tuple[int, ...]
    checkins_deleted: int
    corrections_deleted: int
    audit_rows_deleted: int


class Receipts:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def write(self, kind: str, actor: str, data: dict[str, Any]) -> Receipt:
        """Store a receipt; returns its number, kind, time and actor (the operation
        makes its typed receipt from these and ``data``)."""
        with atomic(self.db):
            created = now_iso()
            rid = self.db.table("receipts").insert({
                "kind": kind, "created_at": created, "actor": actor,
                "data": json.dumps(data, ensure_ascii=False, default=str)}).last_pk
        return Receipt(int(rid or 0), kind, created, actor)

    def get(self, receipt_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT id, kind, created_at, actor, data FROM receipts"
                              " WHERE id = ?", [receipt_id]).fetchone()
        if not row:
            raise KeyError(receipt_id)
        return {"receipt": row[0], "kind": row[1], "created_at": row[2], "actor": row[3],
                **json.loads(row[4])}

    def lines(self) -> list[ReceiptLine]:
        """Every receipt, newest first, as a picker lists it."""
        return [ReceiptLine(r["receipt"], r["kind"], r["created_at"], r["actor"],
                            str(r.get("person", "")), str(r.get("name", "")))
                for r in reversed(self.list())]

    def list(self, kind: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id FROM receipts" + (" WHERE kind = ?" if kind else "") + " ORDER BY id"
        return [self.get(r[0]) for r in self.db.execute(sql, [kind] if kind else [])]
