"""The first-run wizard creates a station, refuses an empty notice, offers the sign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gui_threads import on_station
from PySide6.QtWidgets import QWizard

from headcount.gui.wizard import FirstRunWizard


def test_first_run_creates_a_station_and_offers_the_sign(qtbot: Any, tmp_path: Path,
                                                        monkeypatch: Any) -> None:
    monkeypatch.setenv("HEADCOUNT_KEY_DIR", str(tmp_path / "keys"))
    folder = tmp_path / "station"
    wiz = FirstRunWizard(folder, lang="en", use_keyring=False)
    qtbot.addWidget(wiz)
    wiz.show()
    nxt = wiz.button(QWizard.WizardButton.NextButton)
    # School and contact are required.
    assert not nxt.isEnabled()
    wiz.school_page.school.setText("Riverside Middle School")
    wiz.school_page.contact.setText("office@riverside.example")
    assert nxt.isEnabled()
    wiz.next()
    # The password twice, and the same.
    a = wiz.admin_page
    a.name.setText("li.admin")
    a.password.setText("s3cret-pin")
    a.again.setText("s3cret-pim")
    wiz.next()
    assert wiz.currentPage() is a and "differ" in a.message.text()
    a.again.setText("s3cret-pin")
    wiz.next()
    assert wiz.currentPage() is wiz.place_page
    assert wiz.place_page.folder.text() == str(folder)
    wiz.place_page.language.setCurrentIndex(1)  # English
    wiz.next()
    # The notice is pre-filled from the school, in both languages; empty is refused.
    page = wiz.notice_page
    zh, en = page.edits["processor_name"]
    assert zh.toPlainText() == "Riverside Middle School"
    assert en.toPlainText() == "Riverside Middle School"
    assert page.isComplete()
    page.edits["alternative"][0].setPlainText("")
    assert not page.isComplete() and "alternative" in page.message.text()
    assert not wiz.button(QWizard.WizardButton.CommitButton).isEnabled()
    page.edits["alternative"][0].setPlainText("人工核验学生证，效力相同。")
    assert page.isComplete()
    with qtbot.waitSignal(wiz.created, timeout=15000) as created:
        wiz.next()
    station = created.args[0]
    try:
        assert (folder / "headcount.db").is_file()
        # Created on the wizard's task thread, which owns it until the wizard ends.
        settings = on_station(wiz, lambda: station.settings.as_dict())
        assert settings["school_name"] == "Riverside Middle School"
        assert settings["default_language"] == "en"
        assert on_station(wiz, lambda: station.login("li.admin", "s3cret-pin")).role == "admin"
        notice = on_station(wiz, station.notice.current)
        assert notice.complete and notice.fields["alternative"].zh == "人工核验学生证，效力相同。"
        # Then the entrance sign, straight away.
        assert wiz.done_page.sign.isEnabled() and wiz.currentPage() is wiz.done_page
        with qtbot.waitSignal(wiz.document_opened, timeout=5000) as opened:
            wiz.done_page.sign.click()
        dialog = opened.args[0]
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
        assert dialog.result.pages >= 1
        dialog.close()
        assert wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    finally:
        wiz.tasks.shutdown()
        station.close()


def test_first_run_refuses_a_folder_with_a_station(qtbot: Any, backend: Any) -> None:
    wiz = FirstRunWizard(Path(backend.st.data_dir), lang="en", use_keyring=False)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.school_page.school.setText("X")
    wiz.school_page.contact.setText("Y")
    wiz.next()
    for e in (wiz.admin_page.password, wiz.admin_page.again):
        e.setText("abcd-efgh")
    wiz.next()
    wiz.next()
    assert wiz.currentPage() is wiz.place_page
    assert "already holds a station" in wiz.place_page.message.text()
    wiz.tasks.shutdown()


def test_first_run_accepts_a_folder_whose_database_is_an_empty_file(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """A 0-byte headcount.db (issue 11) is no station: the wizard goes on and replaces it."""
    monkeypatch.setenv("HEADCOUNT_KEY_DIR", str(tmp_path / "keys"))
    folder = tmp_path / "station"
    folder.mkdir()
    (folder / "headcount.db").write_bytes(b"")
    wiz = FirstRunWizard(folder, lang="en", use_keyring=False)
    qtbot.addWidget(wiz)
    wiz.show()
    try:
        wiz.school_page.school.setText("X")
        wiz.school_page.contact.setText("Y")
        wiz.next()
        assert "8" in wiz.admin_page.rule.text()  # the rule beside the password fields
        for e in (wiz.admin_page.password, wiz.admin_page.again):
            e.setText("abcdefg")
        wiz.next()
        assert wiz.currentPage() is wiz.admin_page  # 7 characters: refused
        for e in (wiz.admin_page.password, wiz.admin_page.again):
            e.setText("abcdefgh")
        wiz.next()
        wiz.next()
        assert wiz.currentPage() is wiz.notice_page
    finally:
        wiz.tasks.shutdown()
