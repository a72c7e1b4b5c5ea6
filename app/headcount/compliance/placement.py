"""Where cameras may and may not go (C13; Measures Art. 13): setup guidance for IT staff.

Face recognition devices must not be installed in private spaces, and public places
where they are installed need a prominent sign. This is the text the camera settings
show and `headcount print placement` prints. Not legal advice.
"""

from __future__ import annotations

from headcount.errors import BadInput
from headcount.i18n import Text

TITLE = Text("Where Headcount's cameras may be installed",
             "Headcount 摄像头安装位置指引")

INTRO = Text(
    "The Measures for the Security Management of Facial Recognition Technology "
    "Applications (Art. 13) forbid face recognition devices in private spaces, and require "
    "a prominent sign where they are installed in public places. Before installing a "
    "camera, check it against the three lists below, then record where it is and who "
    "checked it.",
    "《人脸识别技术应用安全管理办法》第十三条规定，不得在私密空间安装人脸识别设备；在公共场所"
    "安装的，应当设置显著提示标识。安装摄像头前，请对照以下三份清单逐项检查，"
    "并登记安装位置和核查人。")

FORBIDDEN_TITLE = Text("Never install a camera in or facing into",
                       "禁止安装或朝向以下场所")
FORBIDDEN: tuple[Text, ...] = (
    Text("toilets and washrooms", "卫生间、洗手间"),
    Text("changing rooms and locker rooms", "更衣室"),
    Text("showers and bathrooms", "浴室、淋浴间"),
    Text("dormitories and students' bedrooms", "学生宿舍及寝室"),
    Text("the infirmary, sick bay and counselling rooms",
         "医务室、卫生室及心理咨询室"),
    Text("staff rest rooms and other rooms where people expect privacy",
         "教职工休息室及其他人们合理期待隐私的房间"),
)

ALLOWED_TITLE = Text("Suitable places, each with the entrance sign posted",
                     "适宜安装的位置（均须张贴入口告示）")
ALLOWED: tuple[Text, ...] = (
    Text("the entrance of an exam room, facing the queue of candidates",
         "考场入口，朝向排队入场的考生"),
    Text("the front of a classroom, covering the seats only during the roll call",
         "教室前方，仅在点名时覆盖座位区域"),
)

RULES_TITLE = Text("Rules for every camera", "每台摄像头均须遵守")
RULES: tuple[Text, ...] = (
    Text("Post the entrance sign (command: headcount print sign) where people see it before "
         "the camera sees them.",
         "在人们进入摄像范围之前能看到的位置张贴入口告示（命令：headcount print sign）。"),
    Text("Aim the camera at the entrance or the seats, not at corridors, windows or "
         "neighbouring rooms.",
         "摄像头只对准入口或座位，不对准走廊、窗户或相邻房间。"),
    Text("Use it only during a session; Headcount never records or stores video.",
         "仅在签到场次进行时使用；Headcount 不录制、不保存视频。"),
    Text("Keep the manual ID check available at every camera.",
         "每台摄像头旁都须能进行人工核验。"),
)


def with_placement(placements: list[dict[str, str]], camera: str, location: str,
                   checked_by: str, checked_on: str) -> list[dict[str, str]]:
    """``placements`` with ``camera``'s entry added or replaced (one entry per camera)."""
    if not camera.strip() or not location.strip() or not checked_by.strip():
        raise BadInput("Give the camera, its location and who checked the placement.",
                       "请给出摄像头、安装位置和位置核查人。")
    entry = {"camera": camera.strip(), "location": location.strip(),
             "checked_by": checked_by.strip(), "checked_on": checked_on}
    return [p for p in placements if p.get("camera") != entry["camera"]] + [entry]
