"""Why a person was checked manually: the one definition the store, the CLI, the GUI
and the reports share.

    from headcount.attendance.reasons import REASONS, reason_label
    for code in REASONS:
        combo.addItem(str(reason_label(code)), code)

The codes are what the database and ``checkin --reason`` hold; the labels are for
people. C7: the wording is neutral. Declining face recognition is an ordinary choice,
so no label sounds like a fault of the person, and a manual check stands equal to a
face check.
"""

from __future__ import annotations

from headcount.i18n import Text

REASON_LABELS: dict[str, Text] = {
    "declined": Text("Chose the manual check", "选择人工核验"),
    "not_enrolled": Text("No face enrolled", "未登记人脸"),
    "not_recognised": Text("Not recognised by the camera", "摄像头未能识别"),
    "camera_fault": Text("Camera or computer fault", "摄像头或电脑故障"),
    "no_consent": Text("No consent to face recognition", "未同意人脸识别"),
}
REASONS: tuple[str, ...] = tuple(REASON_LABELS)


def reason_label(code: str) -> Text:
    """The label of a reason code; an unknown (older) code is shown as it is."""
    return REASON_LABELS.get(code, Text(code, code))


def default_reason(*, consent: bool, enrolled: bool, withdrawn: bool = False) -> str:
    """The reason a manual check most likely has, from the person's state: declined
    (consent withdrawn), no consent, consent but no face enrolled, else not recognised.
    The operator can always pick another."""
    if not consent:
        return "declined" if withdrawn else "no_consent"
    if not enrolled:
        return "not_enrolled"
    return "not_recognised"
