"""The file work of key backup, station backup and restore (moving a station to a new
PC); who may do it, the sign-in, the audit rows and the erasure ledgers are the rules of
compliance/backups.py, which calls these.

- A key file: the template key sealed with a passphrase (store/key_backup.py), for a
  key kept apart from the database backups.
- ``write_archive``: one archive holding a consistent copy of the database made with
  SQLite's online backup API (check-ins may go on meanwhile), the sealed key, the
  erasure ledger (read after the copy, so never older than it) and a manifest (station
  id, checksums, the newest audit row, the key folder), encrypted as a whole with the
  passphrase (store/archive_crypto.py): without it nothing in the file can be read.
- ``RestoreTarget``: an empty data folder and a key folder filled from an archive, the
  copy's integrity and station checked, and everything put back as it was (``undo``)
  when the restore fails at any step.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.models import sha256_file
from headcount.store import archive_crypto, erasure_ledger, key_backup, migrations
from headcount.store.archive_crypto import (
    DB_MEMBER,
    KEY_MEMBER,
    LEDGER_MEMBER,
    MANIFEST,
    ZIP_FORMAT,
    open_archive,
)
from headcount.store.crypto import (
    KEYRING_SERVICE,
    KeyStore,
    default_key_dir,
    key_check,
    usable_keyring,
)
from headcount.store.db import DB_NAME, atomic, integrity_ok, open_db, storage_error
from headcount.store.migrations import now_iso
from headcount.store.private_files import write_error as _write_error
from headcount.store.private_files import write_private as _write_private

if TYPE_CHECKING:
    from headcount.station import Station



def _new_file(out: Path | str) -> Path:
    out = Path(out)
    if out.exists():
        raise BadInput(f"{out} already exists; choose a new file name.",
                       f"{out} 已存在；请换一个新文件名。")
    if not out.parent.is_dir():
        raise BadInput(f"The folder {out.parent} does not exist.", f"文件夹 {out.parent} 不存在。")
    return out


def _station_key(station: Station) -> bytes:
    station.cipher()  # KeyMissing with a clear message if absent or wrong
    key = station.keys.load()
    assert key is not None
    return key


# --- the key alone ---------------------------------------------------------------------
def write_key_file(station: Station, out: Path | str, passphrase: str) -> Path:
    """The station's key sealed with ``passphrase`` in a new, owner-only file."""
    key_backup.check_passphrase(passphrase)
    out = _new_file(out)
    _write_private(out, key_backup.seal(_station_key(station), station.station_id, passphrase))
    return out


def read_key_file(station: Station, path: Path | str,
                  passphrase: str) -> key_backup.SealedKey:
    """The key in a key file, refused unless it belongs to this station's database."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise BadInput(f"Cannot read {path}: {err.strerror or err}.",
                       f"无法读取 {path}：{err.strerror or err}。") from err
    sealed = key_backup.unseal(data, passphrase)
    _check_fits(station.station_id, station._meta("key_check") or "", sealed)
    return sealed


def store_key(station: Station, key: bytes) -> KeyStore:
    """Save ``key`` where this PC keeps keys (keyring or file) and switch the station to
    it; the caller records where, in the same transaction as its audit row."""
    store = KeyStore(station.station_id, station.keys.key_dir, usable_keyring())
    _save_key(store, key)
    station.keys = store
    station.key_changed()
    return store


def key_store_row(store: KeyStore) -> dict[str, str]:
    return {"key": "key_store", "value": "keyring" if store.use_keyring else "file"}


def _check_fits(station_id: str, check: str, sealed: key_backup.SealedKey) -> None:
    if sealed.station_id != station_id or key_check(sealed.key) != check:
        raise Refused("This key file belongs to another station; nothing was changed.",
                      "此密钥文件属于另一个工作站；未做任何更改。")


def _save_key(store: KeyStore, key: bytes) -> None:
    present = store.load()
    if present == key:
        return
    if present is not None:
        raise Refused(f"Another key is already stored at {store.location}; move it away "
                      "first. Nothing was changed.",
                      f"{store.location} 处已存有另一个密钥；请先将其移走。未做任何更改。")
    try:
        store.save(key)
    except OSError as err:
        raise _write_error(store.key_file, err) from err


# --- whole station -----------------------------------------------------------------------
def _copy_db(station: Station, dest: Path) -> dict[str, Any]:
    """A consistent copy through SQLite's online backup API, checked."""
    target = sqlite3.connect(dest)
    try:
        station.db.conn.backup(target)
        if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BadInput("The copy of the database failed its integrity check.",
                           "数据库副本未通过完整性检查。")
        head = target.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        counts = {t: target.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("people", "templates", "sessions", "checkins", "audit")}
    except sqlite3.Error as err:
        raise storage_error(err, dest.parent) from err
    finally:
        target.close()
    return {"audit_head": list(head) if head else None, "counts": counts}


