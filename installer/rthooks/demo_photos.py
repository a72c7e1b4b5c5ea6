"""Bundle only: the demo station's two public-domain photos from resources/demo/.

``headcount.gui.demo`` reads them from scikit-image and matplotlib, which the bundle
leaves out (test-only, ~100 MB). build.sh copies the two files out of those packages
into the bundle; this hook points the demo's loaders at the copies when the module is
first imported. Remove it once headcount.gui.demo looks in resources/demo itself.
"""

import importlib.abc
import importlib.util
import os
import sys

_TARGET = "headcount.gui.demo"


def _photo(name):
    def load():
        import cv2
        import numpy as np

        path = os.path.join(sys._MEIPASS, "resources", "demo", name)
        bgr = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
        if bgr is None:
            raise FileNotFoundError(path)
        return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))

    return load


class _PatchDemo(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != _TARGET:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


class _Loader(importlib.abc.Loader):
    """Runs the real loader, then swaps in the two photo loaders."""

    def __init__(self, inner):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        module.astronaut = _photo("astronaut.png")
        module.grace_hopper = _photo("grace_hopper.jpg")


if os.path.isdir(os.path.join(sys._MEIPASS, "resources", "demo")):
    sys.meta_path.insert(0, _PatchDemo())
