"""Station commands: init, notice, settings, roster, people, consent, enrol, session,
checkin, purge, audit, filing, key, backup, restore, user. Parsers here; the actions
are in cli/station_actions.py, cli/station_people.py and cli/station_backup.py and go
through ``headcount.station`` only.

Commands that touch personal data sign in first: ``--user`` (or HEADCOUNT_USER, or the
only user there is) and ``--password`` / HEADCOUNT_PASSWORD / a prompt.
Exit 0 done, 1 refused by a rule, 2 bad input.
"""

from __future__ import annotations

import argparse
from typing import Any

from headcount.attendance.reasons import REASONS
from headcount.cli.station_actions import (
    cmd_audit_incident,
    cmd_audit_show,
    cmd_audit_verify,
    cmd_checkin,
    cmd_filing_export,
    cmd_filing_status,
    cmd_init,
    cmd_notice_set,
    cmd_notice_show,
    cmd_purge,
    cmd_session_basis,
    cmd_session_close,
    cmd_session_correct,
    cmd_session_create,
    cmd_session_list,
    cmd_session_show,
    cmd_session_start,
    cmd_settings_placement,
    cmd_settings_set,
    cmd_settings_show,
    cmd_user_add,
    cmd_user_list,
    cmd_user_passwd,
)
from headcount.cli.station_backup import (
    cmd_backup,
    cmd_erasures_confirm,
    cmd_key_export,
    cmd_key_import,
    cmd_restore,
)
from headcount.cli.station_people import (
    cmd_consent_record,
    cmd_consent_show,
    cmd_consent_withdraw,
    cmd_enrol,
    cmd_people_delete,
    cmd_people_export,
    cmd_people_leave,
    cmd_people_list,
    cmd_people_show,
    cmd_roster_import,
)