def write_archive(station: Station, out: Path | str, passphrase: str, *,
                  created_by: str) -> dict[str, Any]:
    """Write one archive: database copy, sealed key, erasure ledger, manifest. Returns
    the manifest with ``out``."""
    from headcount import __version__

    key_backup.check_passphrase(passphrase)
    out = _new_file(out)
    sealed = key_backup.seal(_station_key(station), station.station_id, passphrase)
    work = Path(tempfile.mkdtemp(prefix=".headcount-backup-", dir=out.parent))
    try:
        copy = work / DB_MEMBER
        facts = _copy_db(station, copy)
        ledger = _ledger_bytes(station)  # after the copy: never older than the database
        manifest = {"format": ZIP_FORMAT, "station_id": station.station_id,
                    "created_at": now_iso(), "created_by": created_by,
                    "headcount_version": __version__, "db_sha256": sha256_file(copy),
                    # where later erasures of this station are recorded (a restore on
                    # this PC reads the ledger there, C5)
                    "key_dir": str(station.keys.key_dir.resolve()),
                    "db_bytes": copy.stat().st_size, **facts}
        if ledger is not None:
            manifest["erasure_ledger"] = {"sha256": hashlib.sha256(ledger).hexdigest(),
                                          "lines": ledger.count(b"\n")}
        partial = work / "archive.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
            zf.writestr(KEY_MEMBER, sealed)
            zf.write(copy, DB_MEMBER)
            if ledger is not None:
                zf.writestr(LEDGER_MEMBER, ledger)
        os.chmod(partial, 0o600)
        sealed_archive = work / "archive.hcb"
        archive_crypto.encrypt_file(partial, sealed_archive, passphrase)  # all of it (C10)
        shutil.move(str(sealed_archive), out)
    except OSError as err:
        raise _write_error(out, err) from err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"out": str(out), **manifest}


def _ledger_bytes(station: Station) -> bytes | None:
    path = station.erasures.path
    if path is None:
        return None
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise BadInput(f"Cannot read the erasure ledger {path}: {err.strerror or err}. "
                       "No backup was written.",
                       f"无法读取删除台账 {path}：{err.strerror or err}。未写入备份。") from err


def archive_ledger(zf: zipfile.ZipFile, manifest: dict[str, Any],
                    archive: Path | str) -> tuple[str | None, list[Text]]:
    """The ledger inside a backup (None for a backup without one) and its problems."""
    if LEDGER_MEMBER not in zf.namelist():
        if manifest.get("erasure_ledger"):
            return None, [Text(f"The erasure ledger is missing from the backup {archive}.",
                               f"备份 {archive} 中缺少删除台账。")]
        return None, []
    data = zf.read(LEDGER_MEMBER)
    problems = []
    if hashlib.sha256(data).hexdigest() != (manifest.get("erasure_ledger") or {}).get("sha256"):
        problems.append(Text(f"The erasure ledger in the backup {archive} was changed after "
                             "the backup was made.",
                             f"备份 {archive} 中的删除台账在备份后被改动。"))
    return data.decode("utf-8", "replace"), problems


def check_target(data_dir: Path) -> None:
    """A restore goes into a new or empty folder only."""
    if data_dir.exists() and not data_dir.is_dir():
        raise BadInput(f"{data_dir} is a file, not a folder: restore into a new, empty folder.",
                       f"{data_dir} 是文件而不是文件夹：请恢复到一个新的空文件夹。")
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BadInput(f"{data_dir} is not empty: restore into a new, empty folder.",
                       f"{data_dir} 不是空文件夹：请恢复到一个新的空文件夹。")


