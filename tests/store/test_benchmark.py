from pathlib import Path

import pytest

from headcount.store.benchmark import run


def test_benchmark_runs_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.setenv("HEADCOUNT_KEY_DIR", str(tmp_path / "keys"))
    out = run(120, tmp_path)
    assert out["people"] == 120 and out["db_mb"] >= 0 and out["search_all_ms"] >= 0
