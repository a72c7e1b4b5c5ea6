"""Chinese for the ``headcount`` command's help, and for argparse's own words.

The area modules write their help in English (some top-level commands add the Chinese in
a trailing parenthesis, "... (中文)"). ``build_parser()`` shows each text in the user's
language: English with the Chinese parenthesis removed, or the Chinese from ``HELP_ZH``,
keyed by that English. tests/cli/test_cli_help_i18n.py fails when a help text of any
command has no entry here, so a new command must add its Chinese.

Command names, option names, file formats and placeholders (NUMBER, FIELD=VALUE, ...)
stay as they are in the Chinese.
"""

from __future__ import annotations

import itertools
import re

# English help or description (without any "(中文)" part) -> Chinese.
HELP_ZH: dict[str, str] = {
    # headcount office (issue 14)
    "the exam office's school server": "考务办公室的学校服务器",
    "create or migrate the school schema": "创建或升级学校服务器的数据结构",
    "register a station and print its credential once": "登记工作站并一次性显示其登录凭据",
    "station name": "工作站名称",
    "school server connection (or HEADCOUNT_OFFICE_DSN)":
        "学校服务器连接串（或 HEADCOUNT_OFFICE_DSN）",
    "every room's counts, duplicates, the filing count": "各考场人数、跨考场重复签到、备案人数",
    "only this exam (session name)": "仅此考试（场次名称）",
    "send this station's events to the exam office": "将本工作站的事件发送到考务办公室",
    "the station's credential from `office add-station`":
        "由 office add-station 生成的工作站凭据",
    "stop sending events": "停止发送事件",
    "send the waiting events to the exam office": "将待发送的事件发送到考务办公室",
    "the school-wide exam report (PDF)": "全校考务汇总报告（PDF）",
    "where to write the PDF": "PDF 的保存位置",
    "school name printed in the header": "页眉中打印的学校名称",
    "create an exam-office login that can only read": "创建只能查看的考务办公室登录账号",
    "load on the school server: stations checking in at once, time until the office sees it":
        "学校服务器负载：各工作站同时签到，考务办公室看到签到所需的时间",
    "seconds between two reads of the office status": "两次读取考务状态之间的秒数",
    "kill the throwaway server halfway and restart it after SECONDS":
        "在中途强行停止临时服务器，SECONDS 秒后重新启动",
    "simulated stations": "模拟的工作站数",
    "candidates per station": "每个工作站的考生数",
    "minutes over which everyone checks in": "全部考生签到所用的分钟数",
    "an empty school database to use (administrator); default: a throwaway cluster":
        "使用的空学校数据库（管理员连接串）；默认：临时数据库集群",
    "seconds between two reads of the server": "两次读取服务器之间的秒数",
    "save a picture of the whole screen after the first read, then quit":
        "首次读取后保存整个屏幕的截图，然后退出",
    # headcount (global options)
    "Headcount: exam-hall entry checks and classroom attendance":
        "Headcount：考场入场核验与课堂考勤",
    "print one JSON object": "输出一个 JSON 对象",
    "language of messages": "提示信息的语言",
    "station data folder (default: per-user data folder)":
        "工作站数据文件夹（默认：当前用户的数据文件夹）",
    "station data folder": "工作站数据文件夹",
    "user name for actions that need one": "需要登录的操作所用的用户名",
    "user name": "用户名",
    "password (or HEADCOUNT_PASSWORD; else a prompt)":
        "密码（或用 HEADCOUNT_PASSWORD；否则提示输入）",
    "password": "密码",
    # faces, calibrate, bench
    "find (and describe) every face in images": "检测图像中的每张人脸（并提取特征）",
    "Find every face in each image; one JSON object per line per image with --json.":
        "检测每张图像中的每张人脸；使用 --json 时每张图像输出一行 JSON 对象。",
    "classroom: every face of any size (default); entrance: fast near range":
        "classroom：任意大小的所有人脸（默认）；entrance：快速检测近处人脸",
    "include 128-D descriptors": "包含 128 维人脸特征",
    "embedder threads": "特征提取的线程数",
    "false-match rate of this station's gallery at its threshold":
        "误识率校准：本工作站人脸库在其阈值下的误识率",
    "Estimate, from the impostor distances of the templates actually stored, the "
    "false-match rate at the station's threshold for a roster of N people, and the "
    "threshold that keeps it under a target.":
        "根据实际存储的人脸特征中不同人之间的距离，估算名单为 N 人时工作站阈值下的误识率，"
        "以及使误识率低于目标值的阈值。",
    "people a session matches against (default 45, one exam room)":
        "一个场次比对的人数（默认 45，即一个考场）",
    "wanted chance that a stranger matches someone on the roster":
        "允许陌生人被误识为名单中某人的概率（目标值）",
    "threshold to assess (default: the station's distance threshold)":
        "要评估的阈值（默认：工作站的距离阈值）",
    "measure accuracy and speed": "测量准确率与速度",
    "LFW 10-fold verification accuracy": "LFW 十折验证准确率",
    "LFW folder with pairs.txt": "含 pairs.txt 的 LFW 文件夹",
    "mesh-to-5-point scheme": "由网格关键点取 5 点的方案",
    "do not average with the mirrored chip (the app does)":
        "不与镜像人脸图取平均（应用中会取平均）",
    "only the first N folds' pairs": "只用前 N 折的配对",
    "detection recall/false positives and crowd counts": "检测召回率、误检与人群计数",
    "folder with voc_boxes/ and crowds/ (recall, counts)":
        "含 voc_boxes/ 和 crowds/ 的文件夹（召回率、计数）",
    "skip the scale sweep (one portrait from 200 to 4000 px, both modes)":
        "跳过尺寸扫描（同一人像从 200 到 4000 像素，两种模式）",
    "LFW folder: count photos in which each mode finds no face":
        "LFW 文件夹：统计每种模式未检出人脸的照片数",
    "only N LFW photos, spread out": "只取均匀分布的 N 张 LFW 照片",
    "draw other random lists (the figures move about 0.6 points)":
        "换一组随机名单（结果约有 0.6 个百分点的波动）",
    "also sweep N random LFW people's first photos (as they are and as wide shots) "
    "through every size, with --lfw":
        "另取 N 位随机 LFW 人物的第一张照片（原图及放入大画面的广角图）逐一缩放到各尺寸检测"
        "（需配合 --lfw）",
    "write overlay PNGs for checking by eye to this folder":
        "将供人工查看的标注 PNG 图片写入此文件夹",
    "median milliseconds of each step on this machine": "本机各步骤耗时的中位数（毫秒）",
    "ORL/Yale identification, one image enrolled per person":
        "ORL/Yale 识别，每人登记一张图像",
    "folder with orl/ and/or yale/": "含 orl/ 和/或 yale/ 的文件夹",
    "folder with orl/, yale/ and/or lfw/": "含 orl/、yale/ 和/或 lfw/ 的文件夹",
    "random LFW lists": "LFW 随机名单数",
    "ms per face of a session's decision with 5,000 competitors":
        "含 5000 名竞争者时每张人脸的判定耗时（毫秒）",
    "timed runs per figure": "每项计时的运行次数",
    "default: the shipped LFW estimate":
        "默认：随软件提供的 LFW 估计值",
    "strangers proposed and students matched on 45-person lists":
        "开集识别：45 人名单上陌生人被误认与本人被识别的比例",
    "folder with lfw/, orl/ and/or yale/": "含 lfw/、orl/ 和/或 yale/ 的文件夹",
    "random lists per protocol": "每种协议的随机名单数",
    "descriptor cache file (.npz) to reuse between runs":
        "可在多次运行间复用的特征缓存文件（.npz）",
    # init, notice, settings
    "create a station: database, key, administrator, first notice":
        "初始化工作站：数据库、密钥、管理员、首版告知书",
    "school name (the processor)": "学校名称（个人信息处理者）",
    "contact for personal information": "个人信息事务的联系方式",
    "first administrator's user name": "首位管理员的用户名",
    "the notice to people": "告知书",
    "publish a new notice version: FIELD=VALUE (FIELD.zh=/FIELD.en= for one language)":
        "发布新版告知书：FIELD=VALUE（只改一种语言时用 FIELD.zh=/FIELD.en=）",
    "print the current notice": "显示当前告知书",
    "station settings": "工作站设置",
    "print the settings": "显示设置",
    "change settings: KEY=VALUE (JSON values)": "修改设置：KEY=VALUE（值为 JSON）",
    # roster, people, consent, enrol
    "import a class or exam list": "导入班级名单或考生名单",
    "import a CSV (UTF-8/GBK) or XLSX roster": "导入 CSV（UTF-8/GBK）或 XLSX 名单",
    "the file is the whole roster: mark active people not in it as left "
    "(admin; refused while the file has bad rows)":
        "文件即完整名单：将不在其中的在册人员标记为已离开（管理员；文件有错误行时拒绝执行）",
    "with --mark-missing-left: only people of the classes in the file":
        "与 --mark-missing-left 一起使用：只处理文件中出现的班级的人员",
    "people on the roster": "名单中的人员",
    "list people": "列出人员",
    "part of a name, a number or an ID-card number": "姓名的一部分、学号/考号或身份证号",
    "one person, with template count and consent": "查看一个人，含人脸特征数与同意情况",
    "everything held about a person (access request)": "导出所持有的某人的全部信息（查阅请求）",
    "erase a person entirely, with a receipt": "彻底删除一个人，并出具回执",
    "mark a person as left (retention removes templates)":
        "将某人标记为已离开（保存期满后删除其人脸特征）",
    "consent to face recognition": "人脸识别同意",
    "record consent given against the current notice": "记录依据当前告知书作出的同意",
    "withdraw consent: templates deleted at once, receipt":
        "撤回同意：立即删除人脸特征，并出具回执",
    "a person's consent history": "某人的同意记录",
    "enrol faces from photos": "从照片登记人脸",
    "photos named by number (2024001.jpg)": "照片以学号/考号命名（如 2024001.jpg）的文件夹",
    # session, checkin, purge
    "exam rooms and class periods": "场次：考场与课堂",
    "create a session; prints its id": "创建场次；输出其编号",
    "exam name or subject": "考试名称或科目",
    "candidate list file (number, name, seat, ...)": "考生名单文件（考号、姓名、座位……）",
    "comma-separated numbers of people already on the roster":
        "已在名单中的人员的学号/考号，用逗号分隔",
    "start time, e.g. 2025-06-07T09:00": "开始时间，如 2025-06-07T09:00",
    "open a session for check-ins": "开始场次，接受签到",
    "close a session": "结束场次",
    "a session's attendance": "某场次的签到情况",
    "list sessions": "列出场次",
    "legal basis: consent (default) or --statutory TEXT (admin, exams)":
        "法律依据：同意（默认），或 --statutory TEXT（管理员，仅限考试）",
    "the rule relied on": "所依据的规定",
    "correct a status (kept with who and why)": "更正签到状态（记录更正人和原因）",
    "check a person in: manually, or faces from an image/video":
        "签到：人工签到，或从图像/视频中识别人脸",
    "session id": "场次编号",
    "--image/--video is the unattended path: every confident match is recorded at once, "
    "without a person confirming it. --image F --propose only lists the matches (a roll "
    "call to confirm in the window).":
        "--image/--video 为无人值守方式：所有可信比对结果立即记录，不经人工确认。"
        "--image 文件 --propose 只列出比对建议（在窗口中确认的点名）。",
    "photo: record every confident match (unattended)":
        "照片：直接记录所有可信比对结果（无人值守）",
    "video: record every confident match (unattended)":
        "视频：直接记录所有可信比对结果（无人值守）",
    "with --image: list the proposed matches, record nothing":
        "与 --image 同用：只列出比对建议，不记录",
    "use every Nth video frame": "视频每 N 帧取一帧",
    "delete data past its retention period, with a receipt":
        "清除超过保存期限的数据，并出具回执",
    # audit, filing, key, backup, restore, user
    "the audit log": "审计日志",
    "check the hash chain; exit 1 if any row was changed":
        "校验哈希链；有记录被改动时退出码为 1",
    "print audit entries, newest first": "显示审计记录，最新的在前",
    "export who and what data may be affected by an incident":
        "导出安全事件可能影响的人员和数据",
    "start of the window (ISO time); none: everyone": "时间范围的起点（ISO 时间）；不填则为所有人",
    "people with facial data and the filing": "备案：持有人脸信息的人数与备案材料",
    "count against the filing threshold": "统计人数，与需要备案的人数门槛比较",
    "write the filing data (JSON)": "写出备案数据（JSON）",
    "back up or import the template key": "备份或导入模板密钥",
    "write the key, sealed with a passphrase, to a new file (admin)":
        "将密钥用口令加密封存后写入新文件（管理员）",
    "store the key from a key file (a station moved to a new PC)":
        "从密钥文件导入密钥（工作站迁移到新电脑时）",
    "or HEADCOUNT_PASSPHRASE; else a prompt": "口令，或用 HEADCOUNT_PASSPHRASE；否则提示输入",
    "one archive: database copy and the sealed key (admin)":
        "备份为一个归档文件：数据库副本和加密封存的密钥（管理员）",
    "restore a backup into an empty --data-dir "
    "(an admin of the backed-up station signs in with --user)":
        "将备份恢复到空的 --data-dir（由原工作站的管理员用 --user 登录）",
    "an erasure ledger (STATION.erasures from the old key folder) whose withdrawals and "
    "deletions are applied again; repeatable":
        "删除台账（原密钥文件夹中的 STATION.erasures），其中的撤回和删除会再次执行；可重复",
    "erasures after a restore": "恢复后的删除台账",
    "confirm nobody held after a restore was erased later: their faces are matched again "
    "(admin)": "确认恢复后暂停比对的人在备份之后无人被删除：恢复对其人脸比对（管理员）",
    "users and roles": "用户与角色",
    "add a user (admin only)": "添加用户（仅限管理员）",
    "the new user's password, at least 8 characters (or HEADCOUNT_NEW_PASSWORD; else a "
    "prompt)": "新用户的密码，至少 8 个字符（或用 HEADCOUNT_NEW_PASSWORD；否则提示输入）",
    "the new password, at least 8 characters (or HEADCOUNT_NEW_PASSWORD; else a prompt)":
        "新密码，至少 8 个字符（或用 HEADCOUNT_NEW_PASSWORD；否则提示输入）",
    "change a password (one's own, or any as admin)": "修改密码（本人的；管理员可改任何人的）",
    "list users": "列出用户",
    # print, export
    "print a document to PDF": "将文件打印为 PDF",
    "Print a document (A4 PDF, Chinese or English with --lang).":
        "打印文件（A4 PDF，用 --lang 选择中文或英文）。",
    "the notice slip, every field and its version": "告知书：所有条目及其版本",
    "where to write (PDF)": "输出文件（PDF）",
    "the A4 entrance sign": "A4 入口告示",
    "rules for children's facial information, PIPL 28 and 31, Measures Art. 7":
        "未成年人人脸信息处理规则（《个人信息保护法》第二十八、三十一条，《办法》第七条）",
    "an invigilator who signs the report (repeat for each)":
        "在报告上签字的监考人员（每人重复一次此选项）",
    "record where a camera is installed and who checked it (C13)":
        "登记摄像头的安装位置及位置核查人（C13）",
    "the camera: its number, address or name": "摄像头：编号、地址或名称",
    "where it is installed": "安装位置",
    "who checked it against the guide": "对照安装指引核查的人",
    "date of the check, YYYY-MM-DD (default: today)": "核查日期，YYYY-MM-DD（默认：今天）",
    "large print (18 pt body) for people with poor sight":
        "大字版（正文 18 磅），供视力不佳者阅读",
    "where cameras may and may not be installed, C13":
        "摄像头安装位置指引：哪里可以、哪里不可以安装（C13）",
    "consent slips: one person, or a class one per page": "同意书：一个人，或全班每人一页",
    "student or candidate number": "学号或考号",
    "every active person of class C": "班级 C 的所有在册人员",
    "the attendance report of a session, to sign": "场次签到报告，供签字",
    "a class's attendance over a date range, with a chart":
        "学期考勤：某班在一段日期内的考勤，附图表",
    "YYYY-MM-DD": "日期，格式为 YYYY-MM-DD",
    "the pre-filled impact assessment, administrators only":
        "预先填好的个人信息保护影响评估（仅限管理员）",
    "the filing data, administrators only": "备案材料（仅限管理员）",
    "a deletion or purge receipt": "删除回执或清除回执",
    "export data to a file": "将数据导出到文件",
    "a session's attendance as CSV or XLSX": "将场次考勤导出为 CSV 或 XLSX",
    "A session's attendance as CSV (UTF-8 with BOM, opens in Excel) or XLSX.":
        "将场次考勤导出为 CSV（带 BOM 的 UTF-8，可用 Excel 打开）或 XLSX。",
    # demo, doctor
    "open Headcount on a built-in demo station": "用内置的演示工作站打开 Headcount",
    "play a video file as a live feed (repeat for more feeds)":
        "将视频文件当作实时画面播放（可重复使用以添加多路画面）",
    "camera number, rtsp:// or http:// address, or demo: (repeatable)":
        "摄像头编号、rtsp:// 或 http:// 地址，或 demo:（可重复使用）",
    "entrance desk (near faces) or classroom (whole room)":
        "entrance：入口核验台（近处人脸）；classroom：教室（整个教室）",
    "stop each feed after N frames, print figures and quit":
        "每路画面处理 N 帧后停止，输出统计数字并退出",
    "no display needed (Qt offscreen platform)": "无需显示器（Qt offscreen 平台）",
    "save screenshots of the main screens to DIR and quit": "将主要界面的截图保存到 DIR 后退出",
    "do not restart a video at its end": "视频播完后不从头重播",
    "keep the demo station here (default: the per-user demo folder)":
        "演示工作站的存放位置（默认：当前用户的演示文件夹）",
    "delete the demo station first and build it again": "先删除演示工作站，再重新创建",
    # issue 12: the Measures article by article (cli/law.py and flags elsewhere)
    "the impact assessment record": "影响评估记录",
    "record that the impact assessment was completed and signed (admin)":
        "记录影响评估已完成并签字（管理员）",
    "when the impact assessment was done, and the last measured false-match rate":
        "影响评估的完成日期，以及最近一次实测的误识率",
    "the day it was done, YYYY-MM-DD (default: today)": "完成日期，YYYY-MM-DD（默认：今天）",
    "a minor edit (not the purpose, method or retention): earlier consents stay valid; "
    "the reason is audited (admin)":
        "非重大修改（不涉及处理目的、方式或保存期限）：此前的同意继续有效；理由记入审计日志（管理员）",
    "only people whose consent predates a material notice change":
        "只列出同意早于告知书重大变更、须重新同意的人员",
    "everyone whose consent predates a material notice change":
        "同意早于告知书重大变更、须重新同意的所有人员",
    "signed slip number or scan file name (required for a guardian)":
        "签字同意书编号或扫描件文件名（监护人同意时必填）",
    "run a session with or without the camera (without: nobody is analysed, manual checks "
    "only)": "场次是否使用摄像头（不使用时不分析任何人脸，仅人工核验）",
    "without the camera": "不使用摄像头",
    "with the camera again": "重新使用摄像头",
    "add another station's signed count to the school's total (admin)":
        "将其他工作站已签名的人数计入全校总数（管理员）",
    "also write this station's own count, signed, for the school's other stations to import":
        "同时写出本工作站已签名的人数，供本校其他工作站导入",
    "a file written by `filing status --signed-out`": "由 `filing status --signed-out` 写出的文件",
    "the window with live feeds for a long run: memory, lateness, reference counts":
        "窗口长时间运行：内存、延迟、引用计数",
    "minutes of frames per feed (15 frames a second)": "每路画面的帧数，以分钟计（每秒 15 帧）",
    "generated demo feeds side by side": "同时播放的演示画面路数",
    "play the frames as fast as they are analysed, not in real time":
        "按分析速度尽快播放画面，而非实时播放",
    "build the demo station here (default: a temporary folder)":
        "演示工作站的创建位置（默认：临时文件夹）",
    "check that this PC can run Headcount": "自检：检查本机能否运行 Headcount",
    "do not probe cameras (e.g. while the window uses them)":
        "不探测摄像头（例如窗口正在使用摄像头时）",
    "check the model files only, do not load the models": "只检查模型文件，不加载模型",
}

