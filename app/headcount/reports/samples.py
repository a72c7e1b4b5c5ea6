"""Made-up sample data for the documents: benchmarks, docs/samples renders and tests.

Every name here is invented; no real person's data is in this module.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from headcount.i18n import Text
from headcount.reports.model import (
    AttendanceRow,
    AttendanceSheet,
    ConsentSlipData,
    DeletionReceiptData,
    FilingData,
    Incident,
    NoticeData,
    PersonData,
    PiaCounts,
    PiaData,
    PurgedItem,
    PurgeReceiptData,
    SchoolData,
    TermClass,
    TermData,
    TermDay,
    TermStudent,
)

SCHOOL = SchoolData(name=Text("Qinghe No. 2 Middle School (sample)", "清河第二中学（示例）"),
                    contact=Text("Office, Building A, room 101 · 010-5555 0100",
                                 "行政楼 101 室 · 010-5555 0100"))

NOTICE = NoticeData(
    processor=Text("Qinghe No. 2 Middle School (sample)", "清河第二中学（示例）"),
    contact=Text("Data protection officer Ms Li, office A101, 010-5555 0100, dpo@example.edu.cn",
                 "个人信息保护负责人 李老师，行政楼 A101，010-5555 0100，dpo@example.edu.cn"),
    purpose=Text("To check attendance in class and identity at exam entry.",
                 "用于课堂考勤及考场入场身份核验。"),
    method=Text("A camera at the classroom or exam-room door takes the face; the computer "
                "compares it with the templates of that class or room only and the teacher "
                "confirms. No pictures are stored.",
                "教室或考场门口的摄像头采集人脸，计算机仅与本班级或本考场的人脸特征比对，由教师确认。"
                "不保存图像。"),
    retention=Text("Until the student leaves the school, at most 3 years; deleted at once on "
                   "withdrawal.", "至学生离校为止，最长 3 年；撤回同意即删除。"),
    necessity=Text("Speeds up entry for large exams and reduces impersonation. Facial "
                   "information is sensitive: misuse could harm your dignity or property, so it "
                   "is encrypted, kept on this computer and never shared.",
                   "可加快大型考试入场速度，减少替考。人脸信息属于敏感个人信息，一旦滥用可能损害人格尊严"
                   "或财产安全，因此加密存储于本机，绝不对外提供。"),
    rights=Text("Ask the office to see or delete your data, or to withdraw consent, at any "
                "time; withdrawal deletes your templates immediately.",
                "您可随时向学校办公室申请查阅、删除个人信息或撤回同意；撤回后立即删除您的人脸特征。"),
    alternative=Text("Manual ID check by the teacher or invigilator (student card or ID card). "
                     "It counts exactly the same.",
                     "由教师或监考人员人工核验身份（学生证或身份证），具有同等效力。"),
    version="2025-09-1",
    questions=Text("Office A101, weekdays 8:00-17:00", "行政楼 A101 室，工作日 8:00-17:00"),
    effective=date(2025, 9, 1),
)

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉宇浩然子轩梓涵欣怡"


def fake_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def people(n: int, klass: str = "初一(3)班", seed: int = 1) -> list[PersonData]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        birth = date(2012 + rng.randint(-3, 1), rng.randint(1, 12), rng.randint(1, 28))
        out.append(PersonData(f"2025{i + 1:04d}", fake_name(rng), klass, birth))
    return out


def consent_slip(n: int = 0, guardian: bool | None = None) -> ConsentSlipData:
    person = people(n + 1)[n]
    return ConsentSlipData(person, NOTICE, date(2025, 9, 3), guardian=guardian)


def attendance_sheet(n: int = 45, seed: int = 7) -> AttendanceSheet:
    """An exam room of ``n`` candidates: mostly face check-ins, some manual, a few absent."""
    rng = random.Random(seed)
    start = datetime(2025, 11, 12, 8, 30)
    rows = []
    for i, person in enumerate(people(n, seed=seed)):
        roll = rng.random()
        if roll < 0.06:
            rows.append(AttendanceRow(f"{i + 1:02d}", person.number, person.name, "absent"))
            continue
        late = roll > 0.96
        when = start + timedelta(minutes=rng.randint(-25, -2) if not late else rng.randint(1, 9),
                                 seconds=rng.randint(0, 59))
        method = "manual" if rng.random() < 0.2 else "face"
        rows.append(AttendanceRow(f"{i + 1:02d}", person.number, person.name,
                                  "late" if late else "present", when, method,
                                  "堵车 traffic" if late else ""))
    incidents = (
        Incident(start - timedelta(minutes=12), "duplicate_room",
                 "Face matched a candidate on the list of room 203", rows[min(3, n - 1)].name),
        Incident(start - timedelta(minutes=3), "correction",
                 "Status changed from absent to present", rows[min(5, n - 1)].name,
                 by="Teacher Zhou",
                 why="Arrived through the side door; ID card checked"),
    )
    return AttendanceSheet(
        session_id="S-2025-11-12-0830-201", kind="exam", title="数学 Mathematics (期中)",
        room="Room 201 / 201 考场", scheduled_start=start,
        scheduled_end=start + timedelta(hours=2), opened=start - timedelta(minutes=30),
        closed=start + timedelta(minutes=15), legal_basis="consent",
        operators=("exam-office",), invigilators=("周老师 Zhou", "钱老师 Qian"),
        rows=tuple(rows), incidents=incidents)


def term_data(students: int = 45, classes: int = 1, days: int = 90, seed: int = 3) -> TermData:
    rng = random.Random(seed)
    start = date(2025, 9, 1)
    school_days = [start + timedelta(d) for d in range(days)
                   if (start + timedelta(d)).weekday() < 5]
    per_class = max(1, students // classes)
    out = []
    for c in range(classes):
        roster = []
        for p in people(per_class, klass=f"初一({c + 1})班", seed=seed + c):
            absent = rng.randint(0, 6)
            excused = rng.randint(0, 3)
            late = rng.randint(0, 4)
            present = max(0, len(school_days) - absent - excused - late)
            roster.append(TermStudent(p.number, p.name, present, late, absent, excused))
        term_days = tuple(TermDay(d, per_class, per_class - rng.randint(0, max(1, per_class // 15)))
                          for d in school_days)
        out.append(TermClass(f"初一({c + 1})班 Grade 7 class {c + 1}", tuple(roster), term_days))
    return TermData(start, start + timedelta(days - 1), tuple(out))


def deletion_receipt() -> DeletionReceiptData:
    person = people(3)[2]
    return DeletionReceiptData("DEL-2025-0042", person, datetime(2025, 10, 8, 16, 5), 3,
                               operator="李老师 Li", requested_by="陈建国",
                               relationship="父亲 father",
                               audit_ref="audit #1187")


def purge_receipt(n: int = 12) -> PurgeReceiptData:
    items = tuple(PurgedItem(p.number, p.name, 2, date(2022, 9, 5), date(2025, 9, 5))
                  for p in people(n, seed=9))
    return PurgeReceiptData("PRG-2025-0007", datetime(2025, 9, 6, 2, 0),
                            Text("3 years after enrolment", "注册后 3 年"), items,
                            audit_ref="audit #1002-#1014")


def pia() -> PiaData:
    return PiaData(NOTICE, datetime(2025, 12, 1, 10, 0),
                   PiaCounts(people=1860, with_templates=1422, consents=1422,
                             guardian_consents=960, withdrawals=17, sessions=3120,
                             face_checkins=81234, manual_checkins=9821, purged=230),
                   period_start=date(2025, 1, 1), period_end=date(2025, 11, 30),
                   credit_code="91350100M000100Y43", done_on=date(2025, 12, 1),
                   false_match=Text(
                       "0.12% of strangers checked against 45 people would match someone at "
                       "threshold 0.6 (measured 2025-11-28)",
                       "阈值 0.6 下，与 45 人比对时陌生人被误识的概率为 0.12%（2025-11-28 实测）"))


def filing() -> FilingData:
    return FilingData(pia(), responsible="李老师 Ms Li, 010-5555 0100")



# The pages docs/samples shows (first page, 60 dpi); render_all writes every document
# in both languages as PDF.
SHOWN = ("sign_zh", "sign_en", "notice_en", "notice_large_zh", "consent_guardian_zh",
         "consent_en", "children_rules_en", "placement_zh", "exam_report_zh", "term_report_en",
         "deletion_receipt_en", "purge_receipt_zh", "pia_zh", "filing_zh")
RARE_NAME = "张𠮷"  # U+20BB7, CJK Extension B: printed with the fallback font


def documents(lang: str) -> dict[str, object]:
    """Every kind of document, built from the sample data, in ``lang``."""
    from dataclasses import replace

    from headcount import reports as r
    from headcount.reports.model import CameraPlacement, ChildrenRulesData

    rare = consent_slip(0, guardian=True)
    rare = replace(rare, person=replace(rare.person, name=RARE_NAME))
    cameras = (CameraPlacement("0", "201 考场门口，朝向候考队伍 / Room 201 door", "李老师 Li",
                               date(2025, 8, 28)),)
    return {
        "sign": r.entrance_sign(NOTICE, SCHOOL, lang=lang),
        "notice": r.notice_slip(NOTICE, SCHOOL, lang=lang),
        "notice_large": r.notice_slip(NOTICE, SCHOOL, lang=lang, large=True),
        "consent_guardian": r.consent_slip(rare, SCHOOL, lang=lang),
        "consent": r.consent_slip(consent_slip(1, guardian=False), SCHOOL, lang=lang),
        "children_rules": r.children_rules(ChildrenRulesData(NOTICE), SCHOOL, lang=lang),
        "placement": r.camera_placement(SCHOOL, lang=lang, cameras=cameras),
        "exam_report": r.attendance_report(attendance_sheet(45), SCHOOL, lang=lang),
        "term_report": r.term_report(term_data(45, 1, 90), SCHOOL, lang=lang),
        "deletion_receipt": r.deletion_receipt(deletion_receipt(), SCHOOL, lang=lang),
        "purge_receipt": r.purge_receipt(purge_receipt(), SCHOOL, lang=lang),
        "pia": r.pia_report(pia(), SCHOOL, lang=lang),
        "filing": r.filing_report(filing(), SCHOOL, lang=lang),
    }


def render_all(out_dir: str, dpi: int = 60, shown: tuple[str, ...] = SHOWN) -> list[str]:
    """Write every sample PDF, both languages, and PNGs of the first pages of ``shown``
    when poppler is installed (``python -m headcount.reports.samples docs/samples``)."""
    import shutil
    import subprocess
    from pathlib import Path

    from headcount.reports.document import Rendered

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in ("zh", "en"):
        for kind, rendered in documents(lang).items():
            assert isinstance(rendered, Rendered)
            name = f"{kind}_{lang}"
            pdf = rendered.save(out / f"{name}.pdf")
            written.append(str(pdf))
            if name not in shown or not shutil.which("pdftoppm"):
                continue
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(out / name)], check=True)
            png = out / f"{name}.png"
            # A 32-colour palette keeps the README's pictures small and still crisp.
            from PIL import Image

            with Image.open(png) as img:
                small = img.convert("RGB").quantize(colors=32)
            small.save(png, optimize=True)
            written.append(str(png))
    return written


if __name__ == "__main__":
    import sys

    for path in render_all(sys.argv[1] if len(sys.argv) > 1 else "docs/samples"):
        print(path)
