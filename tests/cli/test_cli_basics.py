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


def test_global_options_work_after_the_command() -> None:
    parser = build_parser()
    assert parser.parse_args(["faces", "x.jpg", "--json"]).json is True
    assert parser.parse_args(["--json", "faces", "x.jpg"]).json is True
    assert parser.parse_args(["faces", "x.jpg"]).json is False


def test_faces_unreadable_file_exits_2(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg at all")
    assert main(["faces", str(bad), "--json"]) == 2
    err = capsys.readouterr().err
    assert "broken.jpg" in err and len(err.strip().splitlines()) == 1


def test_bilingual_values_print_in_the_users_language(capsys) -> None:  # type: ignore[no-untyped-def]
    from headcount.cli import emit
    from headcount.i18n import set_language

    set_language("zh")
    try:
        emit({"warning": {"en": "No keyring", "zh": "没有密钥环"}}, as_json=False)
    finally:
        set_language(None)
    assert capsys.readouterr().out.strip() == "warning: 没有密钥环"


def test_window_without_a_display_is_a_clear_error(monkeypatch, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the DISPLAY rule is Linux's")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert main(["--data-dir", str(tmp_path / "st")]) == 2
    assert main(["demo", "--demo-dir", str(tmp_path / "demo")]) == 2
    err = capsys.readouterr().err
    assert err.count("No display") == 2 and "--offscreen" in err
    assert not (tmp_path / "demo").exists()
