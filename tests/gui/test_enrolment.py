"""Enrolment and consent screens: the rules of COMPLIANCE.md C2-C5 and C10, on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from gui_threads import on_station, on_task_thread

from headcount.gui.backend import User
from headcount.gui.enrolment import EnrolmentDialog
from headcount.gui.tasks import TaskManager
from headcount.models import TEMPLATE_VERSION

ADMIN = User("admin", "admin")
OPERATOR = User("teacher", "operator")


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


@pytest.fixture
def open_dialog(qtbot: Any, request: pytest.FixtureRequest) -> Any:
    def make(backend: Any, user: User = ADMIN) -> EnrolmentDialog:
        tasks = TaskManager()
        # Added during the test, so it runs before the backend fixture closes the
        # station: no task may still be reading it then.
        request.node.addfinalizer(tasks.shutdown)
        backend.hand_over()  # the dialog's task thread uses the station from here on
        d = EnrolmentDialog(backend, user, tasks, camera="demo:")
        d.confirm = lambda title, text: True  # type: ignore[method-assign]
        # Its thread ends with the dialog, before the station is closed.
        qtbot.addWidget(d, before_close_func=lambda _d: tasks.shutdown())
        d.show()
        qtbot.waitUntil(lambda: d.person.count() > 0, timeout=5000)
        return d

    return make


def wait_message(qtbot: Any, d: EnrolmentDialog, text: str) -> None:
    qtbot.waitUntil(lambda: text in d.message.text(), timeout=5000)


def test_enrolment_refused_without_consent(open_dialog: Any, backend: Any, qtbot: Any,
                                           demo_templates: dict[str, np.ndarray]) -> None:
    d = open_dialog(backend)
    b = on_task_thread(d, backend)
    p = person(b, "2025004")  # on the roll, no consent
    d.select_person(p.number)
    assert not d.capture.isEnabled()  # live capture only after consent
    d.enrol(p.id, demo_templates["2025001"], "test")
    wait_message(qtbot, d, "has no consent to face recognition")
    assert not person(b, "2025004").enrolled
    assert not any(p.enrolled for p in b.people())


def test_consent_needs_the_notice_shown_first(open_dialog: Any, backend: Any, qtbot: Any) -> None:
    d = open_dialog(backend)
    b = on_task_thread(d, backend)
    d.select_person("2025005")
    assert not d.notice_shown.isChecked()  # never pre-ticked
    assert not d.by_self.isChecked() and not d.by_guardian.isChecked()
    d.by_self.setChecked(True)
    d.record.click()
    wait_message(qtbot, d, "Show the notice")
    assert person(b, "2025005").consent == "none"
    d.notice_shown.setChecked(True)
    d.record.click()
    wait_message(qtbot, d, "Consent recorded")
    assert person(b, "2025005").consent == "self"
    qtbot.waitUntil(d.capture.isEnabled, timeout=3000)


def test_under_14_needs_a_guardian(open_dialog: Any, backend: Any, qtbot: Any) -> None:
    d = open_dialog(backend)
    b = on_task_thread(d, backend)
    d.select_person("2025009")  # born 2013: under 14
    assert "Under 14" in d.person_state.text()
    d.notice_shown.setChecked(True)
    d.by_self.setChecked(True)
    d.record.click()
    wait_message(qtbot, d, "consent must be given by a guardian")
    assert person(b, "2025009").consent == "none"
    d.by_guardian.setChecked(True)
    d.guardian_name.setText("黄丽")
    d.relationship.setText("mother")
    d.method.setCurrentIndex(d.method.findData("screen"))
    d.evidence.setText("slip 9")
    d.record.click()
    wait_message(qtbot, d, "in writing")  # a guardian consents on a signed slip only
    assert person(on_task_thread(d, backend), "2025009").consent == "none"
    d.method.setCurrentIndex(d.method.findData("slip"))
    d.evidence.setText("")
    d.record.click()
    wait_message(qtbot, d, "slip's number")
    d.evidence.setText("slip 9")
    d.record.click()
    wait_message(qtbot, d, "Consent recorded")
    assert person(b, "2025009").consent == "guardian"
    assert person(b, "2025009").evidence == "slip 9"
    qtbot.waitUntil(lambda: "Written consent: slip 9" in d.person_state.text(), timeout=5000)


def test_withdrawal_deletes_templates_with_a_receipt(open_dialog: Any, enrolled: Any,
                                                     qtbot: Any) -> None:
    d = open_dialog(enrolled)
    b = on_task_thread(d, enrolled)
    p = person(b, "2025002")
    assert p.enrolled
    d.select_person("2025002")
    with qtbot.waitSignal(d.receipt_shown, timeout=5000) as sig:
        d.withdraw.click()
    r = sig.args[0]
    assert (r.kind, r.person, r.templates_deleted) == ("deletion", "2025002", 1)
    assert "Deletion receipt" in d.message.text()
    assert f"at {r.created_at} by {r.actor}" in d.message.text()
    assert not person(b, "2025002").enrolled
    assert person(b, "2025002").consent == "none"


def test_deletion_receipt_names_its_time_and_administrator(open_dialog: Any, enrolled: Any,
                                                           qtbot: Any) -> None:
    """The receipt shown is the station's (``PersonDeleted``): its time and who, not
    blanks (the window's own dict had no time for a deletion)."""
    d = open_dialog(enrolled)
    d.confirm = lambda title, text: True  # the question box, answered yes
    d.select_person("2025002")
    with qtbot.waitSignal(d.receipt_shown, timeout=5000) as sig:
        d.delete.click()
    r = sig.args[0]
    assert (r.person, r.templates_deleted, r.person_deleted) == ("2025002", 1, True)
    assert r.created_at and f"at {r.created_at} by {r.actor}" in d.message.text()
    assert not any(p.number == "2025002" for p in on_task_thread(d, enrolled).people())


def test_operator_cannot_enrol_or_delete(open_dialog: Any, backend: Any, qtbot: Any,
                                         demo_templates: dict[str, np.ndarray]) -> None:
    d = open_dialog(backend, OPERATOR)
    b = on_task_thread(d, backend)
    d.select_person("2025003")  # has consent in the demo
    d.enrol(person(b, "2025003").id, demo_templates["2025001"], "test")
    wait_message(qtbot, d, "Only an administrator")
    d.message.setText("")
    d.delete.click()
    wait_message(qtbot, d, "Only an administrator")
    assert any(p.number == "2025003" for p in b.people())
    assert not person(b, "2025003").enrolled


def test_roster_import_preview_shows_row_errors(open_dialog: Any, backend: Any, qtbot: Any,
                                                tmp_path: Path) -> None:
    csv = tmp_path / "class.csv"
    csv.write_bytes("学号,姓名,班级,出生日期\n3001,孙小美,初二(1)班,2012-02-03\n"
                    ",无学号,初二(1)班,\n3002,钱多多,初二(1)班,2012-13-01\n".encode("gb18030"))
    d = open_dialog(backend)
    d.preview_roster(str(csv))
    qtbot.waitUntil(lambda: d.preview.rowCount() == 3, timeout=5000)
    problems = [d.preview.item(r, 5).text() for r in range(3)]
    assert problems[0] == "" and "number is empty" in problems[1] and "birth" in problems[2]
    d.import_roster()
    wait_message(qtbot, d, "1 added, 0 updated, 2 skipped")
    assert any(p.number == "3001" for p in on_task_thread(d, backend).people())


def test_photo_folder_enrolment_lists_refusals(open_dialog: Any, backend: Any, qtbot: Any,
                                               tmp_path: Path) -> None:
    import cv2

    from headcount.gui.demo import astronaut

    folder = tmp_path / "photos"
    folder.mkdir()
    cv2.imwrite(str(folder / "2025001.png"), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(folder / "2025003.png"), np.full((200, 200, 3), 128, np.uint8))  # no face
    d = open_dialog(backend)
    worker = d.enrol_folder(str(folder))
    with qtbot.waitSignal(worker.finished, timeout=30000):
        pass
    wait_message(qtbot, d, "need review")
    assert d.refusals.rowCount() == 1 and d.refusals.item(0, 0).text() == "2025003"
    qtbot.waitUntil(lambda: person(on_task_thread(d, backend), "2025001").enrolled,
                    timeout=5000)
    # the window enrols through FacePipeline.enrol_image: a jittered template, tagged so
    tags = on_station(d, lambda: [r[0] for r in backend.st.db.execute(
        "SELECT model_version FROM templates")])
    assert tags == [TEMPLATE_VERSION]
    # The same folder again: the enrolled photo is not stored twice, nor listed as a fault.
    worker = d.enrol_folder(str(folder))
    with qtbot.waitSignal(worker.finished, timeout=30000):
        pass
    wait_message(qtbot, d, "1 photo(s) were already enrolled")
    assert d.refusals.rowCount() == 1 and d.refusals.item(0, 0).text() == "2025003"
    assert on_station(d, lambda: backend.st.templates.total()) == 1


def test_photo_folder_number_not_on_the_roster_is_refused_in_the_station_s_words(
        open_dialog: Any, backend: Any, qtbot: Any, tmp_path: Path) -> None:
    """The station looks each photo's number up (the window's person list need not be
    loaded yet): a number it does not know is listed with its reason, nothing stored."""
    import cv2

    from headcount.gui.demo import astronaut

    folder = tmp_path / "photos"
    folder.mkdir()
    cv2.imwrite(str(folder / "9999999.png"), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    d = open_dialog(backend)
    d.people = []  # as if the list had not arrived yet
    worker = d.enrol_folder(str(folder))
    with qtbot.waitSignal(worker.finished, timeout=30000):
        pass
    wait_message(qtbot, d, "need review")
    assert d.refusals.rowCount() == 1 and d.refusals.item(0, 0).text() == "9999999"
    assert "No person with number 9999999" in d.refusals.item(0, 1).text()
    assert on_station(d, lambda: backend.st.templates.total()) == 0
