"""Camera addresses: which stream schemes we open, and their passwords kept off screens.

A stream address may carry a password (``rtsp://user:pass@host/...``). ``redact_url``
is how it is printed: ``rtsp://user:***@host/...``. The settings (store/settings.py)
store it sealed, show it only so, and take it back in that form keeping the password.
"""

from __future__ import annotations

STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://")


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
