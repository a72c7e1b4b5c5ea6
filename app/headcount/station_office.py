"""The exam office link, a part of ``Station`` (issue 14): events only leave the station
through the outbox (office/outbox.py), sent by the window's own thread or ``sync``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.roles import require

if TYPE_CHECKING:
    import sqlite_utils

    from headcount.office.link import LinkLoop
    from headcount.office.outbox import Linked, Synced, Unlinked
    from headcount.store.audit import AuditLog
    from headcount.store.users import User


class OfficeLink:
    """Mixed into ``Station``: the parts it uses are the station's."""

    db: sqlite_utils.Database
    audit: AuditLog
    data_dir: Path
    _key_bytes: Callable[[], bytes]

    def link_office(self, actor: User, dsn: str) -> Linked:
        from headcount.office import outbox

        require(actor, "office.link")
        result = outbox.link(self.db, self._key_bytes(), dsn)
        self.audit.record(actor.name, "office_link", result.station, {})
        return result

    def unlink_office(self, actor: User) -> Unlinked:
        from headcount.office import outbox

        require(actor, "office.link")
        result = outbox.unlink(self.db)
        self.audit.record(actor.name, "office_unlink", "", {})
        return result

    def sync_office(self) -> Synced:
        from headcount.office import outbox

        return outbox.sync(self.db, self._key_bytes())

    def office_link_loop(self, **options: Any) -> LinkLoop:
        """The window's background sync (office/link.py): it opens its own connection
        on its own thread, so it takes the folder and the key, not this connection."""
        from headcount.office.link import LinkLoop

        return LinkLoop(self.data_dir, self._key_bytes(), **options)
