"""The station with the real engine (headcount.vision.pipeline), loaded lazily."""

from pathlib import Path

import numpy as np
import pytest

from headcount.attendance.checkin import face_templates
from headcount.models import MODEL_VERSION, TEMPLATE_VERSION
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD


def _station(data_dir: Path, tmp_path: Path, second: str) -> tuple[Station, User]:
    """A station with two adults on its roster, "1" (Eileen Collins) and "2", consenting."""
    st = Station.init(data_dir, school="S", contact="C", admin="a", password=PASSWORD)
    user = st.login("a", PASSWORD)
    roster = tmp_path / "r.csv"
    roster.write_text(f"number,name,birth_date\n1,Eileen Collins,1956-11-19\n2,{second}\n")
    st.import_roster(user, roster)
    for number in ("1", "2"):
        st.consent.record(user, number, by="self")
    return st, user


def test_enrol_and_face_checkin_with_the_real_engine(data_dir: Path, tmp_path: Path,
                                                     astronaut: np.ndarray) -> None:
    pytest.importorskip("headcount.vision.pipeline")
    st, user = _station(data_dir, tmp_path, "Other,1990-01-01")
    try:
        out = st.enrolment.enrol_image(user, "1", astronaut)
        assert out.stored, out.reasons
        # a photo enrolment stores the template averaged over jitters, and says so
        assert [r[0] for r in st.db.execute("SELECT model_version FROM templates")] == [
            TEMPLATE_VERSION]
        assert st.templates.share_of(TEMPLATE_VERSION) == 1.0
        no_face = st.enrolment.enrol_image(user, "1", np.zeros((200, 200, 3), np.uint8))
        assert not no_face.stored and "no_face" in no_face.reasons
        sid = st.sessions.create(user, kind="exam", name="E", room="1",
                                 candidates=[("1", "1"), ("2", "2")]).id
        st.sessions.start(user, sid)
        mirrored = np.ascontiguousarray(astronaut[:, ::-1])
        res = st.attendance.check_in_templates(user, sid, face_templates(st.engine(), mirrored),
                                               model_version="dlib")
        assert [c.number for c in res.checkins] == ["1"]
        assert res.checkins[0].score < st.rule_in_force().threshold
    finally:
        st.close()


def test_old_mirror_templates_keep_matching_beside_new_ones(
        data_dir: Path, tmp_path: Path, astronaut: np.ndarray,
        grace_hopper: np.ndarray) -> None:
    from headcount.vision.pipeline import FacePipeline

    st, user = _station(data_dir, tmp_path, "Grace Hopper,1906-12-09")
    try:
        # "1" was enrolled before jittered templates (chip and mirror, the old tag) ...
        with FacePipeline(threads=1, jitter=False) as old:
            before = old.enrol_image(astronaut)
        assert before.ok and before.version == MODEL_VERSION
        assert st.enrolment.enrol_template(user, "1", before.template, source="old",
                                           model=before.version).stored
        # ... "2" after (the station's engine)
        assert st.enrolment.enrol_image(user, "2", grace_hopper).stored
        tags = dict(st.db.execute("SELECT source, model_version FROM templates").fetchall())
        assert tags == {"old": MODEL_VERSION, "photo": TEMPLATE_VERSION}
        assert st.templates.share_of(TEMPLATE_VERSION) == 0.5
        sid = st.sessions.create(user, kind="exam", name="E", room="1",
                                 candidates=[("1", "1"), ("2", "2")]).id
        st.sessions.start(user, sid)
        for number, photo in (("1", astronaut), ("2", grace_hopper)):
            live = face_templates(st.engine(), np.ascontiguousarray(photo[:, ::-1]))
            res = st.attendance.check_in_templates(user, sid, live, model_version="dlib")
            assert [c.number for c in res.checkins] == [number]
    finally:
        st.close()
