"""The filing count across a school's stations (Measures art. 15: 100,000 people per
processor, the school, not per PC).

Until stations share a school server, each station signs its own count
(``headcount filing status --signed-out FILE``) and an administrator imports the other
stations' files (``headcount filing import FILE``); the filing warning then uses the sum.
The signature is Ed25519 with a key derived from the station's template key, so a file
edited on the way (a count lowered by hand) is refused. The first file from a station
fixes its public key; a later file from the same station with another key is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from headcount.errors import BadInput, Refused
from headcount.results import Result
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.users import User

OTHERS_KEY = "filing_other_stations"  # meta: station id -> its last imported count
KIND = "headcount-filing-count"


@dataclass(frozen=True)
class SignedCount(Result):
    """A station's own count, signed; ``as_dict`` is the file another station imports."""

    kind: str
    station_id: str
    school: str
    credit_code: str
    people_with_facial_data: int
    at: str
    public_key: str
    signature: str



@dataclass(frozen=True)
class ImportedCount(Result):
    """Another station's count, now part of the school's total."""

    station_id: str
    people_with_facial_data: int
    stations_imported: int
    school_total_others: int



def _signing_key(template_key: bytes) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"headcount filing count signature").derive(template_key)
    return Ed25519PrivateKey.from_private_bytes(seed)


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign_count(template_key: bytes, *, station_id: str, school: str, credit_code: str,
               count: int) -> SignedCount:
    """This station's own count, signed (only its own: imported counts are not re-signed,
    so a sum is never counted twice)."""
    key = _signing_key(template_key)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    unsigned = SignedCount(KIND, station_id, school, credit_code, int(count),
                           dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), public, "")
    body = {k: v for k, v in unsigned.as_dict().items() if k != "signature"}
    return dataclasses.replace(unsigned, signature=key.sign(_canonical(body)).hex())


def verify(data: Any) -> dict[str, Any]:
    """The body of a signed count, or BadInput when it is not one or was altered."""
    try:
        body = {k: v for k, v in data.items() if k != "signature"}
        if body.get("kind") != KIND or not isinstance(body["people_with_facial_data"], int):
            raise ValueError
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(body["public_key"])).verify(
            bytes.fromhex(data["signature"]), _canonical(body))
    except (AttributeError, KeyError, TypeError, ValueError, InvalidSignature) as exc:
        raise BadInput(
            "Not a signed filing count from `headcount filing status --signed-out`, or it "
            "was changed after signing.",
            "不是由 `headcount filing status --signed-out` 生成的已签名备案人数文件，或签名后"
            "被修改。") from exc
    return body


class SchoolCounts:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, station_id: str) -> None:
        self.db, self.audit, self.station_id = db, audit, station_id

    def others(self) -> dict[str, dict[str, Any]]:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [OTHERS_KEY]).fetchone()
        return json.loads(row[0]) if row else {}

    def total_others(self) -> int:
        return sum(int(v["people_with_facial_data"]) for v in self.others().values())

    def import_count(self, actor: User, data: Any) -> ImportedCount:
        """Add or update another station's signed count (admin; audited)."""
        require(actor, "filing.import")
        body = verify(data)
        sid = str(body["station_id"])
        if sid == self.station_id:
            raise Refused("That is this station's own count; import the other stations'.",
                          "这是本工作站自己的人数；请导入其他工作站的人数。")
        others = self.others()
        known = others.get(sid)
        if known and known["public_key"] != body["public_key"]:
            raise Refused(
                f"Station {sid[:8]} signed its earlier count with another key: this file "
                "is not from the same station.",
                f"工作站 {sid[:8]} 之前的人数以另一密钥签名：此文件并非来自同一工作站。")
        if known and known["at"] > body["at"]:
            raise Refused(f"A newer count of station {sid[:8]} ({known['at']}) is already in.",
                          f"已导入工作站 {sid[:8]} 更新的人数（{known['at']}）。")
        others[sid] = body
        with atomic(self.db):
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            [OTHERS_KEY, json.dumps(others, ensure_ascii=False)])
            self.audit.record(actor.name, "filing_import", sid,
                              {"people": body["people_with_facial_data"], "at": body["at"]})
        return ImportedCount(sid, int(body["people_with_facial_data"]), len(others),
                             self.total_others())
