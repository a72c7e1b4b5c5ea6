"""GUI test fixtures: an in-memory station, demo templates, and a window factory.

Runs offscreen (tests/conftest.py sets QT_QPA_PLATFORM=offscreen). Nothing from
../shared: faces come from the public-domain photos scikit-image and matplotlib ship.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from headcount.gui.backend import User
from headcount.gui.memory_backend import MemoryBackend

ADMIN = User("admin", "admin")
OPERATOR = User("teacher", "operator")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["headcount-tests"]


@pytest.fixture(autouse=True)
def _english(qapp: Any) -> Iterator[None]:
    from headcount.gui.qt import ensure_cjk_font, set_language

    ensure_cjk_font(qapp)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def demo_templates() -> dict[str, np.ndarray]:
    """Templates of the two demo photos (number -> 128-D), computed once."""
    from headcount.gui.demo import demo_photos
    from headcount.vision.pipeline import FacePipeline

    out = {}
    with FacePipeline(mode="entrance", threads=1) as pipe:
        for number, photo in demo_photos().items():
            result = pipe.enrol_image(photo)
            assert result.ok, (number, result.reasons)
            out[number] = result.template
    return out


@pytest.fixture
def backend() -> MemoryBackend:
    """Ten demo people, a full notice, an open exam session (room 301) and room 302."""
    from headcount.gui.demo import build_demo_backend

    b: MemoryBackend = build_demo_backend("en")
    return b


@pytest.fixture
def enrolled(backend: MemoryBackend, demo_templates: dict[str, np.ndarray]) -> MemoryBackend:
    people = {p.number: p for p in backend.people()}
    for number, template in demo_templates.items():
        backend.enrol_template(people[number].id, template, user=ADMIN, source="test")
    from headcount.gui.demo import astronaut

    backend.set_reference(people["2025001"].id, astronaut())  # consent covers showing it
    return backend


def person(backend: MemoryBackend, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[..., Any]]:
    from headcount.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(backend: MemoryBackend, user: User = ADMIN, **kw: Any) -> MainWindow:
        w = MainWindow(backend, user, **kw)
        qtbot.addWidget(w)
        windows.append(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        w.confirm = lambda title, text: True  # type: ignore[method-assign]
        qtbot.waitUntil(lambda: w.session is not None, timeout=5000)
        return w

    yield make
    for w in windows:
        w.stop_feeds()