@contextlib.contextmanager
def opened(archive: Path | str,
           passphrase: str) -> Iterator[tuple[zipfile.ZipFile, dict[str, Any], Text | None]]:
    """The decrypted archive (zip, manifest, warning for an old format), in an
    owner-only scratch folder removed afterwards."""
    scratch = Path(tempfile.mkdtemp(prefix=".headcount-restore-"))  # owner-only (0700)
    try:
        zf, manifest, old_format = open_archive(archive, passphrase, scratch)
        with zf:
            yield zf, manifest, old_format
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class RestoreTarget:
    """The data folder and key folder a restore fills, and how to empty them again."""

    def __init__(self, zf: zipfile.ZipFile, passphrase: str, data_dir: Path,
                 key_dir: Path | None, use_keyring: bool | None) -> None:
        self.sealed = key_backup.unseal(zf.read(KEY_MEMBER), passphrase)  # before the disk
        self.data_dir = data_dir
        self.store = KeyStore(self.sealed.station_id, Path(key_dir) if key_dir else
                              default_key_dir(data_dir),
                              usable_keyring() if use_keyring is None else use_keyring)
        self.head_file = self.store.key_dir / f"{self.sealed.station_id}.audit-head"
        if self.head_file.exists():
            raise Refused(f"{self.store.key_dir} already serves a working copy of this "
                          "station; restore with another --data-dir (and key folder).",
                          f"{self.store.key_dir} 已用于此工作站的一个在用副本；"
                          "请换用其他 --data-dir（及密钥文件夹）恢复。")
        self.made_dir = not data_dir.exists()
        self.made_keys = not self.store.key_dir.exists()  # a failed restore removes it
        self.saved_key = self.made_ledger = False
        self.ledger_file = erasure_ledger.ledger_path(self.store.key_dir,
                                                      self.sealed.station_id)

    def unpack(self, zf: zipfile.ZipFile, manifest: dict[str, Any], engine: Any,
               station_class: Any) -> Station:
        """The database copied out of the archive, checked and opened (not signed in)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        partial = self.data_dir / f"{DB_NAME}.restoring"
        try:
            with zf.open(DB_MEMBER) as src, partial.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except OSError as err:
            raise _write_error(partial, err) from err
        if sha256_file(partial) != manifest.get("db_sha256"):
            raise BadInput("The database in the backup is damaged (checksum differs).",
                           "备份中的数据库已损坏（校验值不符）。")
        partial.rename(self.data_dir / DB_NAME)
        return _open_restored(self.data_dir, self.store, self.sealed, manifest, engine,
                              station_class)

    def save_key(self) -> None:
        self.saved_key = self.store.load() is None
        _save_key(self.store, self.sealed.key)

    def note_ledger(self) -> None:
        """Before the restored station writes its ledger: was there one already?"""
        self.made_ledger = not self.ledger_file.exists()

    def undo(self) -> None:
        """Put things back as they were after a failed restore."""
        _undo(self.data_dir, self.made_dir, self.head_file,
              self.store if self.saved_key else None)
        if self.made_ledger:
            with contextlib.suppress(OSError):
                self.ledger_file.unlink()
        if self.made_keys:
            with contextlib.suppress(OSError):
                self.store.key_dir.rmdir()  # only when empty: never a key we did not write


def _open_restored(data_dir: Path, store: KeyStore, sealed: key_backup.SealedKey,
                   manifest: dict[str, Any], engine: Any, station_class: Any) -> Station:
    db = open_db(data_dir)
    if not integrity_ok(db):
        db.close()
        raise BadInput("The database in the backup fails its integrity check.",
                       "备份中的数据库未通过完整性检查。")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("station_id") != sealed.station_id or manifest.get("station_id") != \
            sealed.station_id:
        db.close()
        raise BadInput("The key and the database in this backup belong to different stations.",
                       "此备份中的密钥与数据库属于不同的工作站。")
    _check_fits(sealed.station_id, meta.get("key_check", ""), sealed)
    with atomic(db):  # the key may live elsewhere on this PC (keyring or not)
        db.table("meta").upsert({"key": "key_store",
                                 "value": "keyring" if store.use_keyring else "file"}, pk="key")
    if migrations.applied(db) != sorted(migrations.MIGRATIONS):  # a backup of an older version
        migrations.apply(db)
    # The station layer's class, handed down (store/ never imports the station layer).
    station: Station = station_class(db, data_dir, engine=engine, key_dir=store.key_dir)
    result = station.audit.verify()
    last = station.audit.entries(limit=1)
    head = [last[0].id, db.execute("SELECT hash FROM audit WHERE id = ?",
                                   [last[0].id]).fetchone()[0]] if last else None
    if not result.ok or head != manifest.get("audit_head"):
        db.close()
        raise BadInput("The audit log in this backup does not verify; it was not restored.",
                       "此备份中的审计日志未通过校验；未予恢复。")
    return station


def _undo(data_dir: Path, made_dir: bool, head_file: Path, store: KeyStore | None) -> None:
    """Put things back as they were after a failed restore."""
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}.restoring"):
        with contextlib.suppress(OSError):
            (data_dir / name).unlink()
    with contextlib.suppress(OSError):
        head_file.unlink()
    if made_dir:
        with contextlib.suppress(OSError):
            data_dir.rmdir()
    if store is None:
        return
    if store.use_keyring:
        import keyring

        with contextlib.suppress(Exception):
            keyring.delete_password(KEYRING_SERVICE, store.station_id)
    else:
        with contextlib.suppress(OSError):
            store.key_file.unlink()
