"""Camera addresses: which stream schemes we open, and their passwords kept off screens.

A stream address may carry a password (``rtsp://user:pass@host/...``). Wherever a
person reads the settings it shows as ``rtsp://user:***@host/...``; an address given
back in that form keeps the password stored for it.
"""

from __future__ import annotations

from typing import Any

STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://")
MASK = "***"


def redact(source: Any) -> Any:
    """``rtsp://user:pass@host`` -> ``rtsp://user:***@host`` (alone or as a camera's
    ``{"source": ..., "mode": ...}``); anything else unchanged."""
    if isinstance(source, dict) and "source" in source:
        return {**source, "source": redact(source["source"])}
    if not isinstance(source, str):
        return source
    return redact_url(source)


def unredact(sources: list[Any], stored: list[Any]) -> list[Any]:
    """``sources`` with each redacted address replaced by the stored one it stands for
    (so a settings form that shows addresses redacted can save them unchanged)."""
    def address(s: Any) -> Any:
        return s.get("source") if isinstance(s, dict) else s

    originals = {redact(address(s)): address(s) for s in stored
                 if isinstance(address(s), str)}

    def back(s: Any) -> Any:
        a = address(s)
        if not (isinstance(a, str) and MASK in a and a in originals):
            return s
        return {**s, "source": originals[a]} if isinstance(s, dict) else originals[a]

    return [back(s) for s in sources]


def redact_url(url: str) -> str:
    """rtsp://user:secret@host/... -> rtsp://user:***@host/...: the one place a camera
    address is made printable (settings show, doctor, the window, messages, logs)."""
    scheme, sep, rest = str(url).partition("://")
    if not sep:
        return str(url)
    netloc, slash, path = rest.partition("/")
    userinfo, at, host = netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return str(url)
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}{slash}{path}"


def has_password(url: object) -> bool:
    return isinstance(url, str) and redact_url(url) != url
