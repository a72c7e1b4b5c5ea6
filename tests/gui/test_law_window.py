"""The window follows the station's rules of issue 12: a session run without the camera
(the teacher's choice) analyses nobody; people whose consent predates a material notice
change show as "must renew" and are not matched; a guardian's consent needs its slip."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui_threads import on_station, on_task_thread

from headcount.errors import BadInput, Refused
from headcount.gui.backend import User
from headcount.gui.demo import DemoFeed

ADMIN = User("admin", "admin")


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


def test_run_without_the_camera_stops_the_feeds(qtbot: Any, make_window: Any,
                                                enrolled: Any) -> None:
    w = make_window(enrolled, feeds=[DemoFeed(100_000, realtime=False)])
    qtbot.waitUntil(lambda: w.feeds[0].worker.frames_done > 0, timeout=60_000)
    w.run_without_camera()
    qtbot.waitUntil(lambda: not w.feeds[0].running, timeout=20_000)
    assert w.session is not None and w.session.camera_off
    assert "No camera in this session" in w.views[0].banner
    st = enrolled.st
    assert on_station(w, lambda: st.audit.entries(action="session_camera")[0].details) == {
        "on": False}
    assert on_station(w, lambda: st.attendance.allowed_ids(st.sessions.get(w.session.id))) == []


def test_people_who_must_renew_are_shown_and_not_matched(qtbot: Any, make_window: Any,
                                                         enrolled: Any) -> None:
    from headcount.store.users import User

    enrolled.st.notice.update(User("admin", "admin"),
                              {"method": "Camera at the entrance; templates kept 10 days."})
    w = make_window(enrolled)
    texts = {e.person.number: w.roster.model.consent_text(e) for e in w.roster.model.entries}
    assert texts["2025001"] == "Must renew consent"
    b = on_task_thread(w, enrolled)
    assert person(b, "2025001").consent == "renew"
    sid = next(s.id for s in b.sessions())
    gallery = b.session_gallery(sid)  # the core's one path: stale consent, no match
    assert person(b, "2025001").id not in {int(i) for i in gallery.gallery.person_ids}


def test_guardian_consent_from_the_window_needs_the_slip(backend: Any) -> None:
    child = person(backend, "2025009")  # born 2013: under 14
    with pytest.raises(Refused, match="writing"):
        backend.record_consent(child.id, user=ADMIN, given_by="guardian", guardian_name="黄芳",
                               relationship="mother", method="screen", notice_shown=True,
                               evidence="slip 9")
    with pytest.raises(BadInput):
        backend.record_consent(child.id, user=ADMIN, given_by="guardian", guardian_name="黄芳",
                               relationship="mother", method="slip", notice_shown=True)
    backend.record_consent(child.id, user=ADMIN, given_by="guardian", guardian_name="黄芳",
                           relationship="mother", method="slip", notice_shown=True,
                           evidence="slip 9")
    assert backend.st.consent.active(child.id).evidence == "slip 9"


def test_filing_text_names_the_authority_and_the_deadline(backend: Any,
                                                          monkeypatch: Any) -> None:
    from headcount.gui.admin import filing_text

    text = filing_text(backend.filing())
    assert "provincial-level or higher cyberspace administration" in text
    assert "file by" not in text
    monkeypatch.setattr(backend.st.templates, "distinct_people", lambda: 100_000)
    f = backend.filing()
    assert f.deadline and f"file by {f.deadline.isoformat()}" in filing_text(f)


def test_enrolment_in_the_window_warns_without_an_impact_assessment(
        backend: Any, demo_templates: Any) -> None:
    from headcount.store.users import User as StationUser

    p = person(backend, "2025001")
    out = backend.enrol_template(p.id, demo_templates["2025001"], user=ADMIN, source="test")
    assert out.ok and "art. 9" in out.warning
    backend.st.assessment.record(StationUser("admin", "admin"))
    p2 = person(backend, "2025002")
    out = backend.enrol_template(p2.id, demo_templates["2025002"], user=ADMIN, source="test")
    assert out.ok and out.warning == ""


def test_print_menu_renders_slips_for_exactly_those_who_must_renew(backend: Any) -> None:
    import io

    import pypdf

    from headcount.documents import print_document
    from headcount.store.users import User as StationUser

    admin = StationUser("admin", "admin")
    with pytest.raises(BadInput):  # nobody to renew yet
        print_document(backend.st, admin, "consent-renew", "en")
    backend.st.notice.update(admin, {"purpose": "Identity check at exam entry only."})
    out = print_document(backend.st, admin, "consent-renew", "en")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.pdf)).pages)
    consenting = ("2025001", "2025002", "2025003")
    assert out.pages == 3 and all(n in text for n in consenting) and "2025004" not in text


def test_administrator_records_the_impact_assessment_in_the_window(
        qtbot: Any, make_window: Any, backend: Any) -> None:
    w = make_window(backend)  # confirm() answers yes in these tests
    def last() -> Any:
        return on_station(w, backend.st.assessment.last)

    assert last() is None
    w.record_assessment()
    qtbot.waitUntil(lambda: last() is not None, timeout=5000)
    assert last().by == "admin" and last().on == dt.date.today()
    qtbot.waitUntil(lambda: "Impact assessment recorded" in w.statusBar().currentMessage(),
                    timeout=5000)
