"""Open the station's one SQLite file, safely configured, and run transactions.

The database lives in the station data folder (default: the platform's per-user data
folder, ``--data-dir`` overrides). WAL mode keeps readers and the writer apart and makes
every committed transaction durable across a crash; ``secure_delete`` overwrites deleted
rows with zeros so a withdrawn person's templates leave no bytes behind (C5).

One connection belongs to one thread at a time (``OwnedConnection``): the thread that
opens it, until it hands it over or ends. Using it from any other thread raises
``WrongThread`` before SQLite is touched (docs/ARCHITECTURE.md, "Threads").
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.errors import HeadcountError
from headcount.i18n import Text, language
from headcount.store.private_files import make_private, private_folder

DB_NAME = "headcount.db"
BUSY_TIMEOUT_MS = 5000


class StorageError(HeadcountError):
    """The station's database or folder cannot be used (read-only, busy, damaged)."""


class WrongThread(AssertionError):
    """A station connection used from a thread that does not own it: a programming
    error (one SQLite connection belongs to one thread), never a user's. So it is no
    HeadcountError, which handlers of a user's mistakes catch; its text is bilingual."""

    def __init__(self, en: str, zh: str) -> None:
        self.text = Text(en, zh)
        super().__init__(en)

    def __str__(self) -> str:
        return self.text.zh if language() == "zh" else self.text.en


def _thread_name(t: threading.Thread) -> str:
    return f"'{t.name}' (id {t.ident})"


class OwnedConnection(sqlite3.Connection):
    """A SQLite connection that one thread owns at a time.

    The thread that opens it owns it. Another thread takes it over only when the owner
    has handed it over (:meth:`hand_over`) or has ended; any other use raises
    :class:`WrongThread`, naming both threads, before SQLite is touched. Every way in is
    checked: the connection's statements, transactions and backups, and its cursors'
    statements and fetches (a cursor or a row generator carried to another thread).

    sqlite3's own ``check_same_thread`` cannot express this: it ties a connection to
    the thread that created it for good, while the station is opened on one thread
    (the command line's, the first-run wizard's task) and then used by the window's
    task thread. So it is off, and this check replaces it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owner: threading.Thread | None = threading.current_thread()
        self._claim = threading.Lock()
        self.owners: list[str] = [self._owner.name]  # who has owned it, latest last

    @property
    def owner(self) -> threading.Thread | None:
        return self._owner

    def check_thread(self) -> None:
        """Pass on the owner thread (or claim a free connection); raise elsewhere."""
        me = threading.current_thread()
        if self._owner is me:
            return
        with self._claim:
            owner = self._owner
            if owner is None or owner is me or not owner.is_alive():
                self._owner = me
                self.owners = [*self.owners[-19:], me.name]
                return
        raise WrongThread(
            f"Internal error: thread {_thread_name(me)} used the station database, which "
            f"belongs to thread {_thread_name(owner)}. One SQLite connection belongs to "
            "one thread: station calls from the window run on its task thread "
            "(docs/ARCHITECTURE.md, \"Threads\"). Nothing was changed.",
            f"内部错误：线程 {_thread_name(me)} 使用了工作站数据库，而该连接属于线程 "
            f"{_thread_name(owner)}。一个 SQLite 连接只属于一个线程：窗口的工作站调用在其任务"
            "线程上执行（见 docs/ARCHITECTURE.md“Threads”）。未做任何更改。")

    def hand_over(self) -> None:
        """The owner lets go: the next thread to use the connection owns it."""
        self.check_thread()
        with self._claim:
            self._owner = None

    def cursor(self, factory: Any = None) -> Any:
        self.check_thread()
        return super().cursor(factory or OwnedCursor)

    # The C methods below make their own cursor (not through ``cursor()``): they go
    # through an OwnedCursor instead, so that its fetches are checked too.
    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> Any:
        return self.cursor().executescript(sql_script)


def _checked(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        conn = self if isinstance(self, OwnedConnection) else self.connection
        conn.check_thread()
        return method(self, *args, **kwargs)

    return call


for _name in ("commit", "rollback", "close", "backup", "iterdump", "create_function",
              "create_aggregate", "create_collation", "create_window_function", "blobopen",
              "enable_load_extension", "load_extension", "serialize", "deserialize",
              "set_authorizer", "set_progress_handler", "set_trace_callback",
              "__enter__", "__exit__"):
    if hasattr(sqlite3.Connection, _name):
        setattr(OwnedConnection, _name, _checked(getattr(sqlite3.Connection, _name)))


class OwnedCursor(sqlite3.Cursor):
    """A cursor of an OwnedConnection: statements and fetches on the owner thread only."""


for _name in ("execute", "executemany", "executescript", "fetchone", "fetchmany",
              "fetchall", "__next__", "close"):
    setattr(OwnedCursor, _name, _checked(getattr(sqlite3.Cursor, _name)))


def hand_over(db: sqlite_utils.Database) -> None:
    """The thread that owns ``db`` lets go of it: the next thread to use it owns it (the
    window's task thread, when the window opens on a station this thread opened)."""
    conn = db.conn
    if isinstance(conn, OwnedConnection):
        conn.hand_over()


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
    if not create and blank_station(path):
        raise StorageError(
            f"{path} is empty or holds no station (0 bytes, or an initialisation that never "
            "finished). Nothing was changed; run `headcount init` on this folder to set up a "
            "station there (it replaces the empty file).",
            f"{path} 为空或其中没有工作站（0 字节，或初始化未完成）。未做任何更改；"
            "请对该文件夹运行 `headcount init` 建立工作站（将替换该空文件）。")
    try:
        if create:
            private_folder(path.parent)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # 0600 from the start
        # Owner-only, also for a station made before this rule (SQLite gives -wal and
        # -shm the database file's mode).
        make_private(path.parent, folder=True)
        for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
            make_private(path.parent / name)
        # Autocommit at the driver level: transactions are explicit (atomic()).
        # OwnedConnection checks the thread (sqlite3's own check cannot hand over).
        conn = sqlite3.connect(
            str(path), timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False,
            factory=OwnedConnection)
        conn.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a committed check-in survives power loss
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
    except (sqlite3.Error, OSError) as err:
        raise storage_error(err, data_dir) from err
    return sqlite_utils.Database(conn)


def blank_station(path: Path) -> bool:
    """True for a database file with no station in it: 0 bytes, or tables without a
    station id and without users (an ``init`` that stopped half-way). Read-only look."""
    try:
        if path.stat().st_size == 0:
            return True
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" in tables and conn.execute(
                "SELECT 1 FROM meta WHERE key = 'station_id'").fetchone():
            return False
        return "users" not in tables or not conn.execute("SELECT 1 FROM users").fetchone()
    except sqlite3.Error:
        return False  # damaged: say so where it is opened, never treat it as blank
    finally:
        conn.close()


