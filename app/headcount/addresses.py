"""Camera addresses: which stream schemes we open, and their passwords kept off screens.

A stream address may carry a password (``rtsp://user:pass@host/...``). Wherever a
person reads the settings it shows as ``rtsp://user:***@host/...``; an address given
back in that form keeps the password stored for it.
"""

from __future__ import annotations

import re
from typing import Any

STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://")
MASK = "***"
# scheme://user:password@ — the password is everything between the first ':' after the
# user and the last '@' before the host.
_CREDENTIALS = re.compile(r"^(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)(?P<pw>[^/]*)@")


def redact(source: Any) -> Any:
    """``rtsp://user:pass@host`` -> ``rtsp://user:***@host`` (alone or as a camera's
    ``{"source": ..., "mode": ...}``); anything else unchanged."""
    if isinstance(source, dict) and "source" in source:
        return {**source, "source": redact(source["source"])}
    if not isinstance(source, str):
        return source
    return _CREDENTIALS.sub(lambda m: f"{m['head']}{MASK}@", source, count=1)


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
