"""Load figures for the station store: ``python -m headcount.bench.store_load --people N``.

Builds a throw-away station with N people and one generated template each, and prints
one JSON object of seconds and sizes: roster import, template storage (AES-GCM),
opening the station, loading/decrypting the gallery, a 1:N search over everyone and a
class-sized (40) session gallery, enrolling into the full station, a backup
archive (time and size), and the database size. Consent rows are bulk-inserted
here (the rules are tested elsewhere; this measures storage).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np


def run(people: int, root: Path) -> dict[str, Any]:
    from headcount.station import Station
    from headcount.store.db import atomic

    os.environ.setdefault("HEADCOUNT_KEYRING", "0")
    data_dir = root / "station"
    out: dict[str, Any] = {"people": people}
    st = Station.init(data_dir, school="Bench School", contact="bench", admin="admin",
                      password="bench-pass", use_keyring=False)
    admin = st.login("admin", "bench-pass")
    roster = root / "roster.csv"
    with roster.open("w", encoding="utf-8") as fh:
        fh.write("number,name,class,birth_date\n")
        for i in range(people):
            fh.write(f"S{i:07d},Student {i},C{i // 40:05d},2008-01-{i % 28 + 1:02d}\n")

    t = time.perf_counter()
    summary = st.import_roster(admin, roster)
    out["import_s"] = round(time.perf_counter() - t, 2)
    assert summary.inserted == people

    with atomic(st.db):
        st.db.execute(
            "INSERT INTO consents (person_id, given_by, method, notice_version, age_years,"
            " given_at, operator) SELECT id, 'self', 'slip', 1, 18, '2025-01-01', 'admin'"
            " FROM people")
    rng = np.random.default_rng(0)
    ids = [r[0] for r in st.db.execute("SELECT id FROM people ORDER BY id")]
    templates = rng.normal(size=(people, 128)).astype(np.float32)
    templates *= 1.45 / np.linalg.norm(templates, axis=1, keepdims=True)
    t = time.perf_counter()
    st.templates.add_many(zip(ids, templates, strict=True), source="bench",
                          model_version="bench")
    out["store_templates_s"] = round(time.perf_counter() - t, 2)
    st.close()

    t = time.perf_counter()
    st = Station.open(data_dir)
    out["open_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    st.templates.gallery()
    out["gallery_load_s"] = round(time.perf_counter() - t, 2)
    probe = templates[people // 2] + np.float32(0.01)
    t = time.perf_counter()
    matcher = st.templates.matcher()
    out["matcher_build_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    for _ in range(20):
        hit = matcher.search(probe, k=2)[0][0]
    out["search_all_ms"] = round((time.perf_counter() - t) / 20 * 1000, 2)
    assert hit.person_id == ids[people // 2]
    klass = ids[:40]
    t = time.perf_counter()
    sub_owners, _ = st.templates.gallery(klass)
    out["class_gallery_ms"] = round((time.perf_counter() - t) * 1000, 2)
    assert len(sub_owners) == 40
    # Enrolment into the full station: consent and notice checks, duplicate search,
    # encryption, insert, audit; the in-memory gallery is extended, not rebuilt.
    admin = st.login("admin", "bench-pass")
    t = time.perf_counter()
    for i in range(10):
        st.enrolment.enrol_template(admin, f"S{i:07d}", templates[-1 - i])
    out["enrol_one_ms"] = round((time.perf_counter() - t) / 10 * 1000, 1)
    # Backup (database copy through SQLite's backup API + sealed key, zipped).
    t = time.perf_counter()
    st.backup(admin, root / "backup.zip", "bench passphrase")
    out["backup_s"] = round(time.perf_counter() - t, 2)
    out["backup_mb"] = round((root / "backup.zip").stat().st_size / 2**20, 1)
    st.close()
    size = sum(f.stat().st_size for f in data_dir.iterdir())
    out["db_mb"] = round(size / 2**20, 1)
    out["bytes_per_person"] = size // max(people, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run(args.people, Path(tmp))))


if __name__ == "__main__":
    main()
