"""Settings, corrections, late marking, the daily purge, keyboard-only operation and live
enrolment from the running feed, all on a real (demo) station."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gui_threads import on_station, on_task_thread, shown_candidate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from headcount.gui.backend import User
from headcount.gui.demo import write_demo_video
from headcount.models import TEMPLATE_VERSION

ADMIN = User("admin", "admin")


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


def test_settings_are_saved_on_the_station(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    assert d.cameras.values() == []  # the demo plays its generated entrance
    # The camera list asks for room for its table, its buttons and three lines of hint:
    # a form row squeezed them over the table otherwise (seen in a zh screenshot).
    cams = d.cameras
    room = (cams.table.height() + cams.add_button.sizeHint().height()
            + 3 * cams.hint.fontMetrics().lineSpacing())
    assert cams.minimumHeight() >= room and cams.height() >= room
    assert cams.add_button.geometry().top() > cams.table.geometry().bottom()
    assert cams.hint.geometry().top() > cams.add_button.geometry().bottom()
    # C13: the forbidden places are shown right next to the camera list.
    from headcount.compliance.placement import FORBIDDEN

    hint = d.findChild(QLabel, "placementHint")
    assert hint is not None and all(t.en in hint.text() for t in FORBIDDEN)
    record = d.findChild(QLabel, "placementRecord")
    assert record is not None and "None recorded" in record.text()
    d.cameras.add_camera(0)
    d.cameras.add_camera("rtsp://10.0.0.5/stream")
    d.retention.setValue(60)
    # The threshold: chosen by the station from its target (1 % of searches) unless an
    # administrator sets it by hand (test_threshold_set_by_hand_in_the_settings).
    assert not d.threshold_manual.isChecked() and not d.threshold_value.isEnabled()
    assert "1%" in d.threshold.text() and "45" in d.threshold.text()
    assert "automatic" in d.threshold.text() or "自动" in d.threshold.text()  # "auto"
    d.late.setValue(10)
    d.cue.setChecked(False)
    d.cue_visual.setChecked(True)
    d.notice["purpose"].setText("Exam entry checks only.")
    with qtbot.waitSignal(w.restart_requested, timeout=5000):  # cameras changed
        d.save()
    b = on_task_thread(w, backend)
    s = b.settings()
    assert s["cameras"] == [0, "rtsp://10.0.0.5/stream"]
    assert on_station(w, lambda: backend.st.settings["cameras"]) == [0, "rtsp://10.0.0.5/stream"]
    assert (s["retention_days"], s["late_minutes"]) == (60, 10)
    assert s["cue_sound"] is False and s["cue_visual"] is True
    # The station's own setting, and a new notice version.
    assert on_station(w, lambda: backend.st.settings["retention_left_days"]) == 60
    assert b.notice()["purpose"] == "Exam entry checks only."
    assert on_station(w, lambda: backend.st.notice.current().version) == 2
    # Saved for good: a new adapter on the same station reads the same.
    from headcount.gui.station_backend import StationBackend

    assert on_task_thread(w, StationBackend(backend.st)).settings()["cue_sound"] is False


def test_operator_cannot_change_settings(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, user=User("teacher", "operator"), feeds=[])
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    d.late.setValue(3)
    d.save()
    qtbot.waitUntil(lambda: "Only an administrator" in d.message.text(), timeout=5000)
    assert on_task_thread(w, backend).settings()["late_minutes"] == 15


def test_correction_keeps_the_original_with_who_and_why(make_window: Any, backend: Any,
                                                        qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    target = person(on_task_thread(w, backend), "2025004")
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        w.manual_check_in(target.id, "not_enrolled")
    qtbot.waitUntil(lambda: w.entries[target.id].checkin is not None, timeout=3000)
    w.roster.search.setText("2025004")
    d = w.open_correction()
    assert d is not None and d.entry.person.id == target.id
    d.status.setCurrentIndex(d.status.findData("absent"))
    d._accept()  # no reason: refused
    assert d.isVisible() and "needs a reason" in d.message.text()
    d.reason.setText("Left before the exam began")
    with qtbot.waitSignal(w.corrected, timeout=5000) as sig:
        d._accept()
    assert sig.args[0].by == "admin" and sig.args[0].reason == "Left before the exam began"
    qtbot.waitUntil(lambda: w.entries[target.id].correction is not None, timeout=3000)
    e = w.entries[target.id]
    assert e.status == "absent" and e.recorded_status == "present_manual"
    assert e.checkin is not None and e.checkin.method == "manual"  # never overwritten
    row = w.roster.proxy.index(0, 3)
    assert "corrected" in row.data()
    assert "Left before the exam began" in row.data(Qt.ItemDataRole.ToolTipRole)


def test_late_after_start_plus_threshold(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    b = on_task_thread(w, backend)
    start = (dt.datetime.now() - dt.timedelta(minutes=30)).isoformat(timespec="minutes")
    s = b.create_session(user=ADMIN, kind="class", name="Chemistry", room="Lab 2",
                         class_name="初一(2)班", starts_at=start, late_minutes=20)
    b.start_session(s.id, user=ADMIN)
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.reload_sessions(select=s.id)
    assert "late after" in w.session_info.text()
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        w.manual_check_in(person(b, "2025010").id, "declined")
    assert sig.args[0].late
    qtbot.waitUntil(lambda: "Late: 1" in w.roster.counts.text(), timeout=3000)
    # Within the threshold: on time.
    s2 = b.create_session(user=ADMIN, kind="class", name="Biology", room="Lab 3",
                          class_name="初一(2)班", starts_at=start, late_minutes=45)
    b.start_session(s2.id, user=ADMIN)
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.reload_sessions(select=s2.id)
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        w.manual_check_in(person(b, "2025010").id, "declined")
    assert not sig.args[0].late


def test_daily_purge_runs_off_the_gui_thread(make_window: Any, enrolled: Any, qtbot: Any
                                             ) -> None:
    import threading

    st = enrolled.st
    admin = st.login("admin", "admin")
    st.set_settings(admin, retention_left_days=0)
    st.people.mark_left(admin, "2025002", at="2020-01-01T00:00:00+00:00")
    w = make_window(enrolled, feeds=[])
    assert w.purge_timer.isActive()
    threads: list[str] = []
    real = enrolled.purge_if_due
    enrolled.purge_if_due = lambda: threads.append(threading.current_thread().name) or real()
    w.purge_if_new_day()  # same day as the opening purge: nothing to do
    assert threads == []
    w.last_purge = dt.date.today() - dt.timedelta(days=1)  # the next day
    with qtbot.waitSignal(w.purge_done, timeout=5000) as sig:
        w.purge_if_new_day()
    assert threads and threads[0] != threading.main_thread().name
    assert sig.args[0].templates_deleted == 1 and sig.args[0].kind == "purge"
    assert not person(on_task_thread(w, enrolled), "2025002").enrolled


def test_keyboard_only_flow(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    # Ctrl+F: the roster search.
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.roster.search, timeout=3000)
    # F2 from anywhere, type, Enter checks in.
    qtbot.keyClick(w.roster.search, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    dialog = w._manual
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search, timeout=3000)
    qtbot.keyClicks(dialog.search, "Wang")
    assert dialog.results.count() == 1
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert sig.args[0].person_id == person(on_task_thread(w, backend), "2025004").id
    # Esc closes the Manual ID check without checking anyone in.
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    second = w._manual
    qtbot.keyClick(second.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not second.isVisible(), timeout=3000)
    # Tab order: session, Manual ID check, Confirm, Reject, search, roster.
    w.session_box.setFocus()
    assert w.session_box.nextInFocusChain() is not None
    chain = [w.session_box]
    widget = w.session_box
    for _ in range(40):
        widget = widget.nextInFocusChain()
        chain.append(widget)
    order = [chain.index(x) for x in (w.manual_button, w.card, w.roster.search,
                                      w.roster.table)]
    assert order == sorted(order)
    # Ctrl+K: correct the selected person (the search leaves exactly one).
    w.roster.search.setText("2025004")
    qtbot.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.findChild(object, "correction") is not None, timeout=3000)


def test_candidate_enter_confirms_and_esc_rejects(make_window: Any, enrolled: Any,
                                                  qtbot: Any, tmp_path: Path) -> None:
    video = write_demo_video(tmp_path / "entrance.avi", seconds=8)
    w = make_window(enrolled, feeds=[str(video)], loop=True)
    first = shown_candidate(qtbot, w)
    assert QApplication.focusWidget() is w.card  # the card starts with the keys
    qtbot.keyClick(w.card, Qt.Key.Key_Escape)  # Dismiss (Esc): nobody checked in
    qtbot.waitUntil(lambda: w.candidates.was_rejected(first.track_id, first.person_id),
                    timeout=3000)
    assert all(e.checkin is None for e in w.entries.values())
    second = shown_candidate(qtbot, w)  # a queued one at once, or the next to come
    assert (second.track_id, second.person_id) != (first.track_id, first.person_id)
    with qtbot.waitSignal(w.checked_in, timeout=5000) as done:
        qtbot.keyClick(w.card, Qt.Key.Key_Return)  # Confirm (Enter) on the card
    assert done.args[0].method == "face"
    assert done.args[0].person_id == second.person_id


def test_live_enrolment_uses_the_running_feed(make_window: Any, backend: Any, qtbot: Any,
                                              tmp_path: Path, monkeypatch: Any) -> None:
    import headcount.gui.camera_view as cv

    opened: list[Any] = []
    real_open = cv.open_feed
    monkeypatch.setattr(cv, "open_feed", lambda spec, realtime=True: opened.append(spec)
                        or real_open(spec, realtime))
    video = write_demo_video(tmp_path / "entrance.avi", seconds=8)
    w = make_window(backend, feeds=[str(video)], loop=True)
    qtbot.waitUntil(lambda: w.feeds[0].worker.frames_done > 0, timeout=10000)
    d = w.open_enrolment()
    d.confirm = lambda title, text: True
    qtbot.waitUntil(lambda: d.person.count() > 0, timeout=5000)
    assert d.camera is w.feeds[0].tap
    d.select_person("2025001")  # consent on record, not yet enrolled
    assert d.capture.isEnabled()
    d.capture.click()
    qtbot.waitUntil(lambda: "Face enrolled" in d.message.text(), timeout=20000)
    assert person(on_task_thread(w, backend), "2025001").enrolled
    # a capture is an enrolment: the template is averaged over jitters and says so
    assert on_station(w, lambda: [r[0] for r in backend.st.db.execute(
        "SELECT model_version FROM templates WHERE person_id = ?",
        [backend.st.people.get("2025001").id])]) == [TEMPLATE_VERSION]
    # The file was opened once, by the feed: enrolment read the feed's frames.
    assert [str(s) for s in opened if not callable(s)] == [str(video)]
    d.close()


def test_help_self_check_shows_the_doctor_report(make_window: Any, backend: Any,
                                                 qtbot: Any) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from headcount.gui.qt import make_app

    make_app()
    assert not QApplication.windowIcon().isNull()  # the Headcount icon on every window
    w = make_window(backend, feeds=[])
    dialog = w.open_self_check()
    text = dialog.findChild(QPlainTextEdit)
    qtbot.waitUntil(lambda: "face_landmarker.task" in text.toPlainText(), timeout=30000)
    report = text.toPlainText()
    assert "[FAIL]" not in report, report
    assert "dlib_face_recognition_resnet_model_v1.onnx" in report
    dialog.close()


def test_settings_show_the_recorded_camera_placements(make_window: Any, backend: Any,
                                                      qtbot: Any) -> None:
    from headcount.store.users import User as StationUser

    backend.st.record_camera_placement(StationUser("admin", "admin"), "0", "Room 301 door",
                                       "Ms Li", dt.date(2025, 9, 1))
    w = make_window(backend, feeds=[])
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    record = d.findChild(QLabel, "placementRecord")
    assert record is not None
    assert "Room 301 door" in record.text() and "Ms Li" in record.text()
    assert "2025-09-01" in record.text()
    d.close()


def test_threshold_set_by_hand_in_the_settings(make_window: Any, backend: Any,
                                               qtbot: Any) -> None:
    """An administrator overrides the station's estimate in the window, as with
    `headcount settings set match_threshold=...`; unticked, it is "auto" again."""
    w = make_window(backend, feeds=[])
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    in_force = on_station(w, lambda: backend.st.rule_in_force().threshold)
    assert abs(d.threshold_value.value() - in_force) < 1e-3  # starts at what decides now
    d.threshold_manual.setChecked(True)
    assert d.threshold_value.isEnabled()
    d.threshold_value.setValue(0.45)
    with qtbot.waitSignal(d.saved, timeout=5000) as saved:
        d.save()
    assert "match_threshold" in saved.args[0]
    assert on_station(w, lambda: backend.st.settings["match_threshold"]) == 0.45
    rule = on_station(w, lambda: backend.st.rule_in_force())
    assert rule.overridden and rule.threshold == 0.45
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    assert d.threshold_manual.isChecked() and d.threshold_value.value() == 0.45
    d.threshold_manual.setChecked(False)
    with qtbot.waitSignal(d.saved, timeout=5000):
        d.save()
    assert on_station(w, lambda: backend.st.settings["match_threshold"]) == "auto"
