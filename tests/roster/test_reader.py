import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headcount.errors import BadInput
from headcount.roster import parse_roster
from headcount.roster.dates import parse_date
from headcount.roster.idcard import check_char, problem
from headcount.roster.reader import parse_rows, read_csv

ZH_HEADER = "学号,姓名,班级,出生日期,监护人,监护人电话,身份证号\n"
VALID_ID = "11010519491231002X"  # the standard's own worked example


def test_id_checksum_known_example() -> None:
    assert check_char(VALID_ID[:17]) == "X"
    assert problem(VALID_ID) is None
    assert problem("110105194912310021") is not None  # wrong check character
    assert problem("12345") is not None


@given(st.text(alphabet=string.digits, min_size=17, max_size=17),
       st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_caught(first17: str, pos: int, delta: int) -> None:
    # Fix a valid date of birth so only the checksum is under test.
    first17 = first17[:6] + "20120305" + first17[14:]
    good = first17 + check_char(first17)
    assert problem(good) is None
    digits = list(good)
    digits[pos] = str((int(digits[pos]) + delta) % 10)
    bad = "".join(digits)
    if bad[6:14] == "20120305":  # MOD 11-2 catches every single-digit substitution
        assert problem(bad) is not None


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_date_formats_round_trip(day: dt.date) -> None:
    forms = [day.isoformat(), f"{day.year}/{day.month}/{day.day}", day.strftime("%Y%m%d"),
             f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日",
             f"{day.isoformat()} 00:00:00", dt.datetime(day.year, day.month, day.day),
             (day - dt.date(1899, 12, 30)).days]
    for form in forms:
        assert parse_date(form) == day, form


@pytest.mark.parametrize("bad", ["2012-13-01", "2012/2/30", "yesterday", "12-03-2012", "0"])
def test_bad_dates(bad: str) -> None:
    assert parse_date(bad) is None


names = st.text(alphabet="王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
                "袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
                "闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤小明红华伟芳娜敏静丽强磊军洋勇艳杰"
                "涛超秀霞平刚桂英", min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(people=st.lists(st.tuples(st.integers(1, 10**7), names,
                                 st.dates(dt.date(2005, 1, 1), dt.date(2018, 12, 31))),
                       min_size=1, max_size=15, unique_by=lambda p: p[0]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]))
def test_csv_round_trip_any_encoding(people, encoding) -> None:  # type: ignore[no-untyped-def]
    text = ZH_HEADER + "".join(f"{n},{name},七年级1班,{d:%Y/%m/%d},,,\n"
                               for n, name, d in people)
    result = parse_rows(read_csv(text.encode(encoding)))
    assert not result.errors
    assert [(int(r.number), r.name, r.birth_date) for r in result.rows] == people
    assert all(r.class_name == "七年级1班" for r in result.rows)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_parser_never_crashes_on_garbage(data: bytes) -> None:
    try:
        result = parse_rows(read_csv(data))
    except BadInput:
        return
    for row in result.rows:
        assert row.number and row.name


def test_bad_rows_reported_with_row_number_and_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(ZH_HEADER
                    + "1,王一,7A,2012-03-05,王父,13800138000,\n"
                    + "2,,7A,2012-03-05,,,\n"                      # row 3: no name
                    + "3,张三,7A,2012-02-30,,,\n"                  # row 4: bad date
                    + "4,李四,7A,,,,110105194912310021\n"          # row 5: bad checksum
                    + "\n"                                          # blank: skipped
                    + "1,王一又,7A,2012-03-05,,,\n"                # row 7: duplicate number
                    + f"5,赵五,7A,,,,{VALID_ID}\n"                  # row 8: date from ID
                    + "6,钱六,7A,2012-03-05,,phone?,\n",            # row 9: bad phone
                    encoding="gbk")
    result = parse_roster(path)
    assert [r.number for r in result.rows] == ["1", "5"]
    assert result.rows[1].birth_date == dt.date(1949, 12, 31)
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "name"), (4, "birth_date"), (5, "id_number"), (7, "number"), (9, "guardian_phone")]
    for e in result.errors:
        assert e.reason.en and e.reason.zh and e.reason.en != e.reason.zh


def test_english_headers_bom_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeffNumber\tName\tClass\tBirth Date\n42\tAnn\t8B\t20110101\n"
                     .encode("utf-8"))
    result = parse_roster(path)
    assert result.rows[0].number == "42" and result.rows[0].birth_date == dt.date(2011, 1, 1)


def test_missing_columns_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("foo,bar\n1,2\n")
    with pytest.raises(BadInput, match="number and name"):
        parse_roster(path)


def test_xlsx_with_excel_dates_and_numbers(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["考号", "姓名", "班级", "出生日期", "座位号"])
    sheet.append([2024001, "王小明", "初一(1)班", dt.datetime(2012, 3, 5), 1])
    sheet.append([2024002.0, "李雷", "初一(1)班", 41000, 2])  # a serial: 40909 is 2012-01-01
    sheet.append([2024003, "韩梅梅", "初一(1)班", "not a date", 3])
    path = tmp_path / "exam.xlsx"
    book.save(path)
    result = parse_roster(path)
    assert [(r.number, r.birth_date, r.seat) for r in result.rows] == [
        ("2024001", dt.date(2012, 3, 5), "1"), ("2024002", dt.date(2012, 4, 1), "2")]
    assert [(e.row, e.field) for e in result.errors] == [(4, "birth_date")]


def test_oversized_roster_files_are_refused_before_reading(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from headcount.roster import reader

    monkeypatch.setattr(reader, "MAX_ROSTER_BYTES", 1000)
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("number,name\n" + "1,x\n" * 1000)
    with pytest.raises(BadInput, match="too large"):
        reader.parse_roster(csv_file)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", " " * 10_000)
    with pytest.raises(BadInput, match="too large"):
        reader.parse_roster(bomb)
