"""Bundle tests build the PyInstaller bundle (about a minute here) and run it: they are
skipped unless asked for with HEADCOUNT_BUNDLE_TESTS=1 (what .ci/run sets when
installer/ or pyproject.toml changed) or ``pytest -m bundle``."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("HEADCOUNT_BUNDLE_TESTS") == "1" or "bundle" in (config.option.markexpr
                                                                       or ""):
        return
    skip = pytest.mark.skip(reason="bundle test: set HEADCOUNT_BUNDLE_TESTS=1 or use -m bundle")
    for item in items:
        if "bundle" in item.keywords:
            item.add_marker(skip)
