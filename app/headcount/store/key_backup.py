"""A station's template key, sealed with a passphrase for backup and for moving the
station to a new PC (``headcount key export`` / ``key import``; inside every backup).

The passphrase (typed by an administrator, never stored) goes through scrypt to a
256-bit key that encrypts the template key with AES-256-GCM. The station id and the
key's check value are bound in as associated data, so the file cannot be swapped onto
another station unnoticed. The sealed file alone yields nothing without the passphrase,
and the database alone yields no template without the key (C10).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from headcount.errors import BadInput, Refused
from headcount.store.crypto import key_check
from headcount.store.migrations import now_iso

FORMAT = "headcount-key/1"
MIN_PASSPHRASE = 8
# 2**15 x 8 x 128 bytes = 32 MiB and about 0.1 s per try: cheap once, costly to guess.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


@dataclass(frozen=True)
class SealedKey:
    station_id: str
    key: bytes


def derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(station_id: str, check: str) -> bytes:
    return f"{FORMAT}:{station_id}:{check}".encode()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"The passphrase needs at least {MIN_PASSPHRASE} characters.",
                       f"口令至少需要 {MIN_PASSPHRASE} 个字符。")


def seal(key: bytes, station_id: str, passphrase: str) -> bytes:
    """The key file's bytes (JSON): the key encrypted under the passphrase."""
    check_passphrase(passphrase)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    check = key_check(key)
    wrapped = AESGCM(derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, key, _aad(station_id, check))
    b64 = base64.b64encode
    return json.dumps({
        "format": FORMAT, "station_id": station_id, "key_check": check,
        "created_at": now_iso(),
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                "salt": b64(salt).decode()},
        "cipher": "AES-256-GCM", "nonce": b64(nonce).decode(),
        "ciphertext": b64(wrapped).decode(),
    }, indent=1).encode()


def unseal(data: bytes, passphrase: str) -> SealedKey:
    """The key inside a key file; Refused for a wrong passphrase, BadInput for a file
    that is not a Headcount key file."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(doc.get("format"))
        kdf = doc["kdf"]
        if kdf["name"] != "scrypt":
            raise ValueError(kdf["name"])
        salt, nonce = base64.b64decode(kdf["salt"]), base64.b64decode(doc["nonce"])
        wrapped = base64.b64decode(doc["ciphertext"])
        station_id, check = str(doc["station_id"]), str(doc["key_check"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        # No memory bombs: scrypt takes 128 x n x r bytes (at most 256 MiB here; the
        # files Headcount writes take 32 MiB); n must be a power of two.
        if not (n >= 2 and n & (n - 1) == 0 and 1 <= r <= 32 and 128 * n * r <= 256 << 20
                and 1 <= p <= 16):
            raise ValueError("kdf parameters")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as err:
        raise BadInput("This is not a Headcount key file (or it is damaged).",
                       "这不是 Headcount 密钥文件（或已损坏）。") from err
    try:
        key = AESGCM(derive(passphrase, salt, n, r, p)).decrypt(
            nonce, wrapped, _aad(station_id, check))
    except InvalidTag as err:
        raise Refused("Wrong passphrase for this key file (or the file was altered). "
                      "Nothing was changed; type the passphrase given when it was made.",
                      "密钥文件的口令错误（或文件被改动）。未做任何更改；"
                      "请输入生成该文件时设定的口令。") from err
    if key_check(key) != check:
        raise BadInput("The key file is damaged.", "密钥文件已损坏。")
    return SealedKey(station_id, key)
