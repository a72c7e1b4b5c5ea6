"""Administration > Users and Change my password, on a real (demo) station."""

from __future__ import annotations

from typing import Any

import pytest
from gui_threads import on_task_thread
from PySide6.QtWidgets import QApplication

from headcount.errors import HeadcountError
from headcount.gui.backend import User
from headcount.gui.users import UsersDialog

ADMIN = User("admin", "admin")
OPERATOR = User("teacher", "operator")


def open_users(w: Any, qtbot: Any) -> UsersDialog:
    d = w.open_users()
    qtbot.waitUntil(lambda: d.isVisible() and bool(d.users), timeout=5000)
    return d


def fill(d: UsersDialog, name: str, password: str, again: str, role: str = "operator") -> None:
    d.name.setText(name)
    d.role.setCurrentIndex(d.role.findData(role))
    d.password.setText(password)
    d.again.setText(again)


def test_admin_adds_an_operator_who_can_sign_in(make_window: Any, backend: Any,
                                                qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    b = on_task_thread(w, backend)
    d = open_users(w, qtbot)
    assert {(u.name, u.role) for u in d.users} == {("admin", "admin"), ("teacher", "operator")}
    assert "4 characters" in d.rules.text()  # the station's own rule
    fill(d, "wang.li", "7391", "7391")
    with qtbot.waitSignal(d.added, timeout=10000) as sig:
        d.add_button.click()
    assert sig.args[0] == User("wang.li", "operator")
    qtbot.waitUntil(lambda: any(u.name == "wang.li" for u in d.users), timeout=5000)
    assert "wang.li can now sign in as Operator" in d.message.text()
    assert d.password.text() == "" and d.again.text() == ""
    # The new operator signs in through the window's own sign-in dialog.
    sign_in = w.open_sign_in()
    sign_in.name.setText("wang.li")
    sign_in.password.setText("7391")
    with qtbot.waitSignal(sign_in.signed_in, timeout=10000):
        sign_in.try_sign_in()
    assert w.user == User("wang.li", "operator")
    assert "wang.li" in w.user_label.text()
    # The station audited who added whom.
    assert any(a.action == "user_add" and a.actor == "admin" and a.subject == "wang.li"
               for a in b.audit(user=ADMIN))
    d.close()


def test_admin_sets_a_password_and_a_user_changes_their_own(make_window: Any, backend: Any,
                                                            qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    b = on_task_thread(w, backend)
    d = open_users(w, qtbot)
    d.select_user("teacher")
    p = d.open_set_password()
    assert p is not None and not p.current.isVisible()
    p.password.setText("new-pin-1")
    p.again.setText("new-pin-1")
    with qtbot.waitSignal(d.password_changed, timeout=10000):
        p.save()
    assert "teacher" in d.message.text()
    assert b.sign_in("teacher", "new-pin-1").role == "operator"
    d.close()
    # The operator changes their own password; the current one is checked first.
    w.set_user(OPERATOR)
    own = w.open_change_password()
    own.current.setText("wrong")
    own.password.setText("mine-2")
    own.again.setText("mine-2")
    with qtbot.waitSignal(own.failed, timeout=10000):
        own.save()
    assert "Wrong user name or password" in own.message.text() and own.isVisible()
    own.current.setText("new-pin-1")
    with qtbot.waitSignal(own.changed, timeout=10000):
        own.save()
    assert b.sign_in("teacher", "mine-2").name == "teacher"
    assert any(a.action == "user_passwd" and a.actor == "teacher" for a in b.audit(user=ADMIN))


def test_operator_cannot_open_the_users_dialog(make_window: Any, backend: Any,
                                               qtbot: Any) -> None:
    w = make_window(backend, user=OPERATOR, feeds=[])
    w.open_users()
    qtbot.waitUntil(lambda: "Only an administrator may manage users" in
                    w.message_bar.text(), timeout=5000)
    assert w.message_bar.isVisible()
    assert not any(isinstance(x, UsersDialog) and x.isVisible()
                   for x in QApplication.topLevelWidgets())
    with pytest.raises(HeadcountError):  # the rule is the adapter's, not the menu's
        on_task_thread(w, backend).users(user=OPERATOR)


def test_mismatched_passwords_and_duplicate_names_change_nothing(make_window: Any,
                                                                 backend: Any,
                                                                 qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    b = on_task_thread(w, backend)
    d = open_users(w, qtbot)
    before = b.users(user=ADMIN)
    added = sum(a.action == "user_add" for a in b.audit(user=ADMIN))
    fill(d, "zhao.min", "12345678", "1243")
    with qtbot.waitSignal(d.failed, timeout=2000):
        d.add_button.click()
    assert "two passwords differ" in d.message.text()
    fill(d, "teacher", "abcd", "abcd", role="admin")
    with qtbot.waitSignal(d.failed, timeout=10000):
        d.add_button.click()
    assert "already exists" in d.message.text()
    fill(d, "zhao.min", "12", "12")
    with qtbot.waitSignal(d.failed, timeout=10000):
        d.add_button.click()
    assert "at least 4 characters" in d.message.text()
    assert b.users(user=ADMIN) == before
    assert b.sign_in("teacher", "teacher").role == "operator"  # not overwritten
    assert sum(a.action == "user_add" for a in b.audit(user=ADMIN)) == added
    # A mismatch in the password dialog is refused the same way.
    d.select_user("teacher")
    p = d.open_set_password()
    assert p is not None
    p.password.setText("aaaa")
    p.again.setText("bbbb")
    with qtbot.waitSignal(p.failed, timeout=2000):
        p.save()
    assert "differ" in p.message.text() and p.isVisible()
    assert b.sign_in("teacher", "teacher").name == "teacher"
    d.close()


def test_the_users_dialog_in_chinese(make_window: Any, backend: Any, qtbot: Any) -> None:
    from headcount.gui.qt import set_language

    set_language("zh")
    w = make_window(backend, feeds=[])
    d = open_users(w, qtbot)
    assert d.windowTitle() == "用户"
    fill(d, "teacher", "abcd", "abcd")
    with qtbot.waitSignal(d.failed, timeout=10000):
        d.add_button.click()
    assert "已存在" in d.message.text()  # the station's message, in Chinese
    fill(d, "x", "abcd", "abce")
    with qtbot.waitSignal(d.failed, timeout=2000):
        d.add_button.click()
    assert "两次" in d.message.text()
    d.close()


def test_a_short_password_is_asked_to_change_when_the_window_opens(backend: Any,
                                                                   qtbot: Any) -> None:
    """Outside the demo the minimum is 8: 'teacher' (7 characters) still signs in, and
    the window opens Change my password with the reason."""
    from headcount.gui.app import Controller, WindowOptions
    from headcount.gui.users import PasswordDialog

    backend.st.db.execute("UPDATE meta SET value = '0' WHERE key = 'demo'")
    user = backend.sign_in("teacher", "teacher")
    assert backend.password_notice and "8 characters" in backend.password_notice
    controller = Controller(backend, user, WindowOptions(feeds=[], lang="en", loop=False))
    w = controller.show()
    qtbot.addWidget(w)
    dialogs = [d for d in w.findChildren(PasswordDialog) if d.isVisible()]
    assert dialogs
    qtbot.waitUntil(lambda: "8 characters" in dialogs[0].rules.text(), timeout=5000)
    assert backend.password_notice is None  # asked once per sign-in
    assert "change it now" in w.statusBar().currentMessage()
