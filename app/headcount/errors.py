"""One exception root with narrow subclasses that carry a message a user can act on.

Each error holds its text in both languages; ``str(err)`` gives the current one.
The CLI turns ``BadInput``-like errors into exit code 2 and ``Refused`` into exit 1;
the GUI shows them in one place.
"""

from __future__ import annotations

from headcount.i18n import Text, language


class HeadcountError(Exception):
    """Root of every error Headcount reports to a user."""

    exit_code = 2

    def __init__(self, en: str, zh: str | None = None) -> None:
        self.text = Text(en, zh if zh is not None else en)
        super().__init__(en)

    def __str__(self) -> str:
        return self.text.zh if language() == "zh" else self.text.en


class BadInput(HeadcountError):
    """The input (file, image, argument) cannot be used; nothing was changed."""


class SourceError(HeadcountError):
    """A frame source (camera, stream, video, image) could not be opened or was lost."""


class ModelError(HeadcountError):
    """A bundled model file is missing or damaged."""


class Refused(HeadcountError):
    """A rule forbids the action (consent missing, wrong role, ...); nothing was changed."""

    exit_code = 1
