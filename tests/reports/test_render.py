"""Pages rasterise (poppler) and carry ink where text should be; skipped without pdftoppm."""

import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from headcount.reports import entrance_sign, samples


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_sign_rasterises_with_ink(tmp_path) -> None:
    pdf = entrance_sign(samples.NOTICE, samples.SCHOOL, lang="zh").save(tmp_path / "sign.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "p")], check=True,
                   capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("p*.png"))
    assert len(pages) == 1
    gray = np.asarray(Image.open(pages[0]).convert("L"))
    assert gray.shape[0] > gray.shape[1]  # portrait A4
    ink = (gray < 128).mean()
    assert 0.01 < ink < 0.4