# --- parsers ---------------------------------------------------------------------------------
def _sub(parent: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    return p


def group(sub: Any, name: str, help_text: str) -> Any:
    """A command whose ACTIONs follow it (``headcount notice set``): its sub-parsers."""
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_cmd", metavar="ACTION", required=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = _sub(sub, "init", "create a station: database, key, administrator, first notice "
             "(初始化工作站)", cmd_init)
    p.add_argument("--school", required=True, help="school name (the processor)")
    p.add_argument("--contact", required=True, help="contact for personal information")
    p.add_argument("--admin", required=True, help="first administrator's user name")
    p.add_argument("--language", choices=["zh", "en"], default="zh")

    ns = group(sub, "notice", "the notice to people (告知书)")
    p = _sub(ns, "set", "publish a new notice version: FIELD=VALUE (FIELD.zh=/FIELD.en= for "
             "one language)", cmd_notice_set)
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.add_argument("--minor", metavar="REASON",
                   help="a minor edit (not the purpose, method or retention): earlier "
                   "consents stay valid; the reason is audited (admin)")
    p = _sub(ns, "show", "print the current notice", cmd_notice_show)
    p.add_argument("--version", type=int)

    ss = group(sub, "settings", "station settings (设置)")
    _sub(ss, "show", "print the settings", cmd_settings_show)
    p = _sub(ss, "placement", "record where a camera is installed and who checked it (C13)",
             cmd_settings_placement)
    p.add_argument("camera", help="the camera: its number, address or name")
    p.add_argument("--location", required=True, help="where it is installed")
    p.add_argument("--checked-by", required=True, help="who checked it against the guide")
    p.add_argument("--on", help="date of the check, YYYY-MM-DD (default: today)")
    p = _sub(ss, "set", "change settings: KEY=VALUE (JSON values)", cmd_settings_set)
    p.add_argument("assignments", nargs="+", metavar="KEY=VALUE")

    rs = group(sub, "roster", "import a class or exam list (名单)")
    p = _sub(rs, "import", "import a CSV (UTF-8/GBK) or XLSX roster", cmd_roster_import)
    p.add_argument("file")
    p.add_argument("--mark-missing-left", action="store_true",
                   help="the file is the whole roster: mark active people not in it as left "
                   "(admin; refused while the file has bad rows)")
    p.add_argument("--classes-in-file-only", action="store_true",
                   help="with --mark-missing-left: only people of the classes in the file")

    ps = group(sub, "people", "people on the roster (人员)")
    p = _sub(ps, "list", "list people", cmd_people_list)
    p.add_argument("--class", dest="class_name")
    p.add_argument("--search", help="part of a name, a number or an ID-card number")
    p.add_argument("--must-renew", action="store_true",
                   help="only people whose consent predates a material notice change")
    p = _sub(ps, "show", "one person, with template count and consent", cmd_people_show)
    p.add_argument("number")
    p = _sub(ps, "export", "everything held about a person (access request)",
             cmd_people_export)
    p.add_argument("number")
    p.add_argument("--out", required=True)
    p = _sub(ps, "delete", "erase a person entirely, with a receipt", cmd_people_delete)
    p.add_argument("number")
    p = _sub(ps, "leave", "mark a person as left (retention removes templates)",
             cmd_people_leave)
    p.add_argument("number")

    cs = group(sub, "consent", "consent to face recognition (同意)")
    p = _sub(cs, "record", "record consent given against the current notice",
             cmd_consent_record)
    p.add_argument("number")
    p.add_argument("--by", choices=["self", "guardian"], required=True)
    p.add_argument("--guardian-name")
    p.add_argument("--relationship")
    p.add_argument("--method", choices=["slip", "screen"], default="slip")
    p.add_argument("--evidence", default="",
                   help="signed slip number or scan file name (required for a guardian)")
    p = _sub(cs, "withdraw", "withdraw consent: templates deleted at once, receipt",
             cmd_consent_withdraw)
    p.add_argument("number")
    p = _sub(cs, "show", "a person's consent history", cmd_consent_show)
    p.add_argument("number")

    p = _sub(sub, "enrol", "enrol faces from photos (登记人脸)", cmd_enrol)
    p.add_argument("number", nargs="?")
    p.add_argument("photos", nargs="*")
    p.add_argument("--folder", help="photos named by number (2024001.jpg)")

    se = group(sub, "session", "exam rooms and class periods (场次)")
    p = _sub(se, "create", "create a session; prints its id", cmd_session_create)
    p.add_argument("--kind", choices=["exam", "class"], required=True)
    p.add_argument("--name", required=True, help="exam name or subject")
    p.add_argument("--room")
    p.add_argument("--class", dest="class_name")
    p.add_argument("--roster", help="candidate list file (number, name, seat, ...)")
    p.add_argument("--numbers", help="comma-separated numbers of people already on the roster")
    p.add_argument("--period")
    p.add_argument("--teacher")
    p.add_argument("--start", help="start time, e.g. 2025-06-07T09:00")
    p.add_argument("--end")
    p.add_argument("--late-minutes", type=int)
    p.add_argument("--invigilator", dest="invigilators", action="append", metavar="NAME",
                   help="an invigilator who signs the report (repeat for each)")
    for name, func, text in (("start", cmd_session_start, "open a session for check-ins"),
                             ("close", cmd_session_close, "close a session"),
                             ("show", cmd_session_show, "a session's attendance")):
        p = _sub(se, name, text, func)
        p.add_argument("id", type=int)
    _sub(se, "list", "list sessions", cmd_session_list)
    p = _sub(se, "basis", "legal basis: consent (default) or --statutory TEXT (admin, exams)",
             cmd_session_basis)
    p.add_argument("id", type=int)
    p.add_argument("--statutory", help="the rule relied on")
    p = _sub(se, "correct", "correct a status (kept with who and why)", cmd_session_correct)
    p.add_argument("id", type=int)
    p.add_argument("number")
    p.add_argument("--status", required=True,
                   choices=["expected", "present_face", "present_manual", "late", "absent"])
    p.add_argument("--reason", required=True)

    p = _sub(sub, "checkin", "check a person in: manually, or faces from an image/video "
             "(签到)", cmd_checkin)
    p.description = ("--image/--video is the unattended path: every confident match is "
                     "recorded at once, without a person confirming it. --image F --propose "
                     "only lists the matches (a roll call to confirm in the window).")
    p.add_argument("id", type=int, help="session id")
    p.add_argument("number", nargs="?")
    p.add_argument("--manual", action="store_true")
    p.add_argument("--reason", choices=REASONS)
    p.add_argument("--image", help="photo: record every confident match (unattended)")
    p.add_argument("--video", help="video: record every confident match (unattended)")
    p.add_argument("--propose", action="store_true",
                   help="with --image: list the proposed matches, record nothing")
    p.add_argument("--every", type=int, default=5, help="use every Nth video frame")

    _sub(sub, "purge", "delete data past its retention period, with a receipt (清除)",
         cmd_purge)

    au = group(sub, "audit", "the audit log (审计日志)")
    _sub(au, "verify", "check the hash chain; exit 1 if any row was changed", cmd_audit_verify)
    p = _sub(au, "show", "print audit entries, newest first", cmd_audit_show)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--action")
    p.add_argument("--subject")
    p = _sub(au, "incident", "export who and what data may be affected by an incident",
             cmd_audit_incident)
    p.add_argument("--since", help="start of the window (ISO time); none: everyone")
    p.add_argument("--until")
    p.add_argument("--out", required=True)

    fi = group(sub, "filing", "people with facial data and the filing (备案)")
    p = _sub(fi, "status", "count against the filing threshold", cmd_filing_status)
    p.add_argument("--signed-out", metavar="FILE",
                   help="also write this station's own count, signed, for the school's "
                   "other stations to import")
    p = _sub(fi, "export", "write the filing data (JSON)", cmd_filing_export)
    p.add_argument("--out", required=True)

    ks = group(sub, "key", "back up or import the template key (模板密钥)")
    p = _sub(ks, "export", "write the key, sealed with a passphrase, to a new file (admin)",
             cmd_key_export)
    p.add_argument("--out", required=True)
    _passphrase(p)
    p = _sub(ks, "import", "store the key from a key file (a station moved to a new PC)",
             cmd_key_import)
    p.add_argument("file")
    _passphrase(p)

    p = _sub(sub, "backup", "one archive: database copy and the sealed key (备份, admin)",
             cmd_backup)
    p.add_argument("--out", required=True)
    _passphrase(p)
    p = _sub(sub, "restore", "restore a backup into an empty --data-dir (恢复; an admin of "
             "the backed-up station signs in with --user)", cmd_restore)
    p.add_argument("file")
    _passphrase(p)
    p.add_argument("--ledger", action="append", default=[], metavar="FILE",
                   help="an erasure ledger (STATION.erasures from the old key folder) whose "
                   "withdrawals and deletions are applied again; repeatable")
    ers = group(sub, "erasures", "erasures after a restore (删除台账)")
    _sub(ers, "confirm", "confirm nobody held after a restore was erased later: their "
         "faces are matched again (admin)", cmd_erasures_confirm)

    us = group(sub, "user", "users and roles (用户)")
    p = _sub(us, "add", "add a user (admin only)", cmd_user_add)
    p.add_argument("name")
    p.add_argument("--role", choices=["admin", "operator"], required=True)
    p.add_argument("--new-password", help="the new user's password, at least 8 characters "
                   "(or HEADCOUNT_NEW_PASSWORD; else a prompt)")
    p = _sub(us, "passwd", "change a password (one's own, or any as admin)", cmd_user_passwd)
    p.add_argument("name")
    p.add_argument("--new-password", help="the new password, at least 8 characters (or "
                   "HEADCOUNT_NEW_PASSWORD; else a prompt)")
    _sub(us, "list", "list users", cmd_user_list)


def _passphrase(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase", help="or HEADCOUNT_PASSPHRASE; else a prompt")
