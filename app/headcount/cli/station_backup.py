"""What ``headcount key export|import``, ``backup`` and ``restore`` do (parsers in
cli/station.py). Passphrases come from ``--passphrase``, HEADCOUNT_PASSPHRASE or a
prompt (typed twice when a new file is sealed with it). Administrators only; audited.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from headcount.cli.station_actions import _data_dir, _run, _secret
from headcount.errors import BadInput
from headcount.i18n import Text


def _passphrase(args: argparse.Namespace, *, new: bool) -> str:
    return _secret(args, "passphrase", "HEADCOUNT_PASSPHRASE",
                   Text("Passphrase for the key (at least 8 characters): ",
                        "密钥口令（至少 8 个字符）：") if new else
                   Text("Passphrase of the key: ", "密钥口令："), confirm=new)


def cmd_key_export(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.export_key(u, args.out,
                                                  _passphrase(args, new=True)).as_dict())


def cmd_key_import(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.import_key(u, args.file,
                                                  _passphrase(args, new=False)).as_dict())


def cmd_backup(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.backup(u, args.out,
                                              _passphrase(args, new=True)).as_dict())


def cmd_restore(args: argparse.Namespace) -> Any:
    from headcount.compliance import erasure_hold
    from headcount.station import Station
    from headcount.store.db import default_data_dir

    user = args.user or os.environ.get("HEADCOUNT_USER")
    if not user:
        raise BadInput("Say which administrator of the backed-up station restores it: "
                       "--user NAME (or HEADCOUNT_USER).",
                       "请用 --user 用户名（或 HEADCOUNT_USER）指明由备份中哪位管理员恢复。")
    data_dir = _data_dir(args) or default_data_dir()
    password = _secret(args)
    station = Station.restore(args.file, data_dir, _passphrase(args, new=False), user=user,
                              password=password, ledgers=[Path(p) for p in args.ledger])
    try:
        warning = station.key_warning
        return {"restored": str(args.file), "data_dir": str(station.data_dir),
                "station": station.station_id, "key": station.keys.location,
                "people": station.people.count(), "templates": station.templates.total(),
                "audit_ok": station.audit.verify().ok,
                "reapplied": [r["number"] for r in station.erasures.reapplied],
                "held": erasure_hold.held(station.db),
                "warning": warning.both() if warning else None,
                "format_warning": station.restore_warning.both()
                if station.restore_warning else None,
                "erasure_warning": station.erasures.warning.both()
                if station.erasures.warning else None}
    finally:
        station.close()


def cmd_erasures_confirm(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.confirm_erasures(u).as_dict())
