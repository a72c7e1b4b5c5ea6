import pytest

from headcount.cli import build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "headcount 0.1.0" in capsys.readouterr().out


def test_every_command_has_help() -> None:
    parser = build_parser()
    subs = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    for sub in subs:
        for name, cmd in sub.choices.items():  # type: ignore[attr-defined]
            assert cmd.format_help(), name
