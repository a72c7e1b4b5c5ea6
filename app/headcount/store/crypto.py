"""Templates encrypted at rest with AES-256-GCM; the key never goes into the database.

The key lives in the OS keyring (``keyring``) when a real backend exists, otherwise in a
key file outside the data folder (``<data folder>-keys/template.key``, mode 0600) with a
visible warning. A check value (an HMAC of a fixed label, not the key) is stored in the
database so a missing or wrong key is reported clearly instead of silently creating a
new one that would orphan every stored template.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from headcount.errors import HeadcountError
from headcount.i18n import Text

KEYRING_SERVICE = "Headcount"
TEMPLATE_DIM = 128
NONCE_BYTES = 12

KEY_FILE_WARNING = Text(
    "No OS keyring is available: the template key is kept in {path} (owner-only). "
    "Keep this file off backups that leave the school, and away from the data folder.",
    "没有可用的系统密钥环：模板密钥保存在 {path}（仅所有者可读）。"
    "请勿将该文件放入离开学校的备份，也不要与数据文件夹放在一起。",
)


class KeyMissing(HeadcountError):
    """The template key cannot be found or does not fit this station's database."""


def key_check(key: bytes) -> str:
    return hmac.new(key, b"headcount template key check v1", hashlib.sha256).hexdigest()[:32]


def audit_key(key: bytes) -> bytes:
    """The audit chain's HMAC key, derived from the template key: kept, backed up and
    moved with it, never stored (store/audit.py)."""
    return hmac.new(key, b"headcount audit chain key v1", hashlib.sha256).digest()


def usable_keyring() -> bool:
    """True when keyring has a real (non-fail, non-null) backend and it is not disabled."""
    if os.environ.get("HEADCOUNT_KEYRING", "1") == "0":
        return False
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:
        return False
    name = type(backend).__module__ + "." + type(backend).__name__
    if "fail" in name or "null" in name:
        return False
    return float(getattr(backend, "priority", 0) or 0) > 0


def default_key_dir(data_dir: Path) -> Path:
    env = os.environ.get("HEADCOUNT_KEY_DIR")
    if env:
        return Path(env)
    data_dir = Path(data_dir).resolve()
    return data_dir.parent / f"{data_dir.name}-keys"


@dataclass
class KeyStore:
    """Where one station's key lives: keyring entry ``station_id``, or a key file."""

    station_id: str
    key_dir: Path
    use_keyring: bool

    @property
    def key_file(self) -> Path:
        return self.key_dir / f"{self.station_id}.key"

    @property
    def location(self) -> str:
        return f"keyring:{KEYRING_SERVICE}/{self.station_id}" if self.use_keyring else str(
            self.key_file
        )

    def warning(self) -> Text | None:
        return None if self.use_keyring else KEY_FILE_WARNING

    def load(self) -> bytes | None:
        if self.use_keyring:
            import keyring

            try:  # a database moved to a PC without a keyring: "key missing", no traceback
                value = keyring.get_password(KEYRING_SERVICE, self.station_id)
                return bytes.fromhex(value) if value else None
            except Exception:
                return None
        try:
            return bytes.fromhex(self.key_file.read_text().strip())
        except FileNotFoundError:
            return None
        except ValueError:
            return None

    def create(self) -> bytes:
        return self.save(AESGCM.generate_key(bit_length=256))

    def save(self, key: bytes) -> bytes:
        """Store ``key`` (a new one, or one imported from a key backup). Never replaces
        an existing key file (O_EXCL): losing a key loses every template."""
        if self.use_keyring:
            import keyring

            keyring.set_password(KEYRING_SERVICE, self.station_id, key.hex())
            return key
        from headcount.store.private_files import make_private, private_folder

        private_folder(self.key_dir)  # 0700 (an owner-only ACL on Windows)
        # Create with 0600 from the start: no window where others could read it.
        fd = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex())
        make_private(self.key_file)  # Windows: the ACL (the mode above is POSIX only)
        return key


SEALED_PREFIX = "sealed:v1:"


def _text_key(key: bytes) -> bytes:
    """A key for setting secrets derived from the template key (HKDF): one key to keep,
    never the same key used for two purposes."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None,
                info=b"headcount setting secrets v1").derive(key)


def seal_text(key: bytes, text: str, shown: str) -> str:
    """``text`` encrypted (AES-GCM) as one string: ``sealed:v1:<base64>|<shown>``, where
    ``shown`` (e.g. the redacted camera address) can be printed without the key."""
    import base64

    nonce = secrets.token_bytes(NONCE_BYTES)
    blob = nonce + AESGCM(_text_key(key)).encrypt(nonce, text.encode(), b"headcount-setting")
    return f"{SEALED_PREFIX}{base64.urlsafe_b64encode(blob).decode()}|{shown}"


def sealed_shown(token: str) -> str:
    return token.partition("|")[2]


def open_text(key: bytes, token: str) -> str:
    import base64

    try:
        blob = base64.urlsafe_b64decode(token[len(SEALED_PREFIX):].partition("|")[0])
        return AESGCM(_text_key(key)).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:],
                                              b"headcount-setting").decode()
    except (InvalidTag, ValueError) as err:
        raise KeyMissing("A stored camera password does not decrypt with this station's key.",
                         "存储的摄像头密码无法用本工作站的密钥解密。") from err


class TemplateCipher:
    """Encrypts 128-D float32 templates; the person id is bound in as associated data."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @staticmethod
    def _aad(person_id: int) -> bytes:
        return f"headcount-template:{person_id}".encode()

    def encrypt(self, person_id: int, template: np.ndarray) -> bytes:
        vec = np.asarray(template, dtype="<f4").reshape(-1)
        if vec.shape != (TEMPLATE_DIM,) or not np.all(np.isfinite(vec)):
            raise ValueError(f"a template is {TEMPLATE_DIM} finite floats, got {vec.shape}")
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, vec.tobytes(), self._aad(person_id))

    def decrypt(self, person_id: int, blob: bytes) -> np.ndarray:
        try:
            raw = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], self._aad(person_id))
        except InvalidTag as err:
            raise KeyMissing(
                "A stored template does not decrypt with this key (wrong key or damaged data).",
                "存储的模板无法用此密钥解密（密钥错误或数据损坏）。",
            ) from err
        return np.frombuffer(raw, dtype="<f4").astype(np.float32)


def missing_key_error(location: str) -> KeyMissing:
    return KeyMissing(
        f"The template key is missing ({location}). Face enrolment and face check-in are "
        "unavailable; manual check-in still works. Restore the key from its backup; "
        "nothing was changed.",
        f"模板密钥缺失（{location}）。人脸登记和人脸签到不可用；人工核验仍可使用。"
        "请从备份恢复密钥；未做任何更改。",
    )


def wrong_key_error(location: str) -> KeyMissing:
    return KeyMissing(
        f"The template key at {location} does not belong to this station's database. "
        "Restore the right key; nothing was changed.",
        f"{location} 处的模板密钥不属于此工作站数据库。请恢复正确的密钥；未做任何更改。",
    )
