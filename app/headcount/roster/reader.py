"""Read a roster file into validated rows; every bad row is reported, never guessed at.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as Chinese Excel
saves it; comma, tab or semicolon separated. XLSX: the first sheet. Headers in English
(``number,name,class,birth_date,guardian_name,guardian_phone,id_number``) or Chinese
(学号/考号, 姓名, 班级, 出生日期, 监护人, 监护人电话, 身份证号). Row numbers in reports are
the file's own (the header is row 1), as the teacher sees them in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.plain_text import unsafe_problem
from headcount.roster import idcard
from headcount.roster.dates import parse_date

ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("number", "student_number", "candidate_number", "student_no", "no",
               "学号", "考号", "准考证号", "学籍号", "编号"),
    "name": ("name", "full_name", "student_name", "姓名", "名字", "学生姓名"),
    "class_name": ("class", "class_name", "form", "班级", "班别"),
    "birth_date": ("birth_date", "birthdate", "date_of_birth", "dob", "birthday",
                   "出生日期", "生日", "出生年月日"),
    "guardian_name": ("guardian_name", "guardian", "parent", "parent_name",
                      "监护人", "监护人姓名", "家长", "家长姓名"),
    "guardian_phone": ("guardian_phone", "phone", "parent_phone", "contact_phone",
                       "监护人电话", "家长电话", "联系电话", "电话"),
    "id_number": ("id_number", "id_card", "id", "national_id", "身份证号", "身份证号码",
                  "身份证"),
    "seat": ("seat", "seat_number", "座位号", "座号"),
}
_LOOKUP = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
MAX_NAME = 64
# A school's roster is well under 1 MB; this is the ceiling on what is read into memory.
MAX_ROSTER_BYTES = 64 << 20
# Fields checked for control and bidi characters: (key, English, Chinese).
TEXT_FIELDS = (("number", "number", "学号/考号"), ("name", "name", "姓名"),
               ("class_name", "class", "班级"), ("guardian_name", "guardian's name", "监护人姓名"),
               ("seat", "seat", "座位号"))


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: Text

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, **self.reason.both()}

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass(frozen=True)
class PersonRow:
    row: int
    number: str
    name: str
    class_name: str = ""
    birth_date: dt.date | None = None
    guardian_name: str = ""
    guardian_phone: str = ""
    id_number: str = ""
    seat: str = ""


@dataclass
class RosterResult:
    rows: list[PersonRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def header_key(raw: object) -> str | None:
    text = str(raw or "").replace("\ufeff", "").strip().lower()
    for ch in " -/（）()":
        text = text.replace(ch, "_" if ch in " -/" else "")
    return _LOOKUP.get(text.strip("_"))


def decode_csv(data: bytes) -> str:
    """Text of a CSV file in whatever encoding a school's software used."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    not_text = BadInput(
        "The file is neither UTF-8 nor GBK/GB18030 text (Shift-JIS, Big5 and other "
        "encodings are not read); save it again as CSV UTF-8 or XLSX.",
        "文件既不是 UTF-8 也不是 GBK/GB18030 文本（不读取 Shift-JIS、Big5 等编码）；"
        "请重新另存为 CSV UTF-8 或 XLSX。")
    try:
        text = data.decode("gb18030")  # a superset of GBK and GB2312
    except UnicodeDecodeError as err:
        raise not_text from err
    if _mostly_rare(text):
        raise not_text  # GB18030 decodes almost any bytes: Shift-JIS comes out as mojibake
    return text


def _mostly_rare(text: str) -> bool:
    """More than a quarter of the non-ASCII characters outside GB2312's 7,445 common
    ones: a Chinese roster has the odd rare character in a name, mojibake has mostly."""
    wide = [c for c in text if ord(c) > 127]
    rare = 0
    for c in wide:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare * 4 > len(wide)


def read_csv(data: bytes) -> list[tuple[int, list[Any]]]:
    text = decode_csv(data)
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as err:  # a cell over csv.field_size_limit() (128 KiB), a stray NUL
        raise BadInput(
            f"Row {reader.line_num + 1} of the roster cannot be read ({err}): a cell is too "
            "long or the file is not a roster. Nothing was imported.",
            f"名单第 {reader.line_num + 1} 行无法读取（{err}）：某个单元格过长，或该文件不是"
            "名单。未导入任何内容。") from err