def remove_blank(path: Path) -> None:
    """Delete a blank database (see ``blank_station``) and its -wal/-shm files."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(FileNotFoundError):
            (path.parent / name).unlink()


def storage_error(err: BaseException, data_dir: Path | str = "") -> StorageError:
    """Turn a low-level SQLite/OS error into one clear bilingual message: what is wrong
    and what to do. SQLite's error name is used when the driver gives one (3.11+)."""
    if isinstance(err, StorageError):
        return err
    name = str(getattr(err, "sqlite_errorname", "") or "")
    code = getattr(err, "errno", None)
    text = str(err).lower()
    where = f" ({data_dir})" if str(data_dir) else ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return StorageError(
            "The station database is busy (another Headcount window or command is writing). "
            "Nothing was changed; try again in a moment.",
            "工作站数据库正忙（另一个 Headcount 窗口或命令正在写入）。未做任何更改，请稍后重试。",
        )
    if (name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or code in (errno.EROFS, errno.EACCES,
                                                                         errno.EPERM)
            or "readonly" in text or "read-only" in text or "permission" in text):
        return StorageError(
            f"The station's data folder{where} is read-only, so nothing can be recorded. "
            "Nothing was changed and no record was lost; choose a writable folder with "
            "--data-dir, or give this user write permission on the folder and its files.",
            f"工作站数据文件夹{where}为只读，无法记录。未做任何更改，已有记录没有丢失；"
            "请用 --data-dir 选择可写的文件夹，或给当前用户该文件夹及其文件的写权限。",
        )
    if name == "SQLITE_FULL" or code in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text \
            or "no space" in text:
        return StorageError(
            f"The disk holding the station's data{where} is full. The last action was not "
            "recorded (nothing was changed) and no earlier record was lost; free some space "
            "on that disk and try again.",
            f"工作站数据所在的磁盘{where}已满。刚才的操作未被记录（未做任何更改），之前的记录"
            "没有丢失；请释放该磁盘的空间后重试。",
        )
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text \
            or "not a database" in text:
        return StorageError(
            f"The station database{where} is damaged. Nothing was changed; restore the "
            "latest backup into a new folder (`headcount restore FILE`).",
            f"工作站数据库{where}已损坏。未做任何更改；请把最近的备份恢复到新文件夹"
            "（`headcount restore 文件`）。",
        )
    if name == "SQLITE_CANTOPEN" or "unable to open" in text:
        return StorageError(
            f"Cannot open the station database{where} (missing, or the folder is not "
            "writable). Nothing was changed; check the folder given with --data-dir.",
            f"无法打开工作站数据库{where}（不存在或文件夹不可写）。未做任何更改；"
            "请检查 --data-dir 指定的文件夹。",
        )
    return StorageError(
        f"The station database reported an error: {err}. Nothing was changed.",
        f"工作站数据库出错：{err}。未做任何更改。",
    )


