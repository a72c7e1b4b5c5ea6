"""`headcount demo` runs on a real station: SQLite file, encrypted templates, consents."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np

from headcount.gui.demo import DEMO_PEOPLE, build_demo_backend
from headcount.models import TEMPLATE_VERSION


def test_demo_is_a_real_station_reused_across_starts(backend: Any,
                                                     demo_templates: dict[str, Any]) -> None:
    st = backend.st
    db = Path(st.data_dir) / "headcount.db"
    assert db.is_file()
    assert {p.number for p in backend.people()} == {p[0] for p in DEMO_PEOPLE}
    # Consent records, not flags: three people consented on a signed slip.
    consenting = {p.number for p in backend.people() if p.consent != "none"}
    assert consenting == {"2025001", "2025002", "2025003"}
    assert st.consent.history("2025001")[0].method == "slip"
    # An open exam session (room 301) and its second room.
    open_exam = [s for s in backend.sessions() if s.status == "open"]
    assert len(open_exam) == 1 and open_exam[0].kind == "exam"
    # Templates are stored encrypted: the raw float bytes are nowhere in the file.
    person = next(p for p in backend.people() if p.number == "2025001")
    template = demo_templates["2025001"]
    assert backend.enrol_template(person.id, template, user=_admin(), source="demo").ok
    st.close()
    raw = db.read_bytes() + (db.with_name(db.name + "-wal").read_bytes()
                             if db.with_name(db.name + "-wal").exists() else b"")
    assert np.asarray(template, np.float32).tobytes()[:32] not in raw
    # Start again on the same folder: the same station, the enrolment still there.
    again = build_demo_backend(Path(st.data_dir).parent, "en")
    try:
        assert again.st.station_id == st.station_id
        assert again.person(person.id).enrolled
        assert len([s for s in again.sessions() if s.status == "open"]) == 1
        # Templates, not pictures (C9): no image file anywhere in the demo folder.
        images = [p for p in Path(st.data_dir).parent.rglob("*")
                  if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".bmp")]
        assert images == []
    finally:
        again.st.close()
        backend.st = again.st  # the fixture closes it again (harmless)


def test_demo_faces_enrolled_once(backend: Any, demo_templates: dict[str, Any]) -> None:
    from headcount.gui.demo import enrol_demo_faces

    class Pipe:  # the templates the real engine gives for the two photos
        calls = 0

        def enrol_image(self, rgb: Any) -> Any:
            Pipe.calls += 1
            from types import SimpleNamespace

            number = "2025001" if rgb.shape[0] == 512 else "2025002"
            return SimpleNamespace(ok=True, template=demo_templates[number],
                                   version=TEMPLATE_VERSION)

    assert enrol_demo_faces(backend, Pipe()) == 2
    assert enrol_demo_faces(backend, Pipe()) == 0  # already enrolled: models not run again
    assert Pipe.calls == 2
    assert len(set(backend.st.templates.gallery()[0])) == 2
    # the demo's templates say how they were made (averaged over jitters)
    assert {r[0] for r in backend.st.db.execute("SELECT model_version FROM templates")} == {
        TEMPLATE_VERSION}


def test_fresh_demo_in_chinese(tmp_path: Path) -> None:
    b = build_demo_backend(tmp_path / "zh", "zh")
    try:
        names = {p.name for p in b.people()}
        assert "林晓雯" in names
        assert any(s.room == "301" for s in b.sessions())
    finally:
        b.st.close()
    shutil.rmtree(tmp_path / "zh")


def _admin() -> Any:
    from headcount.gui.backend import User

    return User("admin", "admin")
