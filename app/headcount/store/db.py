"""Open the station's one SQLite file, safely configured, and run transactions.

The database lives in the station data folder (default: the platform's per-user data
folder, ``--data-dir`` overrides). WAL mode keeps readers and the writer apart and makes
every committed transaction durable across a crash; ``secure_delete`` overwrites deleted
rows with zeros so a withdrawn person's templates leave no bytes behind (C5).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from headcount.errors import HeadcountError

DB_NAME = "headcount.db"
BUSY_TIMEOUT_MS = 5000


class StorageError(HeadcountError):
    """The station's database or folder cannot be used (read-only, busy, damaged)."""


def default_data_dir() -> Path:
    """The platform's per-user data folder for Headcount."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Headcount", appauthor=False))


def open_db(data_dir: Path, *, create: bool = False,
            busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite_utils.Database:
    """Open ``data_dir/headcount.db`` (creating the folder and file only when ``create``)."""
    path = Path(data_dir) / DB_NAME
    if not create and not path.exists():
        raise StorageError(
            f"No station in {data_dir}: run `headcount init` first.",
            f"{data_dir} 中没有工作站数据：请先运行 `headcount init`。",
        )
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit at the driver level: transactions are explicit (atomic()).
        conn = sqlite3.connect(
            str(path), timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a committed check-in survives power loss
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
    except (sqlite3.Error, OSError) as err:
        raise storage_error(err, data_dir) from err
    return sqlite_utils.Database(conn)


def storage_error(err: BaseException, data_dir: Path | str = "") -> StorageError:
    """Turn a low-level SQLite/OS error into one clear bilingual message."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            "The station database is busy (another Headcount window or command is writing). "
            "Nothing was changed; try again in a moment.",
            "工作站数据库正忙（另一个 Headcount 窗口或命令正在写入）。未做任何更改，请稍后重试。",
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StorageError(
            f"The data folder {data_dir} is read-only. Nothing was changed; "
            "choose a writable folder with --data-dir or fix its permissions.",
            f"数据文件夹 {data_dir} 为只读。未做任何更改；"
            "请用 --data-dir 选择可写的文件夹或修改权限。",
        )
    if "disk is full" in text or "no space" in text or "full" in text:
        return StorageError(
            "The disk is full. Nothing was changed; free some space and try again.",
            "磁盘已满。未做任何更改；请释放空间后重试。",
        )
    if "unable to open" in text:
        return StorageError(
            f"Cannot open the station database in {data_dir} (missing or not writable).",
            f"无法打开 {data_dir} 中的工作站数据库（不存在或不可写）。",
        )
    return StorageError(
        f"The station database reported an error: {err}. Nothing was changed.",
        f"工作站数据库出错：{err}。未做任何更改。",
    )


@contextlib.contextmanager
def atomic(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction: all of the block is committed, or none of it.

    ``BEGIN IMMEDIATE`` takes the write lock up front so a busy database fails at the
    start (waiting up to the busy timeout) rather than half-way. Nested blocks become
    savepoints. SQLite errors leave as :class:`StorageError`.
    """
    conn = db.conn
    try:
        if conn.in_transaction:
            with db.atomic():
                yield db
            return
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise storage_error(err) from err
    try:
        yield db
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise storage_error(exc) from exc
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise storage_error(err) from err
        for hook in getattr(db, "_headcount_after_commit", ()):
            hook()


def on_commit(db: sqlite_utils.Database, hook: Callable[[], None]) -> None:
    """Call ``hook`` after every outermost transaction that ``atomic`` commits."""
    hooks = getattr(db, "_headcount_after_commit", None)
    if hooks is None:
        hooks = []
        db._headcount_after_commit = hooks  # type: ignore[attr-defined]
    hooks.append(hook)


def checkpoint(db: sqlite_utils.Database, mode: str = "TRUNCATE") -> bool:
    """Fold the WAL into the main file; TRUNCATE also empties -wal (no stale pages of
    deleted rows left there). Returns False if another connection's reader kept it from
    completing (it completes at a later checkpoint)."""
    busy = db.conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()[0]
    return not busy


def integrity_ok(db: sqlite_utils.Database) -> bool:
    return db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def insert(db: sqlite_utils.Database, table: str, row: dict[str, object]) -> int:
    """Insert one row; returns its rowid."""
    cur = db.execute(
        f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in row)})"
        f" VALUES ({', '.join('?' for _ in row)})", list(row.values()))
    return int(cur.lastrowid or 0)
