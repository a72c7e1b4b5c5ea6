"""The station with the real engine (headcount.vision.pipeline), loaded lazily."""

from pathlib import Path

import numpy as np
import pytest

from headcount.attendance.checkin import face_templates
from headcount.station import Station
from station_fixtures import PASSWORD


def test_enrol_and_face_checkin_with_the_real_engine(data_dir: Path, tmp_path: Path,
                                                     astronaut: np.ndarray) -> None:
    pytest.importorskip("headcount.vision.pipeline")
    st = Station.init(data_dir, school="S", contact="C", admin="a", password=PASSWORD)
    try:
        user = st.login("a", PASSWORD)
        roster = tmp_path / "r.csv"
        roster.write_text("number,name,birth_date\n1,Eileen Collins,1956-11-19\n2,Other,"
                          "1990-01-01\n")
        st.import_roster(user, roster)
        st.consent.record(user, "1", by="self")
        out = st.enrolment.enrol_image(user, "1", astronaut)
        assert out.stored, out.reasons
        no_face = st.enrolment.enrol_image(user, "1", np.zeros((200, 200, 3), np.uint8))
        assert not no_face.stored and "no_face" in no_face.reasons
        sid = st.sessions.create(user, kind="exam", name="E", room="1",
                                 candidates=[("1", "1"), ("2", "2")]).id
        st.sessions.start(user, sid)
        mirrored = np.ascontiguousarray(astronaut[:, ::-1])
        res = st.attendance.check_in_templates(user, sid, face_templates(st.engine(), mirrored),
                                               model_version="dlib")
        assert [c["number"] for c in res["checkins"]] == ["1"]
        assert res["checkins"][0]["score"] < st.settings["match_threshold"]
    finally:
        st.close()
