"""The catalogue of report wording, every entry in Simplified Chinese and English."""

from __future__ import annotations

from headcount.i18n import Text

T: dict[str, Text] = {
    # shared
    "page_n_of": Text("Page {n} of {total}", "第 {n} 页 / 共 {total} 页"),
    "printed_on": Text("Printed {when}", "打印时间 {when}"),
    "notice_version": Text("Notice version {version}", "告知书版本 {version}"),
    "effective": Text("In effect from", "生效日期"),
    "date": Text("Date", "日期"),
    "signature": Text("Signature", "签名"),
    "yes": Text("yes", "是"),
    "no": Text("no", "否"),
    # notice fields (C2)
    "f_processor": Text("Personal information processor", "个人信息处理者"),
    "f_contact": Text("Contact", "联系方式"),
    "f_purpose": Text("Purpose", "处理目的"),
    "f_method": Text("Method", "处理方式"),
    "f_retention": Text("Retention period", "保存期限"),
    "f_necessity": Text("Why face processing is necessary, and its effect on your rights",
                        "处理人脸信息的必要性及对个人权益的影响"),
    "f_rights": Text("Your rights: access, deletion, withdrawal of consent",
                     "您的权利：查阅、删除、撤回同意"),
    "f_alternative": Text("Alternative to face recognition", "人脸识别之外的替代方式"),
    "f_questions": Text("Questions", "咨询"),
    # notice slip and sign
    "notice_title": Text("Notice on the processing of facial information",
                         "人脸信息处理告知书"),
    "notice_intro": Text(
        "{school} uses face recognition to check attendance and exam entry. Please read "
        "this notice before any facial information is processed.",
        "{school}使用人脸识别进行考勤和考场入场核验。在处理任何人脸信息之前，请阅读本告知书。"),
    "notice_voluntary": Text(
        "Face recognition is voluntary. Choosing the alternative carries no penalty, delay or "
        "mark of any kind: the check-in counts exactly the same.",
        "人脸识别完全自愿。选择替代方式不会带来任何不利后果、延误或标记，核验结果具有同等效力。"),
    "notice_title_large": Text("Notice on the processing of facial information (large print)",
                               "人脸信息处理告知书（大字版）"),
    "sign_title": Text("Face recognition in use", "人脸识别使用中"),
    "sign_subtitle": Text("Attendance and exam entry checks", "用于考勤及考场入场核验"),
    "sign_alternative": Text("You may choose not to use it", "您可以选择不使用人脸识别"),
    "sign_ask": Text("Ask here", "咨询"),
    # consent slip
    "consent_title": Text("Consent to the processing of facial information",
                          "人脸信息处理同意书"),
    "consent_title_guardian": Text(
        "Guardian's consent to the processing of a child's facial information",
        "监护人同意处理未满十四周岁未成年人人脸信息同意书"),
    "consent_person": Text("Student / candidate", "学生 / 考生"),
    "consent_number": Text("Number", "学号 / 考号"),
    "consent_class": Text("Class", "班级"),
    "consent_birth": Text("Date of birth", "出生日期"),
    "consent_notice_head": Text("The notice (please read)", "告知内容（请阅读）"),
    "consent_statement_head": Text("Consent statement (separate from any other terms)",
                                   "同意声明（单独同意，不与其他事项捆绑）"),
    "consent_statement": Text(
        "I have read the notice above (version {version}). I understand that giving consent is "
        "voluntary, that I can withdraw it at any time, and that withdrawal deletes the stored "
        "facial templates. Please tick ONE box:",
        "本人已阅读上述告知书（版本 {version}），知悉同意完全自愿，可随时撤回；"
        "撤回后已存储的人脸特征将被删除。请在下列选项中勾选一项："),
    "consent_statement_guardian": Text(
        "I am the guardian of the child named above. I have read the notice above (version "
        "{version}). I understand that giving consent is voluntary, that I can withdraw it at "
        "any time, and that withdrawal deletes the stored facial templates. Please tick ONE box:",
        "本人系上述未成年人的监护人，已阅读上述告知书（版本 {version}），"
        "知悉同意完全自愿，可随时撤回；撤回后已存储的人脸特征将被删除。请在下列选项中勾选一项："),
    "consent_yes": Text(
        "I consent to face recognition for attendance and exam entry checks as described.",
        "同意按上述告知内容，将人脸识别用于考勤及考场入场核验。"),
    "consent_no": Text(
        "I do not consent. Use the alternative (manual ID check) instead; this counts the same.",
        "不同意。请使用替代方式（人工核验身份），核验结果具有同等效力。"),
    "consent_sign_person": Text("Signature of the student / candidate",
                                "学生 / 考生签名"),
    "consent_sign_guardian": Text("Signature of the guardian", "监护人签名"),
    "consent_guardian_name": Text("Guardian's name", "监护人姓名"),
    "consent_relationship": Text("Relationship to the child", "与未成年人关系"),
    "consent_return": Text(
        "Return this slip to the class teacher. Until it is returned with consent, the "
        "student is checked by the alternative method.",
        "请将本同意书交回班主任。交回并同意之前，将使用替代方式进行核验。"),
    "consent_office": Text("For the school: recorded on ____ by ________",
                           "学校填写：于 ____ 由 ________ 录入"),
    # children's rules (PIPL 28, 31; Measures Art. 7)
    "children_title": Text("Rules for processing the facial information of children under 14",
                           "未满十四周岁未成年人人脸信息处理规则"),
    "children_intro": Text(
        "The personal information of a child under 14 is sensitive personal information "
        "(Personal Information Protection Law, Article 28). Under Article 31 of that law and "
        "Article 7 of the Measures for the Security Management of Facial Recognition "
        "Technology Applications, a child's facial information is processed only with the "
        "consent of a parent or other guardian and under specific rules. {school} follows "
        "these rules in addition to the general notice (version {version}).",
        "根据《个人信息保护法》第二十八条，不满十四周岁未成年人的个人信息属于敏感个人信息。"
        "依照该法第三十一条和《人脸识别技术应用安全管理办法》第七条，处理未成年人人脸信息应当取得"
        "其父母或者其他监护人的同意，并制定专门的处理规则。"
        "{school}在一般告知书（版本 {version}）之外，遵守以下专门规则。"),
    "children_rules": Text(
        "Consent comes from a parent or other guardian, in writing, separately from any other "
        "terms. A child's own consent is not enough.|"
        "Facial information is used only to check attendance and exam entry against the list of "
        "the child's own class or exam room. It is never used to analyse emotions, attention or "
        "behaviour.|"
        "Only face templates (numbers) are stored, encrypted, on the school's own computer. No "
        "camera pictures are kept, and nothing is sent over the internet.|"
        "Only authorised teachers and invigilators can use the system; every action is logged.|"
        "Retention: {retention} Templates are also deleted at once when the guardian "
        "withdraws consent.|"
        "A child whose guardian does not consent is checked by the alternative method, with the "
        "same standing and without any mark, delay or disadvantage.|"
        "The guardian may ask to see, correct or delete the child's information, or withdraw "
        "consent, at any time: {contact}.|"
        "If a security incident affects the child's information, the school informs the "
        "guardian and takes remedial measures.",
        "监护人（父母或其他监护人）以书面形式单独同意；仅有未成年人本人的同意无效。|"
        "人脸信息仅用于与本班级或本考场名单比对，进行考勤和入场核验；不用于分析情绪、注意力或行为。|"
        "仅在学校自有计算机上加密存储人脸特征（数值）；不保存摄像头图像，不通过互联网传输。|"
        "仅经授权的教师和监考人员可以使用本系统，所有操作均有记录。|"
        "保存期限：{retention}监护人撤回同意时，人脸特征立即删除。|"
        "监护人不同意的，使用替代方式核验，具有同等效力，不作任何标记，不造成任何延误或不利影响。|"
        "监护人可随时要求查阅、更正、删除未成年人的信息或撤回同意：{contact}。|"
        "发生影响未成年人信息的安全事件时，学校将告知监护人并采取补救措施。"),
    "children_contact": Text("Person responsible and contact", "负责人及联系方式"),
    # receipts
    "deletion_title": Text("Receipt: withdrawal of consent and deletion of facial data",
                           "回执：撤回同意及删除人脸信息"),
    "purge_title": Text("Receipt: facial data deleted at the end of the retention period",
                        "回执：保存期限届满删除人脸信息"),
    "receipt_id": Text("Receipt number", "回执编号"),
    "receipt_when": Text("Date and time", "时间"),
    "receipt_person": Text("Person", "当事人"),
    "receipt_requested_by": Text("Requested by", "申请人"),
    "receipt_operator": Text("Carried out by", "经办人"),
    "receipt_templates": Text("Face templates deleted", "已删除人脸特征数"),
    "receipt_consent": Text("Consent withdrawn", "同意已撤回"),
    "receipt_audit": Text("Audit log entry", "审计日志记录"),
    "receipt_rule": Text("Retention rule", "保存规则"),
    "receipt_auto": Text("automatic purge", "自动清除"),
    "receipt_items": Text("People whose facial data was deleted", "已删除人脸信息的人员"),
    "receipt_total": Text("Total: {people} people, {templates} templates",
                          "合计：{people} 人，{templates} 个人脸特征"),
    "deletion_after": Text(
        "From now on this person is checked by the alternative method (manual ID check), with "
        "the same standing as a face check. No face template of this person remains in the "
        "station's database.",
        "自即日起，当事人使用替代方式（人工核验身份）进行核验，与人脸核验具有同等效力。本系统数据库中"
        "已不保留当事人的任何人脸特征。"),
    "purge_after": Text(
        "These face templates were deleted because their retention period ended. The people "
        "concerned are checked by the alternative method until they enrol again with consent.",
        "上述人脸特征因保存期限届满已被删除。相关人员在重新同意并注册之前，使用替代方式进行核验。"),
    "col_number": Text("Number", "学号/考号"),
    "col_name": Text("Name", "姓名"),
    "col_templates": Text("Templates", "特征数"),
    "col_enrolled": Text("Enrolled", "注册日期"),
    "col_expired": Text("Expired", "到期日期"),
    # attendance report
    "report_title_exam": Text("Exam attendance report", "考场签到报告"),
    "report_title_class": Text("Class attendance report", "课堂考勤报告"),
    "h_session": Text("Session", "场次"),
    "h_exam": Text("Exam", "考试科目"),
    "h_class": Text("Class", "班级"),
    "h_room": Text("Room", "考场/教室"),
    "h_scheduled": Text("Scheduled", "计划时间"),
    "h_opened_closed": Text("Opened / closed", "开始 / 结束"),
    "h_legal_basis": Text("Legal basis", "法律依据"),
    "h_invigilators": Text("Invigilators / teachers", "监考 / 教师"),
    "h_invigilators_none": Text("not named on the session: write the names below",
                                "场次未登记：请在下方填写姓名"),
    "h_operators": Text("Station operated by (accounts)", "操作账号"),
    "basis_consent": Text("consent of the person or guardian (PIPL 13(1), 29, 31)",
                          "个人或监护人单独同意（《个人信息保护法》第十三、二十九、三十一条）"),
    "basis_statutory": Text("statutory duty for a state exam (PIPL 13(3))",
                            "国家考试法定职责（《个人信息保护法》第十三条第一款第三项）"),
    "basis_statutory_duty": Text("statutory duty for a state exam (PIPL 13(3))",
                                 "国家考试法定职责（《个人信息保护法》第十三条第一款第三项）"),
    "col_seat": Text("Seat", "座位"),
    "col_status": Text("Status", "状态"),
    "col_time": Text("Time", "时间"),
    "col_method": Text("Method", "方式"),
    "col_reason": Text("Reason / note", "原因 / 备注"),
    "status_present": Text("present", "已到"),
    "status_late": Text("late", "迟到"),
    "status_absent": Text("absent", "缺席"),
    "status_excused": Text("excused", "请假"),
    "status_pending": Text("not checked", "未核验"),
    "method_face": Text("face", "人脸"),
    "method_manual": Text("manual", "人工"),
    "h_roster": Text("Roster", "名单"),
    "h_counts": Text("Counts", "统计"),
    "counts_line": Text(
        "Expected {total} · present {present} · late {late} · absent {absent} · excused "
        "{excused} · not checked {pending}",
        "应到 {total} · 已到 {present} · 迟到 {late} · 缺席 {absent} · 请假 {excused} · "
        "未核验 {pending}"),
    "h_incidents": Text("Incidents and corrections", "异常及更正记录"),
    "no_incidents": Text("None.", "无。"),
    "col_kind": Text("What", "类型"),
    "col_detail": Text("Detail", "详情"),
    "col_person": Text("Person", "人员"),
    "col_by": Text("By", "操作人"),
    "col_why": Text("Why", "原因"),
    "incident_duplicate_room": Text("on another room's list", "属其他考场名单"),
    "incident_double_checkin": Text("checked in twice", "重复签到"),
    "incident_correction": Text("correction", "更正"),
    "incident_camera": Text("camera", "摄像头"),
    "incident_other": Text("other", "其他"),
    "h_signatures": Text("Signatures", "签字确认"),
    "sign_invigilator": Text("Invigilator / teacher: {name}", "监考 / 教师：{name}"),
    "sign_blank_invigilator": Text("Invigilator / teacher (name and signature)",
                                   "监考 / 教师（姓名及签名）"),
    "sign_date": Text("Date and time", "日期及时间"),
    # term report
    "term_title": Text("Term attendance report", "学期考勤报告"),
    "term_range": Text("From {start} to {end}", "{start} 至 {end}"),
    "term_summary": Text("{students} · {days} with attendance · average rate {rate}",
                         "学生 {students} · 考勤 {days} · 平均出勤率 {rate}"),
    "n_days": Text("{n} days|{n} day", "{n} 天"),
    "n_students": Text("{n} students|{n} student", "{n} 人"),
    "col_sessions": Text("Sessions", "场次"),
    "col_present": Text("Present", "已到"),
    "col_late": Text("Late", "迟到"),
    "col_absent": Text("Absent", "缺席"),
    "col_excused": Text("Excused", "请假"),
    "col_rate": Text("Rate", "出勤率"),
    "chart_title": Text("Attendance rate per day (%)", "每日出勤率（%）"),
    "chart_title_week": Text("Attendance rate per week, by its Monday (%)",
                             "每周出勤率（按周一标注，%）"),
    "no_days": Text("No attendance was taken in this period.", "本时段内无考勤记录。"),
    # PIA and filing
    "pia_title": Text("Personal information protection impact assessment",
                      "个人信息保护影响评估报告"),
    "pia_intro": Text(
        "Pre-filled by Headcount from the station's configuration and processing log on "
        "{when}, as the Measures on facial recognition require before faces are processed "
        "(Measures art. 9; PIPL 55, 56). Review it, complete the assessment of risks, keep it "
        "for at least three years, and redo it after any change of purpose, method or "
        "safeguards and after any incident.",
        "本报告由 Headcount 于 {when} 根据本机配置和处理记录预先填写，系处理人脸信息前须开展的"
        "个人信息保护影响评估（《人脸识别技术应用安全管理办法》第九条；《个人信息保护法》第五十五、"
        "五十六条）。请审阅并完成风险评估，至少保存三年；处理目的、方式或保护措施变化后，以及发生"
        "安全事件后，应重新评估。"),
    "pia_done_on": Text("Assessment recorded as done on", "评估完成日期（已记录）"),
    "pia_not_done": Text("not yet recorded", "尚未记录"),
    "pia_credit_code": Text("Unified social credit code", "统一社会信用代码"),
    "pia_false_match": Text("Measured false-match rate (headcount calibrate)",
                            "实测误识率（headcount calibrate）"),
    "pia_false_match_none": Text("not measured yet: run headcount calibrate",
                                 "尚未测量：请运行 headcount calibrate"),
    "pia_period": Text("Period covered", "评估期间"),
    "pia_h_basic": Text("1. Processor and purpose", "一、处理者及处理目的"),
    "pia_h_data": Text("2. Personal information processed", "二、处理的个人信息"),
    "pia_h_retention": Text("3. Retention", "三、保存期限"),
    "pia_h_safeguards": Text("4. Safeguards", "四、安全保护措施"),
    "pia_h_counts": Text("5. Figures from the processing log", "五、处理记录统计"),
    "pia_h_assessment": Text("6. Assessment (to be completed by the school)",
                             "六、评估结论（由学校填写）"),
    "pia_data_default": Text(
        "Name, student or candidate number, class, date of birth|"
        "Face templates (128 numbers each, encrypted; no pictures)|"
        "Consent records: who consented, guardian name and relationship, time, notice version|"
        "Attendance records: session, time, status, method (face or manual)|"
        "Audit log of operators' actions (no facial data)",
        "姓名、学号或考号、班级、出生日期|"
        "人脸特征（每人 128 个数值，加密存储；不保存图像）|"
        "同意记录：同意人、监护人姓名及关系、时间、告知书版本|"
        "考勤记录：场次、时间、状态、方式（人脸或人工）|"
        "操作人员的审计日志（不含人脸信息）"),
    "pia_safeguards_default": Text(
        "Processing only on the school's own computer; no network in the recognition path|"
        "Face templates encrypted at rest; camera frames never written to disk|"
        "Matching only against the roster of the session at hand|"
        "Role-based access with passwords and lockout; tamper-evident audit log|"
        "Separate, recorded consent; guardian consent for children under 14|"
        "An alternative (manual ID check) with equal standing, always available|"
        "Automatic deletion at the end of the retention period; deletion on withdrawal",
        "仅在学校自有计算机上处理；识别过程不联网|"
        "人脸特征加密存储；摄像头画面不写入磁盘|"
        "仅与当前场次名单比对|"
        "基于角色的访问控制、密码及锁定；防篡改审计日志|"
        "单独同意并记录；未满十四周岁须监护人同意|"
        "始终提供具有同等效力的替代方式（人工核验身份）|"
        "保存期限届满自动删除；撤回同意即删除"),
    "pia_c_people": Text("People on the rosters", "名单人数"),
    "pia_c_with_templates": Text("People with stored facial data", "存储人脸信息人数"),
    "pia_c_consents": Text("Consent records in force", "有效同意记录"),
    "pia_c_guardian_consents": Text("  of which by a guardian", "  其中监护人同意"),
    "pia_c_withdrawals": Text("Withdrawals (templates deleted)", "撤回同意（已删除）"),
    "pia_c_sessions": Text("Attendance sessions", "考勤场次"),
    "pia_c_face_checkins": Text("Check-ins by face", "人脸核验次数"),
    "pia_c_manual_checkins": Text("Check-ins by manual ID check", "人工核验次数"),
    "pia_c_purged": Text("Templates deleted by retention", "到期删除的人脸特征"),
    "pia_filing_status": Text(
        "Filing threshold: {count} of {threshold} people with stored facial data (warning at "
        "{warning}).",
        "备案标准：存储人脸信息 {count} 人，备案门槛 {threshold} 人（预警线 {warning} 人）。"),
    "pia_filing_due": Text(
        "The threshold is reached: file with the provincial-level or higher cyberspace "
        "administration within 30 working days (Measures art. 15).",
        "已达到备案标准：应在 30 个工作日内向省级以上网信部门备案（《办法》第十五条）。"),
    "pia_filing_reached": Text("Reached on {day}; file by {deadline} (30 working days).",
                               "于 {day} 达到；应于 {deadline} 前备案（30 个工作日）。"),
    "pia_filing_warn": Text("The warning level is reached: prepare the filing.",
                            "已达到预警线：请准备备案材料。"),
    "pia_assess_items": Text(
        "Is the purpose lawful, legitimate and necessary?|"
        "Is the impact on individuals' rights and the security risk proportionate?|"
        "Risks of the facial information being leaked, tampered with, lost, damaged or "
        "used illegally, and the harm each could do to the people concerned|"
        "Are the safeguards lawful, effective and proportionate to the risk? Have they been "
        "checked to work (key outside the database, audit chain verified, deletion receipts)?|"
        "The measured false-match rate (section 1) and what a false match would cause|"
        "When this assessment is redone: after a change of purpose, method or safeguards "
        "(a new notice version), after an incident, and at the latest on:|"
        "Conclusion and measures to take",
        "处理目的、处理方式是否合法、正当、必要？|"
        "对个人权益的影响及安全风险是否相称？|"
        "人脸信息泄露、篡改、丢失、毁损或者被非法使用的风险，以及可能对个人造成的危害|"
        "所采取的保护措施是否合法、有效并与风险程度相适应？是否已核实其有效"
        "（密钥存放于数据库之外、审计链校验、删除回执）？|"
        "实测误识率（见第一部分）以及误识可能造成的后果|"
        "重新评估的时机：处理目的、方式或保护措施变化（告知书新版本）后，发生安全事件后，"
        "最迟于：|"
        "评估结论及拟采取的措施"),
    "pia_assessor": Text("Assessed by", "评估人"),
    "filing_title": Text("Filing data: facial recognition application",
                         "人脸识别技术应用备案材料"),
    "filing_intro": Text(
        "Data for filing with the provincial-level or higher cyberspace administration "
        "within 30 working days of storing the facial information of 100,000 people "
        "(Measures for the Security Management of Facial Recognition Technology Applications, "
        "Article 15), pre-filled on {when}. Changes to the filed information, and the end of "
        "the application, are filed within 30 working days too.",
        "依据《人脸识别技术应用安全管理办法》第十五条，人脸信息存储量达到10万人的，应当在30个"
        "工作日内向所在地省级以上网信部门备案；本材料于 {when} 预先填写。备案信息变更或者终止"
        "应用的，亦应在30个工作日内办理变更或注销手续。"),
    "filing_authority": Text("Filed with", "备案机关"),
    "filing_authority_name": Text("Provincial-level or higher cyberspace administration",
                                  "省级以上网信部门"),
    "filing_reached": Text("100,000 people first reached on", "首次达到10万人的日期"),
    "filing_deadline": Text("File by (30 working days)", "备案期限（30个工作日）"),
    "filing_not_reached": Text("not reached", "未达到"),
    "filing_volume": Text("Volume: people with stored facial data", "存储人脸信息数量（人）"),
    "filing_responsible": Text("Person responsible for personal information protection",
                               "个人信息保护负责人"),
    "filing_h_safeguards": Text("Safeguards", "安全保护措施"),
    "filing_h_rules": Text("Internal rules and procedures", "内部管理制度和操作规程"),
    "filing_rules_default": Text(
        "Notice and separate consent procedure (versioned notice, signed slips)|"
        "Rules for processing the facial information of children under 14|"
        "Retention and deletion procedure (automatic purge, deletion on withdrawal, receipts)|"
        "Access control and audit procedure (roles, passwords, tamper-evident log)|"
        "Incident response procedure (incident export from the audit log)|"
        "Alternative (manual ID check) procedure",
        "告知及单独同意制度（告知书版本管理、签字同意书）|"
        "未满十四周岁未成年人人脸信息处理规则|"
        "保存及删除制度（到期自动清除、撤回即删除、回执）|"
        "访问控制及审计制度（角色、密码、防篡改日志）|"
        "安全事件应急处置制度（从审计日志导出事件）|"
        "替代方式（人工核验身份）操作规程"),
    "filing_h_pia": Text("Impact assessment summary", "影响评估摘要"),
    # camera placement record (C13)
    "place_h_cameras": Text("The cameras of this station and where they are",
                            "本工作站的摄像头及安装位置"),
    "place_col_camera": Text("Camera", "摄像头"),
    "place_col_location": Text("Location", "安装位置"),
    "place_col_checked_by": Text("Placement checked by", "位置核查人"),
    "place_col_checked_on": Text("Checked on", "核查日期"),
    "place_none": Text("No camera placement is recorded yet: fill in by hand, then record it "
                       "(headcount settings placement).",
                       "尚未登记摄像头安装位置：请手工填写，再登记到系统中"
                       "（headcount settings placement）。"),
    "place_signoff": Text("Checked against this guide by", "已对照本指引核查，核查人"),
    # exports
    "x_session": Text("Session", "场次"),
    "x_total": Text("Expected", "应到"),
    "x_by_face": Text("Checked in by face", "人脸核验"),
    "x_by_manual": Text("Checked in manually", "人工核验"),
}


def tr(key: str, lang: str, **kw: object) -> str:
    """The catalogue entry ``key`` in ``lang``, formatted with ``kw``."""
    text = T[key]
    raw = text.zh if lang == "zh" else text.en
    return raw.format(**kw) if kw else raw


def count(key: str, n: int, lang: str) -> str:
    """A number with its unit: "1 day", "2 days", "1 天" (entries "many|one" in English)."""
    many, _, one = tr(key, lang, n=n).partition("|")
    return one if n == 1 and one else many


def tr_list(key: str, lang: str, **kw: object) -> list[str]:
    """A catalogue entry holding several items separated by ``|``."""
    return tr(key, lang, **kw).split("|")


def named(prefix: str, code: str, lang: str) -> str:
    """The catalogue's name for ``prefix_code``, else the code itself (an unknown code is
    printed as stored rather than hidden)."""
    key = f"{prefix}_{code}"
    return tr(key, lang) if key in T else code


def status_name(status: str, lang: str) -> str:
    return named("status", status, lang)


def method_name(method: str, lang: str) -> str:
    return named("method", method, lang)


def basis_name(basis: str, lang: str) -> str:
    return named("basis", basis, lang)


def incident_name(kind: str, lang: str) -> str:
    return named("incident", kind, lang)