# argparse's own words (its gettext message ids, Python 3.11-3.13) -> Chinese.
ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少以下必需参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项不明确：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了显式给出的值 %r",
    "one of the arguments %s is required": "必须提供以下参数之一：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
}

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# A trailing "(...)" or "（...）" holding Chinese, and the pieces inside it.
_TAIL = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
_PIECES = re.compile(r"\s*[,;，；]\s*")


def english(text: str) -> str:
    """The text without its Chinese: "backup (备份, admin)" -> "backup (admin)"."""
    m = _TAIL.search(text)
    if not m or not _CJK.search(m.group(1)):
        return text
    rest = [p for p in _PIECES.split(m.group(1)) if p and not _CJK.search(p)]
    head = text[: m.start()]
    return f"{head} ({'; '.join(rest)})" if rest else head


def chinese(text: str) -> str | None:
    """The Chinese for a help text: the catalogue's, else the "(中文)" part, else None."""
    key = english(text)
    if key in HELP_ZH:
        return HELP_ZH[key]
    if key in ARGPARSE_ZH:
        return ARGPARSE_ZH[key]
    m = _TAIL.search(text)
    if m:
        pieces = [p for p in _PIECES.split(m.group(1)) if _CJK.search(p)]
        if pieces:
            return "，".join(pieces)
    return None


