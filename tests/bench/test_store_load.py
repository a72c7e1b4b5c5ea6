import json
import sys
from pathlib import Path

import pytest

from headcount.bench.store_load import main, run

FIGURES = ("import_s", "store_templates_s", "enrol_one_ms", "open_s", "search_all_ms",
           "class_gallery_ms", "backup_s", "db_mb", "bytes_per_person")


def test_benchmark_runs_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.setenv("HEADCOUNT_KEY_DIR", str(tmp_path / "keys"))
    out = run(120, tmp_path)
    assert out["people"] == 120 and out["db_mb"] >= 0 and out["search_all_ms"] >= 0
    assert all(isinstance(out[k], (int, float)) for k in FIGURES)


def test_benchmark_prints_one_json_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.setenv("HEADCOUNT_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setattr(sys, "argv", ["benchmark", "--people", "50"])
    main()
    figures = json.loads(capsys.readouterr().out)
    assert figures["people"] == 50 and set(FIGURES) <= set(figures)
