"""System commands: ``doctor`` (self-check). See the installer issue."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    pass
