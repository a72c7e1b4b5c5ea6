"""Station settings declared as data: type, default, description, check.

Values are stored as JSON in the ``settings`` table. Loading validates every value and
collects all problems into one error, so a damaged configuration is reported in full
rather than one field at a time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.addresses import STREAM_SCHEMES, has_password, redact_url
from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.matching.threshold import ROSTER, TARGET
from headcount.store.crypto import SEALED_PREFIX, open_text, seal_text, sealed_shown
from headcount.store.db import atomic

Check = Callable[[Any], str | None]


def _int_range(lo: int, hi: int) -> Check:
    def check(v: Any) -> str | None:
        if isinstance(v, bool) or not isinstance(v, int):
            return "must be a whole number"
        return None if lo <= v <= hi else f"must be between {lo} and {hi}"
    return check


def _float_range(lo: float, hi: float) -> Check:
    def check(v: Any) -> str | None:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return "must be a number"
        return None if lo <= v <= hi else f"must be between {lo} and {hi}"
    return check


def _mapping(v: Any) -> str | None:
    return None if isinstance(v, dict) else "must be a JSON object"


def _text(v: Any) -> str | None:
    return None if isinstance(v, str) else "must be text"


def _languages(v: Any) -> str | None:
    if not isinstance(v, list) or not v or any(x not in ("zh", "en") for x in v):
        return "must be a non-empty list of 'zh' and/or 'en'"
    return None


def _match_threshold(v: Any) -> str | None:
    if v == "auto":
        return None
    problem = _float_range(0.1, 1.5)(v)
    return None if problem is None else "must be 'auto' or a number between 0.1 and 1.5"


def _match_rule(v: Any) -> str | None:
    return None if v in ("gap", "plain") else "must be 'gap' or 'plain'"


def _language(v: Any) -> str | None:
    return None if v in ("zh", "en") else "must be 'zh' or 'en'"


# GB 32100-2015: the unified social credit code (统一社会信用代码), 18 characters from
# this alphabet, the last a check character over the first 17.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_code(v: Any) -> str | None:
    """'' (not yet given) or a valid unified social credit code."""
    if not isinstance(v, str):
        return "must be text"
    if not v:
        return None
    if len(v) != 18 or any(c not in CREDIT_ALPHABET for c in v):
        return ("must be the 18-character unified social credit code (digits and capital "
                "letters without I, O, S, V, Z)")
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(v, CREDIT_WEIGHTS, strict=False))
    if CREDIT_ALPHABET[(31 - total % 31) % 31] != v[17]:
        return f"{v}: the check character is wrong (a mistyped code)"
    return None
LOGO_SUFFIXES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
MAX_LOGO_BYTES = 2 * 2**20


CAMERA_MODES = ("entrance", "classroom")  # as vision.pipeline.MODES


def camera_list(v: list[Any]) -> list[tuple[int | str, str]]:
    """The ``cameras`` setting as (source, mode) pairs. An item is a source (camera
    number, URL or video path: an entrance desk) or ``{"source": S, "mode": M}`` with
    M "entrance" (one person at a time, near faces) or "classroom" (every face of a
    room, for a roll call)."""
    out: list[tuple[int | str, str]] = []
    for item in v:
        if isinstance(item, dict):
            out.append((item.get("source", ""), str(item.get("mode", "entrance"))))
        else:
            out.append((item, "entrance"))
    return out


def _cameras(v: Any) -> str | None:
    """A list of frame sources: camera index (0, 1, ...), stream URL, or video path,
    each alone (an entrance desk) or as {"source": ..., "mode": "entrance"|"classroom"}."""
    if not isinstance(v, list) or len(v) > 16:
        return "must be a list of at most 16 sources (camera number, URL or video path)"
    for raw in v:
        if isinstance(raw, dict):
            if set(raw) - {"source", "mode"} or "source" not in raw:
                return f"{raw!r}: a camera is {{\"source\": ..., \"mode\": ...}}"
            if raw.get("mode", "entrance") not in CAMERA_MODES:
                return f"{raw.get('mode')!r}: the mode is 'entrance' or 'classroom'"
            item = raw["source"]
        else:
            item = raw
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            return f"{item!r} is not a camera number, URL or video path"
        if isinstance(item, int) and not 0 <= item <= 63:
            return f"camera number {item} must be between 0 and 63"
        if isinstance(item, str) and (not item.strip() or len(item) > (
                4096 if item.startswith(SEALED_PREFIX) else 1024)):
            return "a source must be a non-empty camera number, URL or path"
    return None


def _cameras_exist(v: list[Any]) -> str | None:
    """When changed: a path must name an existing video file (a camera or a stream is
    only known to work when it is opened)."""
    for item, _mode in camera_list(v):
        text = str(item).strip()
        if isinstance(item, int) or text.isdigit() or text.lower().startswith(STREAM_SCHEMES):
            continue
        if text.startswith("demo:"):  # the generated demo feeds
            continue
        if "://" in text:
            return f"{text}: only rtsp://, rtmp:// and http(s):// addresses are supported"
        if not Path(text).expanduser().is_file():
            return f"{text}: no such video file"
    return None


PLACEMENT_KEYS = ("camera", "location", "checked_by", "checked_on")


def _placements(v: Any) -> str | None:
    """Where each camera is and who checked it against the placement guide (C13):
    a list of {"camera", "location", "checked_by", "checked_on": "YYYY-MM-DD"}."""
    if not isinstance(v, list) or len(v) > 64:
        return "must be a list of at most 64 camera placements"
    for item in v:
        if not isinstance(item, dict) or set(item) - set(PLACEMENT_KEYS):
            return f"{item!r}: each placement has only {', '.join(PLACEMENT_KEYS)}"
        if not all(isinstance(item.get(k, ""), str) and len(item.get(k, "")) <= 300
                   for k in PLACEMENT_KEYS):
            return f"{item!r}: the values are text"
        if not str(item.get("camera", "")).strip() or not str(item.get("location", "")).strip():
            return "each placement names its camera and its location"
        try:
            if item.get("checked_on"):
                dt.date.fromisoformat(item["checked_on"])
        except ValueError:
            return f"{item['checked_on']!r} is not a date like 2025-09-01"
    return None


def _logo(v: Any) -> str | None:
    return None if isinstance(v, str) and len(v) <= 4096 else "must be the path of an image"


def _logo_readable(v: str) -> str | None:
    """When changed: an existing PNG or JPEG file of at most 2 MB ('' removes the logo)."""
    if not v:
        return None
    path = Path(v).expanduser()
    magic = LOGO_SUFFIXES.get(path.suffix.lower())
    if magic is None:
        return f"{v}: the logo must be a .png or .jpg file"
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return f"{v}: no such readable file"
    if size > MAX_LOGO_BYTES:
        return f"{v}: the logo is larger than 2 MB"
    if not head.startswith(magic):
        return f"{v}: not a {path.suffix.lower()[1:].upper()} image"
    return None


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    text: Text
    check: Check
    # Extra checks only when a value is being set (files that must exist now; a
    # stored value whose file later went missing must not stop the station opening).
    check_new: Check | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("school_name", "", Text("School (personal information processor)",
                                    "学校（个人信息处理者）"), _text),
    Setting("school_contact", "", Text("School contact for personal information",
                                       "个人信息联系方式"), _text),
    Setting("school_credit_code", "", Text(
        "The school's unified social credit code, printed on the filing and the impact "
        "assessment", "学校的统一社会信用代码（印在备案材料和影响评估报告上）"), _credit_code),
    Setting("station_name", "", Text("Name of this station", "本工作站名称"), _text),
    Setting("purpose", "Identity check at exam entry and classroom attendance",
            Text("Purpose of processing", "处理目的"), _text),
    Setting("retention_left_days", 30, Text(
        "Days a person's templates are kept after they leave", "人员离校后模板保留天数"),
        _int_range(0, 3650)),
    # Measures art. 8: a template not used is not kept (default: 30 days after the last
    # session the person was on, or their enrolment).
    Setting("retention_unused_days", 30, Text(
        "Days a person's templates are kept after the last session they were on",
        "人员最后一次参加场次后模板保留天数"), _int_range(1, 3650)),
    Setting("retention_attendance_days", 365, Text(
        "Days attendance of an ended session is kept", "已结束场次的考勤保留天数"),
        _int_range(1, 3650)),
    # C11: processing records are kept at least 3 years.
    Setting("retention_audit_days", 1096, Text(
        "Days the audit log is kept (at least 3 years)", "审计日志保留天数（至少3年）"),
        _int_range(1096, 36500)),
    Setting("age_of_consent", 14, Text(
        "Age from which a person consents for themself", "可自行同意的年龄"), _int_range(14, 18)),
    # "auto": the station's estimate for match_rule (Station.estimate_threshold, from the
    # target below; LFW's until enough people are enrolled); a number overrides it.
    Setting("match_threshold", "auto", Text(
        "The threshold the match rule's score is compared with: 'auto' (the station's "
        "estimate for the target below, renewed after every enrolment batch) or a number "
        "set by an administrator",
        "匹配规则的得分所比较的阈值：'auto'（工作站按下述目标估计，每批登记后更新）"
        "或由管理员设定的数值"),
        _match_threshold),
    Setting("match_rule", "gap", Text(
        "Match rule: 'gap' (distance less half the lead over the next person, as measured "
        "best) or 'plain' (distance alone)",
        "匹配规则：'gap'（距离减去领先第二名差距的一半，实测最佳）或 'plain'（仅用距离）"),
        _match_rule),
    Setting("match_target", TARGET, Text(
        "Largest share of searches in which a stranger may be proposed as someone on the list",
        "陌生人在识别中被误认为名单上某人的最大比例"), _float_range(0.0001, 0.2)),
    Setting("match_roster_size", ROSTER, Text(
        "People on the list the target refers to (one exam room)",
        "目标所指的名单人数（一个考场）"), _int_range(2, 10000)),
    Setting("match_threshold_estimate", {}, Text(
        "How the match threshold was last estimated", "匹配阈值的最近一次估计"), _mapping),
    Setting("duplicate_threshold", 0.45, Text(
        "Distance below which two people's templates are flagged for review",
        "两人模板距离低于此值时标记复核"), _float_range(0.05, 1.5)),
    Setting("late_minutes", 15, Text(
        "Minutes after the start when arrivals count as late", "开始后多少分钟算迟到"),
        _int_range(0, 600)),
    Setting("languages", ["zh", "en"], Text("Languages", "语言"), _languages),
    Setting("default_language", "zh", Text("Default language", "默认语言"), _language),
    Setting("filing_warning", 80000, Text(
        "People with facial data at which to warn about filing (C12)",
        "提示备案的人脸数据人数（C12）"), _int_range(1, 100000)),
    Setting("lockout_attempts", 5, Text(
        "Failed sign-ins before an account is locked", "账号锁定前允许的失败次数"),
        _int_range(1, 100)),
    Setting("lockout_minutes", 15, Text("Minutes an account stays locked", "账号锁定分钟数"),
            _int_range(1, 1440)),
    Setting("cameras", [], Text(
        "Frame sources of this station: camera number, rtsp:// or http:// address, or video "
        "file; each an entrance desk, or {\"source\": ..., \"mode\": \"classroom\"} for a "
        "classroom camera (roll call)",
        "本工作站的画面来源：摄像头编号、rtsp:// 或 http:// 地址、视频文件；默认为入口核验，"
        "{\"source\": ..., \"mode\": \"classroom\"} 为教室摄像头（课堂点名）"),
        _cameras, _cameras_exist),
    Setting("camera_placements", [], Text(
        "Where each camera is installed, who checked it against the placement guide, and "
        "when (C13)", "各摄像头的安装位置、核查人及核查日期（C13）"), _placements),
    Setting("school_logo", "", Text(
        "School logo printed on slips and reports (PNG or JPEG, at most 2 MB)",
        "印在告知单和报表上的学校标志（PNG 或 JPEG，不超过 2 MB）"), _logo, _logo_readable),
)
BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """Read and change settings: ``settings["age_of_consent"]``, ``settings.set(...)``."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._values: dict[str, Any] = {}
        # The template key (set by Station): camera addresses with a password are stored
        # sealed with a key derived from it, never in clear.
        self.key: Callable[[], bytes] | None = None
        self.reload()

    def reload(self) -> None:
        stored = {r[0]: r[1] for r in self.db.execute("SELECT key, value FROM settings")}
        values: dict[str, Any] = {}
        errors: list[str] = []
        for s in SETTINGS:
            if s.name not in stored:
                values[s.name] = s.default
                continue
            try:
                v = json.loads(stored[s.name])
            except ValueError:
                errors.append(f"{s.name}: not valid JSON")
                continue
            problem = s.check(v)
            if problem:
                errors.append(f"{s.name}: {problem}")
            values[s.name] = v
        if errors:
            raise BadInput(
                "The station settings are invalid: " + "; ".join(errors),
                "工作站设置无效：" + "；".join(errors),
            )
        self._values = values

    def __getitem__(self, name: str) -> Any:
        if name == "cameras":  # as they may be printed: passwords masked
            return _shown(self._values[name])
        return self._values[name]

    def as_dict(self) -> dict[str, Any]:
        """Every value as it may be printed: camera passwords redacted."""
        return {**self._values, "cameras": self["cameras"]}

    def camera_sources(self) -> list[Any]:
        """The cameras as they are opened (passwords decrypted). One that cannot be
        decrypted (key missing) is left out, named in the log without its password."""
        import logging

        out = []
        for c in self._values["cameras"]:
            source = str(c.get("source") if isinstance(c, dict) else c)
            if not _sealed(source):
                out.append(c)
                continue
            try:
                if self.key is None:
                    raise ValueError("no key")
                opened = open_text(self.key(), source)
                out.append({**c, "source": opened} if isinstance(c, dict) else opened)
            except Exception:
                logging.getLogger(__name__).warning(
                    "camera %s skipped: its password cannot be decrypted", sealed_shown(source))
        return out

    def _seal_cameras(self, cameras: list[Any]) -> list[Any]:
        """Addresses with a password sealed; a redacted address given back (the settings
        dialog shows them so) keeps the stored secret it stands for, sealed if an older
        station stored it in clear."""
        stored: dict[str, str] = {}
        for c in self._values.get("cameras", []):
            source = str(c.get("source") if isinstance(c, dict) else c)
            if _sealed(source):
                stored[sealed_shown(source)] = source
            elif has_password(source):
                stored[redact_url(source)] = source

        def seal(value: Any) -> Any:
            if isinstance(value, str) and value in stored:
                value = stored[value]
                if _sealed(value):
                    return value
            if has_password(value):
                if self.key is None:
                    raise BadInput("A camera password can only be stored with the "
                                   "station's key.", "只有在工作站密钥可用时才能保存摄像头密码。")
                return seal_text(self.key(), value, redact_url(value))
            return value

        return [_with_source(c, seal) for c in cameras]

    @staticmethod
    def validate(changes: dict[str, Any]) -> dict[str, Any]:
        """Check every change; all problems are reported together."""
        errors = []
        for name, value in changes.items():
            s = BY_NAME.get(name)
            if s is None:
                errors.append(f"{name}: unknown setting")
                continue
            problem = s.check(value) or (s.check_new(value) if s.check_new else None)
            if problem:
                errors.append(f"{name}: {problem}")
        if errors:
            raise BadInput("Invalid settings: " + "; ".join(errors),
                           "设置无效：" + "；".join(errors))
        return changes

    def write(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Store validated changes; returns them as they may be printed (camera
        passwords masked), for the caller's audit row (Station.set_settings)."""
        self.validate(changes)
        if changes.get("school_logo"):  # an absolute path: the CLI may run from anywhere
            changes = {**changes, "school_logo": str(
                Path(changes["school_logo"]).expanduser().resolve())}
        if "cameras" in changes:
            changes = {**changes, "cameras": self._seal_cameras(changes["cameras"])}
        with atomic(self.db):
            for name, value in changes.items():
                self.db.table("settings").upsert(
                    {"key": name, "value": json.dumps(value, ensure_ascii=False)}, pk="key"
                )
        self._values.update(changes)
        return {**changes, "cameras": _shown(changes["cameras"])} if "cameras" in changes \
            else changes


def _shown(cameras: list[Any]) -> list[Any]:
    """Cameras as a person may read them: sealed or clear, a password shows as ***."""
    def shown(v: Any) -> Any:
        if _sealed(v):
            return sealed_shown(v)
        return redact_url(v) if isinstance(v, str) else v

    return [_with_source(c, shown) for c in cameras]


def _sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def _with_source(camera: Any, change: Callable[[Any], Any]) -> Any:
    """A camera entry (a bare source, or {"source", "mode"}) with its source changed."""
    if isinstance(camera, dict):
        return {**camera, "source": change(camera.get("source"))}
    return change(camera)
