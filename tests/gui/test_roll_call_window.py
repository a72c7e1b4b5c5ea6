"""Classroom roll call in the real window, camera modes, and no-one-enrolled (issue 9).

The classroom camera is the generated demo classroom (the two public-domain photos
shipped in resources/demo, side by side)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from headcount.gui.backend import User

ADMIN = User("admin", "admin")


def _roll_call_window(make_window: Any, backend: Any, qtbot: Any) -> Any:
    w = make_window(backend, feeds=["demo:classroom"], feed_modes=["classroom"])
    assert w.feeds[0].worker.mode == "classroom"  # the camera's mode reaches its pipeline
    qtbot.waitUntil(lambda: w.views[0]._result is not None, timeout=30000)
    w.activateWindow()
    with qtbot.waitSignal(w.roll_call_shown, timeout=30000) as shown:
        qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    return w, shown.args[0]


def test_roll_call_confirms_the_ticked_in_one_step(make_window: Any, enrolled: Any,
                                                   qtbot: Any) -> None:
    w, d = _roll_call_window(make_window, enrolled, qtbot)
    names = {e.person.number: e.person.name for e in w.entries.values()}
    # The live classroom feed names both faces too, without overlapping labels.
    w.views[0].grab()
    live = w.views[0].label_rects
    assert len(live) == 2 and not live[0].intersects(live[1])
    # Both demo faces proposed, all ticked, nothing recorded yet.
    assert d.checklist.count() == 2 and sorted(d.ticked()) == ["2025001", "2025002"]
    assert all(e.checkin is None for e in w.entries.values())
    # The names are on the frame and do not overlap.
    d.frame.grab()
    a, b = d.frame.label_rects
    assert not a.intersects(b)
    # The rest of the list is there for the manual check, with the likely reason.
    rest = [d.rest.item(i).text() for i in range(d.rest.count())]
    assert len(rest) == 4 and any(names["2025003"] in t and "No face enrolled" in t
                                  for t in rest)
    # Untick Grace Hopper's match with the keyboard, confirm with a click.
    d.checklist.setFocus()
    row = next(i for i in range(2) if d.checklist.item(i).data(Qt.ItemDataRole.UserRole)
               == "2025002")
    d.checklist.setCurrentRow(row)
    qtbot.keyClick(d.checklist, Qt.Key.Key_Space)
    assert d.ticked() == ["2025001"]
    assert d.confirm_button.text() == "Confirm 1 check-in(s)"
    with qtbot.waitSignal(w.roll_call_done, timeout=10000) as done:
        qtbot.mouseClick(d.confirm_button, Qt.MouseButton.LeftButton)
    assert done.args[0].confirmed == 1 and done.args[0].unticked == ("2025002",)
    by_number = {e.person.number: e for e in w.entries.values()}
    qtbot.waitUntil(lambda: w.entries[by_number["2025001"].person.id].checkin is not None,
                    timeout=5000)
    assert w.entries[by_number["2025001"].person.id].checkin.method == "face"
    assert w.entries[by_number["2025002"].person.id].checkin is None


def test_the_rest_go_to_f2_with_the_reason_chosen(make_window: Any, enrolled: Any,
                                                  qtbot: Any) -> None:
    w, d = _roll_call_window(make_window, enrolled, qtbot)
    row = next(i for i in range(d.rest.count()) if "2025003" in d.rest.item(i).text())
    d.rest.setCurrentRow(row)
    qtbot.mouseClick(d.manual_button, Qt.MouseButton.LeftButton)
    manual = w._manual
    assert manual is not None and manual.isVisible()
    assert manual.search.text() == "2025003"
    assert manual.reason.currentData() == "not_enrolled"
    manual.close()
    d.close()


def test_nobody_enrolled_is_a_neutral_hint(make_window: Any, backend: Any,
                                           qtbot: Any) -> None:
    """No templates on the list: a face is 'use the manual check', never a red stranger."""
    w = make_window(backend, feeds=["demo:"])
    qtbot.waitUntil(lambda: w.views[0]._result is not None and bool(w.views[0]._result.faces),
                    timeout=30000)
    face = w.views[0]._result.faces[0]
    assert face.kind == "unmatchable" and "nobody_enrolled" in face.reasons
    assert w.desk.label_for(face) == "No one enrolled - use the Manual ID check (F2)"
    assert w.card.candidate is None and w.proposals_made == 0


def test_camera_mode_is_set_in_the_settings(make_window: Any, backend: Any,
                                            qtbot: Any) -> None:
    from headcount.gui.camera_view import sources_from_settings

    w = make_window(backend, feeds=[])
    d = w.open_settings()
    qtbot.waitUntil(lambda: d.loaded != {}, timeout=5000)
    d.cameras.add_camera(0)
    row = d.cameras.add_camera("demo:classroom")
    box = d.cameras.mode_box(row)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # entrance desk -> classroom
    assert box.currentData() == "classroom"
    with qtbot.waitSignal(w.restart_requested, timeout=5000):
        d.save()
    stored = backend.st.settings["cameras"]
    assert stored == [0, {"source": "demo:classroom", "mode": "classroom"}]
    assert sources_from_settings(stored) == ([0, "demo:classroom"], ["entrance", "classroom"])


@pytest.mark.parametrize(("mode", "frames"), [("entrance", "120"), ("classroom", "12")])
def test_headless_demo_counts_proposals(tmp_path: Any, mode: str, frames: str) -> None:
    """`headcount demo --offscreen` (what scripts/run.sh runs without a screen) says how
    many proposals were made and how many await confirmation: nothing is auto-recorded.
    A classroom camera's proposals come from one roll call on its last frame."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "app")}
    env.pop("DISPLAY", None)
    out = subprocess.run([sys.executable, "-m", "headcount", "demo", "--offscreen",
                          "--frames", frames, "--mode", mode, "--demo-dir",
                          str(tmp_path / "demo"), "--lang", "en"],
                         capture_output=True, text=True, env=env, timeout=300, check=False)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]  # figures + log
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["proposals"] >= (2 if mode == "classroom" else 1)
    assert figures["awaiting_confirmation"] >= 1 and figures["checked_in"] == 0
    assert "awaiting the operator's confirmation" in out.stderr
    assert "等待操作员确认" in out.stderr


