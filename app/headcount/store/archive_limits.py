"""Size limits on a backup archive's members, checked from the ZIP directory before any
member is read or extracted (and before the passphrase is tried).

A 1 MB archive can say its manifest expands to 1 GiB; reading it would take the
memory of the PC. Every member has a ceiling, names outside the format are refused,
and zipfile never reads a member past the size its directory gives, so checking the
directory is enough. Both backup formats (plain and encrypted) call ``check_members``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping

from headcount.errors import BadInput

KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30
# Ceilings per member name; the database copy is streamed to disk, never held in memory.
DEFAULT_LIMITS: dict[str, int] = {
    "manifest.json": 1 * MIB,
    "template-key.json": 64 * KIB,
    "erasures.jsonl": 64 * MIB,
    "headcount.db": 32 * GIB,
}
MAX_MEMBERS = 16


def check_members(zf: zipfile.ZipFile, limits: Mapping[str, int] | None = None) -> None:
    """BadInput unless every member is expected and within its size (as the directory
    says it will expand to)."""
    limits = DEFAULT_LIMITS if limits is None else limits
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bad(f"it holds {len(infos)} files", f"其中有 {len(infos)} 个文件")
    for info in infos:
        limit = limits.get(info.filename)
        if limit is None:
            raise _bad(f"it holds an unexpected file {info.filename!r}",
                       f"其中有意外的文件 {info.filename!r}")
        if info.file_size > limit:
            raise _bad(f"{info.filename} would expand to {info.file_size:,} bytes, too large "
                       f"(the limit is {limit:,})",
                       f"{info.filename} 解压后为 {info.file_size:,} 字节，过大"
                       f"（上限 {limit:,}）")


def _bad(en: str, zh: str) -> BadInput:
    return BadInput(f"This is not a Headcount backup that can be restored: {en}. Nothing was "
                    "read or changed.",
                    f"这不是可恢复的 Headcount 备份：{zh}。未读取也未更改任何内容。")
