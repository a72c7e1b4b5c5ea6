"""Encrypted face templates (C8-C10): stored, counted, searched, deleted.

Only ciphertext reaches the database (see store/crypto.py). Rules about *whether* a
template may be stored (notice, consent, age) live in compliance/enrolment.py; this
module only keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import sqlite_utils

from headcount.matching.gallery import Gallery
from headcount.store.crypto import TemplateCipher
from headcount.store.db import atomic, insert
from headcount.store.migrations import gallery_seq, now_iso

# Two templates this close come from one photo. Measured (LFW, 40 people, the enrolment
# pipeline): the same file gives the same template; a JPEG re-saved at quality 95 or 75
# lies up to 0.024 away, the photo resized up to 0.046; two different photos of one
# person lay 0.25 or more apart (median 0.40).
SAME_PHOTO = 0.05


class Templates:
    def __init__(self, db: sqlite_utils.Database, cipher: Callable[[], TemplateCipher]) -> None:
        self.db = db
        self._cipher = cipher  # loads the key only when a template is touched
        self._cache: tuple[tuple[int, ...], np.ndarray, np.ndarray] | None = None
        self._matcher: tuple[tuple[int, ...], Gallery] | None = None

    def add(self, person_id: int, template: np.ndarray, *, source: str, model_version: str,
            duplicate_of: int | None = None) -> int:
        blob = self._cipher().encrypt(person_id, template)
        with atomic(self.db):
            before = self._stamp()
            tid = insert(self.db, "templates", {
                "person_id": person_id, "ciphertext": blob, "model_version": model_version,
                "source": source, "created_at": now_iso(), "duplicate_of": duplicate_of,
            })
            after = self._stamp()
        self._extend_cache(before, after, person_id, template)
        return tid

    def _stamp(self) -> tuple[int, ...]:
        """The gallery's change sequence (migration 4): it grows with every template,
        consent or restore-hold change made by any process, in the same transaction."""
        return (gallery_seq(self.db),)

    def _extend_cache(self, before: tuple[int, ...], after: tuple[int, ...], person_id: int,
                      template: np.ndarray) -> None:
        """Keep the in-memory gallery current after one add, instead of decrypting
        everything again (enrolling a class into a 100,000-person station)."""
        vec = np.asarray(template, np.float32).reshape(1, -1)
        if self._cache is not None and self._cache[0] == before:
            _, owners, mat = self._cache
            self._cache = (after, np.append(owners, person_id), np.concatenate([mat, vec]))
            if self._matcher is not None and self._matcher[0] == before:
                self._matcher[1].add(person_id, vec)
                self._matcher = (after, self._matcher[1])

    def add_many(self, items: Iterable[tuple[int, np.ndarray]], *, source: str,
                 model_version: str) -> int:
        """Bulk insert (load tests, migration from another station)."""
        cipher, now = self._cipher(), now_iso()
        rows = ({"person_id": pid, "ciphertext": cipher.encrypt(pid, t),
                 "model_version": model_version, "source": source, "created_at": now,
                 "duplicate_of": None} for pid, t in items)
        with atomic(self.db):
            before = self.total()
            self.db.table("templates").insert_all(rows, batch_size=2000)
            return self.total() - before

    def forget_cache(self) -> None:
        """Drop the decrypted copies (after a rolled-back change; rebuilt on next use)."""
        self._cache = self._matcher = None

    def count(self, person_id: int) -> int:
        return int(self.db.execute("SELECT count(*) FROM templates WHERE person_id = ?",
                                   [person_id]).fetchone()[0])

    def total(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM templates").fetchone()[0])

    def has_copy(self, person_id: int, template: np.ndarray, tolerance: float = SAME_PHOTO
                 ) -> bool:
        """Whether this person already holds this template (the same photo enrolled
        again, or a copy of it: a folder run a second time after some photos were fixed)."""
        vec = np.asarray(template, np.float32).reshape(-1)
        return any(float(np.linalg.norm(np.asarray(t, np.float32).reshape(-1) - vec)) < tolerance
                   for t in self.for_person(person_id))

    def photos_per_person(self) -> tuple[int, int]:
        """(people with one template, people with two or more), held people left out:
        a second enrolment photo is what most helps recognition (docs/BENCHMARKS.md)."""
        row = self.db.execute(
            "SELECT sum(n = 1), sum(n > 1) FROM (SELECT count(*) AS n FROM templates "
            "WHERE person_id NOT IN (SELECT person_id FROM erasure_hold) "
            "GROUP BY person_id)").fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def by_version(self) -> dict[str, int]:
        """Templates per model version; people held after a restore are left out (they
        never enter the gallery)."""
        return {str(v): int(n) for v, n in self.db.execute(
            "SELECT model_version, count(*) FROM templates WHERE person_id NOT IN "
            "(SELECT person_id FROM erasure_hold) GROUP BY model_version")}

    def distinct_people(self) -> int:
        """People with stored facial data (the C12 filing counter)."""
        return int(self.db.execute(
            "SELECT count(DISTINCT person_id) FROM templates").fetchone()[0])

    def share_of(self, model_version: str) -> float:
        """The share (0-1) of the gallery's templates tagged ``model_version`` (people
        held after a restore never enter the gallery, so they do not count)."""
        counts = self.by_version()
        return counts.get(model_version, 0) / max(1, sum(counts.values()))

    def for_person(self, person_id: int) -> list[np.ndarray]:
        cipher = self._cipher()
        return [cipher.decrypt(person_id, r[0]) for r in self.db.execute(
            "SELECT ciphertext FROM templates WHERE person_id = ? ORDER BY id", [person_id])]

    def gallery(self, person_ids: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(person id per row, float32 (N,128) templates), restricted to ``person_ids``.

        The decrypted gallery is kept in memory (never on disk) and rebuilt when the
        change sequence has moved (any process's change), so 1:N search and the duplicate
        check cost one decryption pass per change, not per call."""
        owners, mat = self._all()
        if person_ids is None:
            return owners, mat
        keep = np.isin(owners, np.fromiter(set(person_ids), np.int64))
        return owners[keep], mat[keep]

    def matcher(self) -> Gallery:
        """Every stored template as a ``headcount.matching`` Gallery (person id = people.id);
        use ``.restrict(ids)`` for a session's list (C1). Rebuilt when the table changes."""
        owners, mat = self._all()
        stamp = self._cache[0] if self._cache else ()
        if self._matcher is None or self._matcher[0] != stamp:
            self._matcher = (stamp, Gallery(mat, owners) if len(owners) else Gallery())
        return self._matcher[1]

    def _all(self) -> tuple[np.ndarray, np.ndarray]:
        stamp = self._stamp()
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1], self._cache[2]
        # People held after a restore (compliance/erasure_hold.py) never enter a gallery.
        rows = self.db.execute("SELECT person_id, ciphertext FROM templates WHERE person_id"
                               " NOT IN (SELECT person_id FROM erasure_hold)"
                               " ORDER BY id").fetchall()
        if rows:
            cipher = self._cipher()
            owners = np.fromiter((r[0] for r in rows), np.int64, len(rows))
            mat = np.stack([cipher.decrypt(r[0], r[1]) for r in rows])
        else:
            owners, mat = np.zeros(0, np.int64), np.zeros((0, 128), np.float32)
        self._cache = (stamp, owners, mat)
        return owners, mat

    def delete_for_person(self, person_id: int) -> int:
        """Delete (secure_delete zeroes the freed bytes); the caller checkpoints the WAL."""
        self._cache = self._matcher = None  # drop decrypted copies at once
        with atomic(self.db):
            return self.db.execute("DELETE FROM templates WHERE person_id = ?",
                                   [person_id]).rowcount
