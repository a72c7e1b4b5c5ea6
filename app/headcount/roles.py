"""Who may do what (C10): the one role table of the station.

Every station operation that needs a signed-in user names its action here and calls
:func:`require` with it; the window and the command line never check a role themselves
(they may grey out what the table refuses, reading :func:`allowed`). An administrator
may do everything an operator may. ``tests/test_roles.py`` runs every action of the
table through both faces, as an operator and as an administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from headcount.errors import Refused

ADMIN, OPERATOR = "admin", "operator"
ROLES = (ADMIN, OPERATOR)
ROLE_NAMES = {ADMIN: ("administrator", "管理员"), OPERATOR: ("operator", "操作员")}


class Actor(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...


@dataclass(frozen=True)
class Rule:
    role: str  # the least role that may do it
    en: str  # "Only an administrator may <en>"
    zh: str


def _admin(en: str, zh: str) -> Rule:
    return Rule(ADMIN, en, zh)


def _signed_in(en: str, zh: str) -> Rule:
    return Rule(OPERATOR, en, zh)


ROLE_TABLE: dict[str, Rule] = {
    # administration
    "settings.show": _signed_in("read the settings", "查看设置"),
    "settings.set": _admin("change settings", "修改设置"),
    "notice.set": _admin("change the notice", "修改告知书"),
    "user.add": _admin("add users", "添加用户"),
    "user.list": _admin("manage users", "管理用户"),
    "user.passwd_other": _admin("change another user's password", "修改其他用户的密码"),
    "audit.show": _admin("read the audit log", "查看审计日志"),
    "audit.verify": _admin("verify the audit log", "校验审计日志"),
    "audit.incident": _admin("export an incident report", "导出安全事件报告"),
    "purge": _admin("purge data", "清除数据"),
    "filing.export": _admin("export the filing data", "导出备案资料"),
    "filing.import": _admin("import another station's filing count", "导入其他工作站的备案人数"),
    "calibrate": _admin("calibrate the match threshold on the enrolled faces",
                        "用已登记的人脸校准匹配阈值"),
    "assessment.record": _admin("record the impact assessment", "记录影响评估"),
    "key.export": _admin("export the template key", "导出模板密钥"),
    "key.import": _admin("import the template key", "导入模板密钥"),
    "backup": _admin("back up the station", "备份工作站"),
    "restore": _admin("restore a station", "恢复工作站"),
    "office.link": _admin("link this station to the exam office or unlink it",
                          "将本工作站关联到考务办公室或取消关联"),
    "erasures.confirm": _admin("confirm erasures after a restore", "确认恢复后的删除情况"),
    # people and faces
    "roster.mark_left": _admin("mark people missing from a roster as left",
                               "将名单中缺少的人员标记为离校"),
    "person.export": _admin("export a person's data", "导出个人数据"),
    "person.delete": _admin("delete a person", "删除人员"),
    "enrol": _admin("enrol faces", "登记人脸"),
    # sessions
    "session.basis": _admin("set a session's legal basis", "设置场次的法律依据"),
    # paper
    "print.pia": _admin("print the impact assessment", "打印影响评估"),
    "print.filing": _admin("print the filing data", "打印备案资料"),
    "print.personal": _signed_in("print documents with personal data", "打印含个人信息的文件"),
}


def allowed(actor: Actor | None, action: str) -> bool:
    """Whether ``actor`` may do ``action`` (None: nobody signed in)."""
    rule = ROLE_TABLE[action]  # KeyError: an action missing from the table is a bug
    if actor is None:
        return False
    return actor.role == ADMIN or actor.role == rule.role


def require(actor: Actor | None, action: str) -> None:
    """Refuse (exit 1 on the command line) unless ``actor`` may do ``action``."""
    if allowed(actor, action):
        return
    rule = ROLE_TABLE[action]
    if actor is None:
        raise Refused(f"Sign in to {rule.en}.", f"请先登录再{rule.zh}。")
    en, zh = ROLE_NAMES[rule.role]
    have_en, have_zh = ROLE_NAMES.get(actor.role, (actor.role, actor.role))
    raise Refused(f"Only an {en} may {rule.en}; {actor.name} is an {have_en}.",
                  f"只有{zh}可以{rule.zh}；{actor.name} 是{have_zh}。")