def test_roll_call_from_a_photo_the_teacher_opens(make_window: Any, enrolled: Any,
                                                  qtbot: Any, tmp_path: Any) -> None:
    """No classroom camera: the roll call runs on a photo (the file dialog's result)."""
    import cv2

    from headcount.gui.demo import classroom_frame

    photo = tmp_path / "class.png"
    cv2.imwrite(str(photo), classroom_frame()[:, :, ::-1])
    w = make_window(enrolled, feeds=[])
    with qtbot.waitSignal(w.roll_call_shown, timeout=30000) as shown:
        w.roll_call.start_photo_file(str(photo))
    d = shown.args[0]
    assert sorted(d.ticked()) == ["2025001", "2025002"]
    with qtbot.waitSignal(w.roll_call_done, timeout=10000) as done:
        qtbot.keyClick(d.confirm_button, Qt.Key.Key_Space)
    assert done.args[0].confirmed == 2


def test_faces_too_small_are_explained(make_window: Any, enrolled: Any, qtbot: Any,
                                       tmp_path: Any) -> None:
    """A class photo whose faces are too small to match proposes nobody and says why."""
    import cv2

    from headcount.gui.demo import classroom_frame

    photo = tmp_path / "small.png"
    small = cv2.resize(classroom_frame(), (320, 180), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(photo), small[:, :, ::-1])
    w = make_window(enrolled, feeds=[])
    with qtbot.waitSignal(w.roll_call_shown, timeout=30000) as shown:
        w.roll_call.start_photo_file(str(photo))
    d = shown.args[0]
    assert d.checklist.count() == 0 and len(d.proposal.poor) == 2
    assert "2 face(s) are too small" in d.summary.text()
    assert not d.confirm_button.isEnabled()
    d.reject()


def test_headless_demo_ends_even_when_it_cannot_report(tmp_path: Any) -> None:
    """The reader of the demo's figures went away (a closed pipe): the run still ends,
    with a failing exit code, instead of waiting forever."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "app")}
    env.pop("DISPLAY", None)
    proc = subprocess.Popen([sys.executable, "-m", "headcount", "demo", "--offscreen",
                             "--frames", "12", "--demo-dir", str(tmp_path / "demo"),
                             "--lang", "en"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.close()  # nobody reads the figures
    try:
        code = proc.wait(timeout=300)
    finally:
        proc.kill()
    assert code != 0


def test_someone_checked_in_in_another_room_is_flagged_in_the_rest(
        make_window: Any, enrolled: Any, qtbot: Any) -> None:
    """2025001 checked in in another room of the same exam: not proposed here, and the
    rest of the list says to check their ID."""
    from gui_threads import on_station

    from headcount.store.users import User as StationUser

    def elsewhere() -> None:
        st = enrolled.st
        boss = StationUser("admin", "admin")
        exam = next(s for s in st.sessions.all(status="open") if s.kind == "exam")
        other = st.sessions.create(boss, kind="exam", name=exam.name, room="999",
                                   candidates=[("2025001", "1")]).id
        st.sessions.start(boss, other)
        st.attendance.check_in(boss, other, "2025001", reason="declined")

    w = make_window(enrolled, feeds=["demo:classroom"], feed_modes=["classroom"])
    on_station(w, elsewhere)
    qtbot.waitUntil(lambda: w.views[0]._result is not None, timeout=30000)
    w.activateWindow()
    with qtbot.waitSignal(w.roll_call_shown, timeout=30000) as shown:
        qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    d = shown.args[0]
    assert [d.checklist.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(d.checklist.count())] == ["2025002"]
    flagged = [d.rest.item(i).text() for i in range(d.rest.count())
               if "another room of this exam" in d.rest.item(i).text()]
    assert len(flagged) == 1 and "2025001" in flagged[0]
    d.reject()