def read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    import zipfile

    import openpyxl

    try:  # an XLSX is a ZIP: its expanded size is known before anything is read
        with zipfile.ZipFile(path) as zf:
            expanded = sum(i.file_size for i in zf.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        expanded = 0  # openpyxl reports what is wrong with it below
    if expanded > MAX_ROSTER_BYTES * 4:
        raise _too_big(path)

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:
        raise BadInput(f"{path.name} is not a readable XLSX workbook ({err}).",
                       f"{path.name} 不是可读取的 XLSX 工作簿（{err}）。") from err
    try:
        sheet = book.worksheets[0]
        return [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 2024001 as 2024001.0
    return str(value).strip()


def parse_rows(table: Iterable[tuple[int, list[Any]]]) -> RosterResult:
    """Validate raw rows (the first non-empty one is the header)."""
    rows = iter(table)
    header: list[str | None] = []
    for _, raw in rows:
        if any(cell_text(c) for c in raw):
            header = [header_key(c) for c in raw]
            break
    result = RosterResult(columns=[h for h in header if h])
    missing = [k for k in ("number", "name") if k not in header]
    if missing:
        raise BadInput(
            "The roster has no column for " + " and ".join(missing) + ". Use headers like "
            "number,name,class,birth_date,guardian_name,guardian_phone,id_number or "
            "学号,姓名,班级,出生日期,监护人,监护人电话,身份证号.",
            "名单缺少列：" + "、".join({"number": "学号", "name": "姓名"}[m] for m in missing)
            + "。请使用“学号,姓名,班级,出生日期,监护人,监护人电话,身份证号”等表头。")
    seen: dict[str, int] = {}
    for line, raw in rows:
        values = {key: raw[i] for i, key in enumerate(header) if key and i < len(raw)}
        if not any(cell_text(v) for v in values.values()):
            continue  # blank line
        person, errors = validate_row(line, values)
        if person and person.number in seen:
            errors.append(RowError(line, "number", Text(
                f"number {person.number} already appears in row {seen[person.number]}",
                f"学号 {person.number} 已在第 {seen[person.number]} 行出现")))
        if errors:
            result.errors.extend(errors)
        elif person:
            seen[person.number] = line
            result.rows.append(person)
    return result


def validate_row(line: int, values: dict[str, Any]) -> tuple[PersonRow | None, list[RowError]]:
    errors: list[RowError] = []

    def err(field_name: str, en: str, zh: str) -> None:
        errors.append(RowError(line, field_name, Text(en, zh)))

    number = cell_text(values.get("number"))
    name = cell_text(values.get("name"))
    if not number:
        err("number", "the student or candidate number is empty", "学号/考号为空")
    elif len(number) > 32 or any(c.isspace() for c in number):
        err("number", f"the number {number!r} is not valid", f"学号/考号 {number!r} 无效")
    if not name:
        err("name", "the name is empty", "姓名为空")
    elif len(name) > MAX_NAME:
        err("name", "the name is too long", "姓名过长")
    for key, en, zh in TEXT_FIELDS:
        unsafe = unsafe_problem(str(values.get(key) or ""), en, zh)
        if unsafe:
            errors.append(RowError(line, key, unsafe))

    id_number = idcard.normalise(cell_text(values.get("id_number")))
    if id_number:
        bad = idcard.problem(id_number)
        if bad:
            err("id_number", *bad)

    birth: dt.date | None = None
    raw_birth = values.get("birth_date")
    if cell_text(raw_birth):
        birth = parse_date(raw_birth)
        if birth is None:
            err("birth_date", f"the date of birth {cell_text(raw_birth)!r} is not a date "
                "(use 2012-03-05, 2012/3/5 or 20120305)",
                f"出生日期 {cell_text(raw_birth)!r} 不是有效日期（请用 2012-03-05、2012/3/5 或 "
                "20120305）")
        elif not dt.date(1900, 1, 1) <= birth <= dt.date.today():
            err("birth_date", "the date of birth is in the future or before 1900",
                "出生日期晚于今天或早于1900年")
            birth = None
    if id_number and not errors:
        from_id = idcard.birth_date(id_number)
        if from_id and birth and from_id != birth:
            err("birth_date", "the date of birth differs from the one in the ID number",
                "出生日期与身份证号中的不一致")
        birth = birth or from_id

    phone = cell_text(values.get("guardian_phone"))
    digits = sum(c.isdigit() for c in phone)
    if phone and (not 5 <= digits <= 15 or any(not (c.isdigit() or c in " +-()") for c in phone)):
        err("guardian_phone", f"the guardian's phone {phone!r} is not a phone number",
            f"监护人电话 {phone!r} 不是有效的电话号码")

    if errors:
        return None, errors
    return PersonRow(
        row=line, number=number, name=name, class_name=cell_text(values.get("class_name")),
        birth_date=birth, guardian_name=cell_text(values.get("guardian_name")),
        guardian_phone=phone, id_number=id_number, seat=cell_text(values.get("seat")),
    ), []


def _too_big(path: Path) -> BadInput:
    return BadInput(f"{path.name} is too large for a roster (over {MAX_ROSTER_BYTES >> 20} MB "
                    "of text); nothing was imported.",
                    f"{path.name} 作为名单过大（文本超过 {MAX_ROSTER_BYTES >> 20} MB）；"
                    "未导入任何内容。")


def parse_roster(path: Path | str) -> RosterResult:
    """Read and validate a roster file (``.csv``/``.txt`` or ``.xlsx``)."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return parse_rows(read_xlsx(path))
        if path.suffix.lower() == ".xls":
            raise BadInput("Old .xls workbooks are not supported; save the file as .xlsx or CSV.",
                           "不支持旧版 .xls 工作簿；请另存为 .xlsx 或 CSV。")
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise _too_big(path)
        return parse_rows(read_csv(path.read_bytes()))
    except OSError as err:
        raise BadInput(f"Cannot read {path}: {err.strerror or err}.",
                       f"无法读取 {path}：{err.strerror or err}。") from err
