"""What the roster, people, consent and enrolment commands do (parsers in
cli/station.py; shared helpers in cli/station_actions.py). Everything goes through
``headcount.station``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from headcount.cli.station_actions import _msg, _run, _table, _write_json
from headcount.errors import BadInput
from headcount.i18n import Text


# --- roster and people ------------------------------------------------------------------
def cmd_roster_import(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        result = st.import_roster(u, args.file, mark_missing_left=args.mark_missing_left,
                                  classes_only=args.classes_in_file_only).as_dict()
        if not args.json:
            lines = [str(Text(
                "{inserted} added, {updated} updated, {unchanged} unchanged, {rejected} rows "
                "rejected, {marked_left} marked as left",
                "新增 {inserted}，更新 {updated}，未变 {unchanged}，拒绝 {rejected} 行，"
                "标记离校 {marked_left}").format(**result))]
            lines += [str(Text(f"row {e['row']}: {e['en']}", f"第 {e['row']} 行：{e['zh']}"))
                      for e in result["errors"]]
            return "\n".join(lines)
        return result
    return _run(args, do)


def cmd_people_list(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        people = st.list_people(u, class_name=args.class_name, search=args.search,
                                must_renew=args.must_renew)
        rows = [{"number": p.number, "name": p.name, "class": p.class_name,
                 "birth_date": p.birth_date, "status": p.status,
                 "templates": st.templates.count(p.id),
                 "manual_only": st.consent.manual_only(p.id),
                 "must_renew": st.consent.stale(p.id)} for p in people]
        if args.json:
            return {"people": rows}
        return _table(rows, ["number", "name", "class", "birth_date", "status", "templates",
                             "manual_only", "must_renew"])
    return _run(args, do)


def cmd_people_show(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.person_summary(args.number, u).as_dict())


def cmd_people_export(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        data = st.people.export(u, args.number)
        _write_json(args.out, data)
        return {"number": args.number, "out": args.out}
    return _run(args, do)


def cmd_people_delete(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.delete_person(u, args.number).as_dict())


def cmd_people_leave(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.people.mark_left(u, args.number).as_dict())


# --- consent and enrolment -----------------------------------------------------------------
def cmd_consent_record(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.consent.record(
        u, args.number, by=args.by, method=args.method, guardian_name=args.guardian_name or "",
        relationship=args.relationship or "", evidence=args.evidence).as_dict())


def cmd_consent_withdraw(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.consent.withdraw(u, args.number).as_dict())


def cmd_consent_show(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.consent_view(u, args.number).as_dict())


def cmd_enrol(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        if args.folder:
            outcomes = []
            for done, total, outcome in st.enrolment.enrol_folder(u, Path(args.folder)):
                outcomes.append(outcome)
                if not args.json:
                    state = "ok" if outcome.stored else ",".join(outcome.reasons)
                    print(f"[{done}/{total}] {outcome.number} {outcome.source}: {state}",
                          file=sys.stderr)
        else:
            if not args.number or not args.photos:
                raise BadInput("Use: enrol NUMBER PHOTO... or enrol --folder DIR.",
                               "用法：enrol 学号 照片... 或 enrol --folder 文件夹。")
            outcomes = st.enrolment.enrol_files(u, args.number, [Path(p) for p in args.photos])
        stored = sum(o.stored for o in outcomes)
        already = sum(o.already for o in outcomes)
        # The batch is over: the station chooses its threshold again (matching/threshold.py).
        choice = st.estimate_threshold(u) if stored else st.threshold_estimate()
        result = {"stored": stored, "already": already,
                  "refused": len(outcomes) - stored - already,
                  "results": [o.as_dict() for o in outcomes], "threshold": choice.to_dict()}
        code = 0 if stored or already or not outcomes else 1
        if not args.json:
            lines = [f"{o.number} {o.source}: " + ("ok" if o.stored else "")
                     + "; ".join(_msg(m) for m in o.messages) for o in outcomes]
            lines.append(_msg(choice.describe()))
            print("\n".join(lines))
            return code
        print(json.dumps(result, ensure_ascii=False))
        return code
    return _run(args, do)
