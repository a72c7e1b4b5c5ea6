"""Key backup, station backup and restore as the station's operations: who may run
them, the administrator's sign-in, the audit rows, and the erasure ledgers (C5, C10).
The files themselves (copy, encrypt, decrypt, undo) are store/backup.py's work.

- ``export_key``/``import_key``: the template key sealed with a passphrase, for a key
  kept apart from the database backups.
- ``backup``: one encrypted archive (database copy, sealed key, erasure ledger,
  manifest).
- ``restore``: into an empty data folder, on this PC or another. The passphrase opens
  the key, the copy's integrity and audit chain are checked, and an administrator of
  the backed-up station must sign in before the key is stored. The erasure ledger in
  the archive is joined to any ledger already in the key folder and to those reachable
  on this PC; whatever was withdrawn or deleted after the backup was made is deleted
  again, and when nothing proves it, people are held from matching
  (compliance/erasure_hold.py).

All of it is for administrators and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.compliance import erasure_hold
from headcount.errors import BadInput
from headcount.roles import require
from headcount.store import backup as files
from headcount.store.archive_crypto import LEDGER_MEMBER
from headcount.store.db import atomic
from headcount.store.private_files import write_error
from headcount.store.users import User

if TYPE_CHECKING:
    import zipfile

    from headcount.station import Station


@dataclass(frozen=True)
class KeyExported:
    out: str  # the sealed key file
    station: str  # its station id

    def as_dict(self) -> dict[str, Any]:
        return {"out": self.out, "station": self.station}


@dataclass(frozen=True)
class KeyImported:
    imported: bool  # False: this station already held that key
    key: str  # where the key is kept now

    def as_dict(self) -> dict[str, Any]:
        if self.imported:
            return {"imported": True, "key": self.key}
        return {"imported": False, "already_present": True, "key": self.key}


@dataclass(frozen=True)
class BackupMade:
    """A backup archive written: the facts of its manifest."""

    out: str
    station_id: str
    created_at: str
    created_by: str
    db_bytes: int
    db_sha256: str
    counts: dict[str, int]  # rows per table: people, templates, sessions, checkins, audit
    ledger_lines: int | None  # the erasure ledger's lines in it; None: no ledger

    def as_dict(self) -> dict[str, Any]:
        """What ``headcount backup`` prints."""
        return {"out": self.out, "station_id": self.station_id, "created_at": self.created_at,
                "db_bytes": self.db_bytes, "db_sha256": self.db_sha256,
                "counts": dict(self.counts)}


def export_key(station: Station, actor: User, out: Path | str, passphrase: str) -> KeyExported:
    require(actor, "key.export")
    out = files.write_key_file(station, out, passphrase)
    station.audit.record(actor.name, "key_export", "", {"file": out.name})
    return KeyExported(str(out), station.station_id)


def import_key(station: Station, actor: User, path: Path | str, passphrase: str) -> KeyImported:
    """Store the key from a key file (a station whose key is missing, e.g. a database
    copied to a new PC). The key must belong to this station's database."""
    require(actor, "key.import")
    sealed = files.read_key_file(station, path, passphrase)
    if station.keys.load() == sealed.key:
        return KeyImported(False, station.keys.location)
    store = files.store_key(station, sealed.key)  # the audit row below is sealed with it
    with atomic(station.db):
        station.db.table("meta").upsert(files.key_store_row(store), pk="key")
        station.audit.record(actor.name, "key_import", "", {"key_store": store.location})
    return KeyImported(True, store.location)


def backup(station: Station, actor: User, out: Path | str, passphrase: str) -> BackupMade:
    """Write one archive; returns the facts of its manifest."""
    require(actor, "backup")
    made = files.write_archive(station, out, passphrase, created_by=actor.name)
    station.audit.record(actor.name, "backup", "", {
        "file": Path(made["out"]).name, "db_sha256": made["db_sha256"], **made["counts"]})
    ledger = made.get("erasure_ledger")
    return BackupMade(made["out"], made["station_id"], made["created_at"], made["created_by"],
                      int(made["db_bytes"]), made["db_sha256"], dict(made["counts"]),
                      int(ledger["lines"]) if ledger else None)


def restore(archive: Path | str, data_dir: Path | str, passphrase: str, *, user: str,
            password: str, key_dir: Path | None = None, use_keyring: bool | None = None,
            engine: Any = None, ledgers: list[Path] | None = None,
            station_class: Any) -> Station:
    """Restore a backup into an empty ``data_dir``; returns the open station. On any
    failure the folder is left as it was (empty) and no key is stored. ``ledgers``:
    erasure ledgers to apply besides those found (compliance/erasure_hold.py)."""
    data_dir = Path(data_dir)
    files.check_target(data_dir)
    erasure_hold.check_files(list(ledgers or []))
    with files.opened(archive, passphrase) as (zf, manifest, old_format):
        target = files.RestoreTarget(zf, passphrase, data_dir, key_dir, use_keyring)
        station = _restore_into(target, zf, manifest, archive, user=user, password=password,
                                engine=engine, ledgers=list(ledgers or []),
                                station_class=station_class)
    station.restore_warning = old_format
    return station


def _restore_into(target: files.RestoreTarget, zf: zipfile.ZipFile, manifest: dict[str, Any],
                  archive: Path | str, *, user: str, password: str, engine: Any,
                  ledgers: list[Path], station_class: Any) -> Station:
    station: Station | None = None
    try:
        station = target.unpack(zf, manifest, engine, station_class)
        admin = station.login(user, password)
        require(admin, "restore")
        target.save_key()
        station.key_changed()
        station.audit.record(admin.name, "station_restore", station.station_id, {
            "backup_created_at": manifest.get("created_at"),
            "backup_created_by": manifest.get("created_by"), **manifest.get("counts", {})})
        if not station.audit.verify().ok:  # now with the key: the keyed part too
            raise BadInput("The audit log in this backup does not verify; it was not "
                           "restored.", "此备份中的审计日志未通过校验；未予恢复。")
        # C5: the ledger beside the key and the one in the archive, joined; then
        # whatever was erased after the backup was made is erased again.
        text, problems = files.archive_ledger(zf, manifest, archive)
        target.note_ledger()
        if text:
            try:
                _, more = station.erasures.merge(text, f"{archive}:{LEDGER_MEMBER}")
            except OSError as err:
                raise write_error(target.ledger_file, err) from err
            problems += more
        found, more = erasure_hold.gather(station, manifest, ledgers, not target.made_ledger)
        station.erasures.reconcile(admin, problems + more)
        if not found:  # nothing newer than the archive: later erasures unprovable
            erasure_hold.hold(station, admin, str(manifest.get("created_at", "")))
            station.erasures.refresh_warning()
        return station
    except BaseException:
        if station is not None:
            station.db.close()
        target.undo()
        raise
