"""The base of a station operation's typed result (issue 10: no ``dict[str, Any]`` across
the facade): the window reads its attributes, the command line prints ``as_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data, field by field (nested dataclasses too)."""
        return asdict(self)
