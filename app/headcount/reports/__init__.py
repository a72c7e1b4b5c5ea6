"""Printed paper: notice and consent slips, entrance sign, receipts, attendance and term
reports, impact assessment and filing data (PDF, A4, Simplified Chinese or English), and
attendance exports (CSV, XLSX).

Builders take the plain dataclasses of ``reports.model`` and return a ``Rendered``
(PDF bytes, page count, the font used); ``from_station`` fills the dataclasses from a
Station.
"""

from __future__ import annotations

from headcount.reports.assessment import filing_report, pia_report
from headcount.reports.attendance import attendance_report
from headcount.reports.document import Rendered
from headcount.reports.export import attendance_csv, attendance_xlsx, export_attendance
from headcount.reports.fonts import FontChoice, cjk_font
from headcount.reports.large import entrance_sign, large_print_notice
from headcount.reports.placement import camera_placement
from headcount.reports.receipts import deletion_receipt, purge_receipt
from headcount.reports.slips import (
    children_rules,
    consent_slip,
    consent_slips,
    notice_slip,
)
from headcount.reports.term import term_report

__all__ = [
    "FontChoice",
    "Rendered",
    "attendance_csv",
    "attendance_report",
    "attendance_xlsx",
    "camera_placement",
    "children_rules",
    "cjk_font",
    "consent_slip",
    "consent_slips",
    "deletion_receipt",
    "entrance_sign",
    "export_attendance",
    "filing_report",
    "large_print_notice",
    "notice_slip",
    "pia_report",
    "purge_receipt",
    "term_report",
]
