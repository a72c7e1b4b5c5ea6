"""Receipts of deletions (C5) and purges (C8): what went, when, by whom.

Purge receipts carry counts and identifiers only, never names or face data.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from headcount.store.db import atomic
from headcount.store.migrations import now_iso


class Receipts:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def write(self, kind: str, actor: str, data: dict[str, Any]) -> dict[str, Any]:
        with atomic(self.db):
            created = now_iso()
            rid = self.db.table("receipts").insert({
                "kind": kind, "created_at": created, "actor": actor,
                "data": json.dumps(data, ensure_ascii=False, default=str)}).last_pk
        return {"receipt": rid, "kind": kind, "created_at": created, "actor": actor, **data}

    def get(self, receipt_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT id, kind, created_at, actor, data FROM receipts"
                              " WHERE id = ?", [receipt_id]).fetchone()
        if not row:
            raise KeyError(receipt_id)
        return {"receipt": row[0], "kind": row[1], "created_at": row[2], "actor": row[3],
                **json.loads(row[4])}

    def list(self, kind: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id FROM receipts" + (" WHERE kind = ?" if kind else "") + " ORDER BY id"
        return [self.get(r[0]) for r in self.db.execute(sql, [kind] if kind else [])]
