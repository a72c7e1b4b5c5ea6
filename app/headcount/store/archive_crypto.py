"""The backup file: a ZIP with a manifest, encrypted as a whole with the passphrase (C10).

Since 0.2 a backup file is not a readable ZIP: the ZIP (database copy, sealed key,
erasure ledger, manifest) is encrypted as a whole, so nothing in it (names, birth
dates, password hashes, the ledger) can be read without the passphrase.

Layout: the line ``MAGIC``, one JSON header line (format, scrypt parameters and salt,
nonce prefix, chunk size), then the ZIP in chunks of ``CHUNK`` bytes, each sealed with
AES-256-GCM under a key derived from the passphrase with scrypt. Chunk ``i`` uses the
nonce prefix + ``i`` and authenticates the header and whether it is the last chunk, so
chunks cannot be reordered, dropped or cut off unnoticed (a streamed construction: a
large database never has to fit in memory at once).

Backups made by 0.1.0 are plain ZIP files; ``is_encrypted`` tells them apart, and a
restore of one still works with a warning (store/backup.py).
"""

from __future__ import annotations

import json
import secrets
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.store import archive_limits
from headcount.store.key_backup import SCRYPT_N, SCRYPT_P, SCRYPT_R, derive

ZIP_FORMAT = "headcount-backup/1"  # the manifest's format: the ZIP inside, as in 0.1.0
MANIFEST, DB_MEMBER, KEY_MEMBER = "manifest.json", "headcount.db", "template-key.json"
LEDGER_MEMBER = "erasures.jsonl"
MAGIC = b"HEADCOUNT-BACKUP/2\n"
FORMAT = "headcount-backup-encrypted/1"
CHUNK = 1 << 20
TAG = 16
_MAX_HEADER = 4096


def is_encrypted(path: Path | str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _nonce(prefix: bytes, i: int) -> bytes:
    return prefix + i.to_bytes(4, "big")


def _aad(header: bytes, last: bool) -> bytes:
    return header + (b"\x01" if last else b"\x00")


def encrypt_file(src: Path, dst: Path, passphrase: str) -> None:
    """Write ``src`` encrypted to ``dst`` (a new file, owner-only)."""
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    header = json.dumps({"format": FORMAT, "kdf": {"name": "scrypt", "n": SCRYPT_N,
                                                   "r": SCRYPT_R, "p": SCRYPT_P,
                                                   "salt": salt.hex()},
                         "cipher": "AES-256-GCM", "nonce_prefix": prefix.hex(),
                         "chunk": CHUNK}, sort_keys=True).encode()
    aead = AESGCM(derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        dst.chmod(0o600)
        fout.write(MAGIC + header + b"\n")
        i, block = 0, fin.read(CHUNK)
        while True:
            nxt = fin.read(CHUNK)
            last = not nxt
            fout.write(aead.encrypt(_nonce(prefix, i), block, _aad(header, last)))
            if last:
                break
            i, block = i + 1, nxt


def _not_a_backup(path: Path | str) -> BadInput:
    return BadInput(f"{path} is not a Headcount backup (or it is damaged).",
                    f"{path} 不是 Headcount 备份文件（或已损坏）。")


def _header(fh: BinaryIO, path: Path | str) -> tuple[bytes, dict[str, Any]]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise _not_a_backup(path)
    header = fh.readline(_MAX_HEADER).rstrip(b"\n")
    try:
        doc = json.loads(header)
        kdf = doc["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if doc["format"] != FORMAT or kdf["name"] != "scrypt" or not (
                2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16) or \
                not 1024 <= int(doc["chunk"]) <= 1 << 24:  # no memory bombs
            raise ValueError("header")
        bytes.fromhex(kdf["salt"]), bytes.fromhex(doc["nonce_prefix"])
    except (ValueError, KeyError, TypeError) as err:
        raise _not_a_backup(path) from err
    return header, doc


def decrypt_file(src: Path | str, dst: Path, passphrase: str) -> None:
    """Write the ZIP inside ``src`` to ``dst`` (owner-only). Refused for a wrong
    passphrase (checked on the first chunk, before anything large is written)."""
    with open(src, "rb") as fin:
        header, doc = _header(fin, src)
        kdf = doc["kdf"]
        aead = AESGCM(derive(passphrase, bytes.fromhex(kdf["salt"]), int(kdf["n"]),
                             int(kdf["r"]), int(kdf["p"])))
        prefix, size = bytes.fromhex(doc["nonce_prefix"]), int(doc["chunk"]) + TAG
        with open(dst, "xb") as fout:
            dst.chmod(0o600)
            i, block = 0, fin.read(size)
            while True:
                nxt = fin.read(size)
                last = not nxt
                try:
                    fout.write(aead.decrypt(_nonce(prefix, i), block, _aad(header, last)))
                except InvalidTag as err:
                    if i == 0:
                        raise Refused(
                            "Wrong passphrase for this backup (or the file was altered). "
                            "Nothing was changed; type the passphrase given when it was made.",
                            "备份的口令错误（或文件被改动）。未做任何更改；"
                            "请输入制作备份时设定的口令。") from err
                    raise BadInput("The backup is damaged or was altered (part "
                                   f"{i + 1} does not decrypt).",
                                   f"备份已损坏或被改动（第 {i + 1} 部分无法解密）。") from err
                if last:
                    return
                i, block = i + 1, nxt


OLD_FORMAT = Text(
    "This backup was made by Headcount 0.1.0 and is not encrypted as a whole: anyone "
    "with the file can read the roster and password hashes in it. It was restored; "
    "make a new backup now and destroy the old file.",
    "此备份由 Headcount 0.1.0 制作，未整体加密：拿到文件的人可读取其中的名单和密码散列值。"
    "已完成恢复；请立即制作新备份并销毁旧文件。")


def open_archive(archive: Path | str, passphrase: str, work: Path
                 ) -> tuple[zipfile.ZipFile, dict[str, Any], Text | None]:
    """The ZIP inside a backup (decrypted into ``work``, an owner-only temporary folder),
    its manifest, and a warning for an old unencrypted backup."""
    if not is_encrypted(archive):
        zf, manifest = _read_archive(archive)
        return zf, manifest, OLD_FORMAT
    try:
        inner = work / "archive.zip"
        decrypt_file(archive, inner, passphrase)
    except OSError as err:
        raise BadInput(f"Cannot read {archive}: {err.strerror or err}.",
                       f"无法读取 {archive}：{err.strerror or err}。") from err
    zf, manifest = _read_archive(inner, archive)
    return zf, manifest, None


def _read_archive(archive: Path | str, shown: Path | str | None = None
                  ) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    archive, shown = Path(archive), shown or archive
    try:
        zf = zipfile.ZipFile(archive)
        archive_limits.check_members(zf)  # from the directory, before reading anything
        manifest = json.loads(zf.read(MANIFEST))
        if not isinstance(manifest, dict):
            raise ValueError("manifest")
        if manifest.get("format") != ZIP_FORMAT or \
                not {DB_MEMBER, KEY_MEMBER} <= set(zf.namelist()):
            raise ValueError(manifest.get("format"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise BadInput(f"{shown} is not a Headcount backup (or it is damaged).",
                       f"{shown} 不是 Headcount 备份文件（或已损坏）。") from err
    return zf, manifest
