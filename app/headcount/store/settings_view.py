"""A read-only copy of name -> value settings, as an operation returns them.

``Station.show_settings``/``set_settings`` (the station's settings, camera passwords
masked: store/settings.py) and ``Station.preferences`` (a face's own, ``window.json``)
are key-value by nature: the names are a declarative table's (``settings.SETTINGS``)
or the face's own, so the result is this one small type rather than a dataclass with
a field per setting written out a second time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class SettingsView:
    values: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def as_dict(self) -> dict[str, Any]:
        """A plain copy (the command line's JSON, the window's merge)."""
        return dict(self.values)