def db_folder(db: sqlite_utils.Database) -> str:
    """The folder of the open database file (for messages); '' if unknown."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return ""
    return str(Path(row[2]).parent) if row and row[2] else ""


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
        raise storage_error(err, db_folder(db)) from err
    try:
        yield db
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise storage_error(exc, db_folder(db)) from exc
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise storage_error(err, db_folder(db)) from err
        for hook in getattr(db, "_headcount_after_commit", ()):
            hook()


def on_commit(db: sqlite_utils.Database, hook: Callable[[], object]) -> None:
    """Call ``hook`` after every outermost transaction that ``atomic`` commits."""
    hooks = getattr(db, "_headcount_after_commit", None)
    if hooks is None:
        hooks = []
        db._headcount_after_commit = hooks  # type: ignore[attr-defined]
    hooks.append(hook)


FOLD_KEY = "wal_fold_pending"  # meta: an erasure's checkpoint was kept from completing


def checkpoint(db: sqlite_utils.Database, mode: str = "TRUNCATE") -> bool:
    """Fold the WAL into the main file; TRUNCATE also empties -wal (no stale pages of
    deleted rows left there). Returns False if another connection's reader kept it from
    completing (waiting up to the busy timeout for it).

    A blocked TRUNCATE (an erasure's) is remembered in the database, and every
    connection of every station tries again after each commit and at open, without
    waiting (``fold_if_pending``): the deleted ciphertext leaves the files as soon as
    the reader ends and anyone writes or opens the station (C5).

    A failure here (disk full, read-only) is reported as False, never raised: it runs
    after a committed change, which must not look as if it had failed."""
    try:
        busy = db.conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()[0]
    except sqlite3.Error:
        return False
    if busy and mode == "TRUNCATE" and not db.conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')",
                            [FOLD_KEY])
    return not busy


def fold_if_pending(db: sqlite_utils.Database) -> bool:
    """Finish a blocked erasure checkpoint if no reader is in the way now; never waits.
    True when nothing is pending any more."""
    conn = db.conn
    try:
        if conn.in_transaction or conn.execute("SELECT 1 FROM meta WHERE key = ?",
                                               [FOLD_KEY]).fetchone() is None:
            return True
        busy_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("DELETE FROM meta WHERE key = ?", [FOLD_KEY])
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')",
                             [FOLD_KEY])
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    except sqlite3.Error:
        return False
    return not busy


def integrity_ok(db: sqlite_utils.Database) -> bool:
    return db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def insert(db: sqlite_utils.Database, table: str, row: dict[str, object]) -> int:
    """Insert one row; returns its rowid."""
    cur = db.execute(
        f"INSERT INTO [{table}] ({', '.join(f'[{k}]' for k in row)})"
        f" VALUES ({', '.join('?' for _ in row)})", list(row.values()))
    return int(cur.lastrowid or 0)
