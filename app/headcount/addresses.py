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
    """``rtsp://user:pass@host`` -> ``rtsp://user:***@host``; anything else unchanged."""
    if not isinstance(source, str):
        return source
    return _CREDENTIALS.sub(lambda m: f"{m['head']}{MASK}@", source, count=1)


def unredact(sources: list[Any], stored: list[Any]) -> list[Any]:
    """``sources`` with each redacted address replaced by the stored one it stands for
    (so a settings form that shows addresses redacted can save them unchanged)."""
    originals = {redact(s): s for s in stored if isinstance(s, str)}
    return [originals.get(s, s) if isinstance(s, str) and MASK in s else s for s in sources]
