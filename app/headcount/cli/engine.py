"""Engine commands: ``faces`` and ``bench``. Filled in by the engine work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    pass
