"""`headcount ... --help` in Chinese or English: every help text has its Chinese, and
argparse's own words follow the language without changing argparse for anyone else."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from headcount.cli import build_parser, main
from headcount.cli.help_zh import ARGPARSE_ZH, HELP_ZH, argparse_message, chinese, english
from headcount.i18n import set_language

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _system_language() -> Iterator[None]:
    yield
    set_language(None)


def parsers(p: argparse.ArgumentParser, path: str = "headcount"
            ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, p
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from parsers(child, f"{path} {name}")


def help_texts(p: argparse.ArgumentParser) -> Iterator[tuple[str, str]]:
    """(where, text) for every description and help of the whole command tree."""
    for path, parser in parsers(p):
        for text in (parser.description, parser.epilog):
            if text:
                yield path, text
        for action in parser._actions:
            if action.help and action.help != argparse.SUPPRESS:
                yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield f"{path} {choice.dest}", choice.help


def english_tree() -> argparse.ArgumentParser:
    set_language("en")
    return build_parser()


def test_every_help_text_has_its_chinese() -> None:
    missing = {english(text): where for where, text in help_texts(english_tree())
               if english(text) not in HELP_ZH and english(text) not in ARGPARSE_ZH}
    assert not missing, (
        "add these to HELP_ZH in app/headcount/cli/help_zh.py:\n"
        + "\n".join(f"    {en!r}: \"...\",  # {where}" for en, where in missing.items()))


def test_chinese_keeps_options_placeholders_and_formats() -> None:
    # Words the Chinese rightly replaces: ID-card, PIPL, PC.
    translated = {"ID", "PIPL", "PC"}
    token = re.compile(r"--[a-z][\w-]*|[\w.]*[=_][\w.=/]*|\b\w+\.(?:txt|jpg)\b"
                       r"|\b\w+/(?=[\s,)]|$)|\w+://|\b[A-Z][A-Z0-9]+\b")
    for en, zh in HELP_ZH.items():
        assert CJK.search(zh), en
        for word in set(token.findall(en)) - translated:
            assert word in zh, f"{word!r} lost in the Chinese of {en!r}"
        assert "%" not in zh, en  # argparse %-formats help texts


def test_chinese_tree_has_no_english_help_left() -> None:
    set_language("zh")
    for where, text in help_texts(build_parser()):
        assert CJK.search(text), f"{where}: {text!r}"


def test_english_tree_has_no_chinese() -> None:
    for path, parser in parsers(english_tree()):
        assert not CJK.search(parser.format_help()), path


def test_bilingual_texts_split_by_language() -> None:
    assert english("check that this PC can run Headcount (自检)") == (
        "check that this PC can run Headcount")
    assert english("one archive: the key (备份, admin)") == "one archive: the key (admin)"
    assert english("people a session matches against (default 45)") == (
        "people a session matches against (default 45)")
    assert chinese("no such help text (随便)") == "随便"  # fallback: the text's own Chinese
    assert chinese("no such help text") is None


def test_session_create_help_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "zh", "session", "create", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：headcount session create")
    for zh in ("创建场次；输出其编号", "选项：", "显示此帮助信息并退出", "考试名称或科目",
               "提示信息的语言"):
        assert zh in out
    assert "usage:" not in out and "exam name or subject" not in out
    assert "--kind {exam,class}" in out  # option names and choices unchanged


def test_session_create_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "session", "create", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: headcount session create")
    for en in ("create a session; prints its id", "options:", "show this help message and exit",
               "exam name or subject"):
        assert en in out
    assert not CJK.search(out)


def test_lang_after_the_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["session", "create", "--lang=zh", "--help"])
    assert "考试名称或科目" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "session", "create", "--lang", "en", "--help"])  # last one wins
    assert "exam name or subject" in capsys.readouterr().out


def test_top_level_help_in_chinese(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：headcount")
    for zh in ("Headcount：考场入场核验与课堂考勤", "位置参数：", "选项：",
               "显示程序版本号并退出", "自检：检查本机能否运行 Headcount",
               "初始化工作站：数据库、密钥、管理员、首版告知书"):
        assert zh in out
    assert "(自检)" not in out and "check that this PC" not in out
    # Chinese characters take two columns: lines still fit the terminal.
    for line in out.splitlines():
        width = sum(2 if CJK.match(c) or "\uff00" <= c <= "\uffef" or "\u3000" <= c <= "\u303f"
                    else 1 for c in line)
        assert width <= 80, line


def test_top_level_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert "check that this PC can run Headcount\n" in out
    assert not CJK.search(out)


def test_errors_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "zh", "session", "create", "--kind", "meeting"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：headcount session create")
    assert ("headcount session create：错误：参数 --kind：无效的选择：'meeting'"
            "（可选：'exam', 'class'）") in err
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "session", "create", "--kind", "exam"])
    assert "缺少以下必需参数：--name" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "session", "create", "--kind", "exam"])
    assert "error: the following arguments are required: --name" in capsys.readouterr().err


def test_argparse_messages_translated() -> None:
    assert argparse_message("unrecognized arguments: --x y") == "无法识别的参数：--x y"
    assert argparse_message("argument --every: expected one argument") == (
        "参数 --every：需要一个值")
    assert argparse_message("argument --target: invalid float value: 'abc'") == (
        "参数 --target：无效的 float 值：'abc'")
    assert argparse_message("something argparse may say one day") == (
        "something argparse may say one day")


def test_other_parsers_untouched(capsys: pytest.CaptureFixture[str]) -> None:
    set_language("zh")
    build_parser()
    other = argparse.ArgumentParser(prog="other")
    other.add_argument("--x", help="an x")
    text = other.format_help()
    assert text.startswith("usage: other") and "options:" in text
    assert "show this help message and exit" in text
    assert argparse._("usage: ") == "usage: "
