"""Owner-only files and folders for personal data, whatever the umask.

The data folder, ``headcount.db`` with its ``-wal``/``-shm``, backups and exports hold
names, birth dates, guardian phones and password hashes: on Linux and macOS folders are
0700 and files 0600 (SQLite gives -wal and -shm the mode of the database file). On
Windows the folder or file gets an ACL for the signed-in user alone (``icacls``,
inheritance removed); it is not checked by the tests here, which run on Linux.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from pathlib import Path

from headcount.errors import BadInput

FILE_MODE, DIR_MODE = 0o600, 0o700


def make_private(path: Path, *, folder: bool = False) -> None:
    """Owner-only ``path`` (best effort: a read-only disk or a foreign owner is left)."""
    if os.name == "nt":
        _windows_owner_only(path, folder)
        return
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, DIR_MODE if folder else FILE_MODE)


def _windows_owner_only(path: Path, folder: bool) -> None:
    user = os.environ.get("USERNAME")
    if not user or not path.exists():
        return
    grant = f"{user}:(OI)(CI)F" if folder else f"{user}:F"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(["icacls", str(path), "/inheritance:r", "/grant:r", grant],
                       capture_output=True, timeout=30, check=False)


def private_folder(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; the folder itself owner-only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    make_private(path, folder=True)
    return path


def loose(path: Path, *, folder: bool = False) -> str | None:
    """The mode of ``path`` as octal when others (group or world) may use it, else None.
    Always None on Windows (ACLs are set, not read back) and for a missing path."""
    if os.name == "nt":
        return None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    return f"{mode:04o}" if mode & 0o077 else None


def write_private(path: Path, data: bytes) -> None:
    """Write via a temporary file (0600) and rename: never a half-written file, never
    readable by others, not even for a moment."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        make_private(tmp)
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise write_error(path, err) from err


def write_error(path: Path, err: OSError) -> BadInput:
    return BadInput(f"Cannot write {path}: {err.strerror or err}. Nothing was written; "
                    "choose another place (a disk with space that you may write to).",
                    f"无法写入 {path}：{err.strerror or err}。未写入任何内容；"
                    "请换一个有空间且可写的位置。")