def _pattern(msgid: str) -> re.Pattern[str]:
    """A regex matching argparse's msgid once formatted; each %-field is a named group."""
    parts: list[str] = []
    pos = 0
    for n, m in enumerate(re.finditer(r"%\((\w+)\)[sr]|%[sr]", msgid)):
        parts.append(re.escape(msgid[pos : m.start()]))
        name = m.group(1) or f"_{n}"
        parts.append(f"(?P<{name}>.*?)")
        pos = m.end()
    parts.append(re.escape(msgid[pos:]))
    return re.compile("".join(parts), re.DOTALL)


def _fill(template: str, fields: dict[str, str]) -> str:
    """Put already formatted values back into a Chinese msgid (no second repr)."""
    n = itertools.count()

    def value(m: re.Match[str]) -> str:
        return fields[m.group(1) or f"_{next(n)}"]

    return re.sub(r"%\((\w+)\)[sr]|%[sr]", value, template)


_ERRORS = [(_pattern(en), zh) for en, zh in ARGPARSE_ZH.items() if "%" in en and
           not en.startswith("%(prog)s")]


def argparse_message(message: str) -> str:
    """One of argparse's formatted error messages in Chinese (unknown ones unchanged)."""
    if message in ARGPARSE_ZH:
        return ARGPARSE_ZH[message]
    for pattern, zh in _ERRORS:
        m = pattern.fullmatch(message)
        if m:
            fields = dict(m.groupdict())
            if "message" in fields:  # "argument X: <inner message>"
                fields["message"] = argparse_message(fields["message"])
            return _fill(zh, fields)
    return message
