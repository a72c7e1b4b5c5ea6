<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="63"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="64"/>
        <source>The administrator enrols people, changes settings and adds invigilators and teachers as operators.</source>
        <translation>管理员负责登记人脸、修改设置，并添加监考员和教师为操作员。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="75"/>
        <source>Administrator name</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="76"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="77"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="73"/>
        <location filename="../../app/headcount/gui/wizard.py" line="85"/>
        <source>The password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="89"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="265"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="267"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="267"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="267"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="268"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="268"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>CameraListEdit</name>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="36"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="36"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="42"/>
        <source>Source: camera number (0, 1, ...), rtsp:// or http:// address, or video file. Entrance desk: one person at a time, each match confirmed on the card. Classroom: the whole room, for a roll call (Ctrl+R).</source>
        <translation>来源：摄像头编号（0、1……）、rtsp:// 或 http:// 地址、视频文件。入口核验：一次一人，每个比对结果在候选卡上确认。教室：拍摄全班，用于课堂点名（Ctrl+R）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="50"/>
        <source>Add camera</source>
        <translation>添加摄像头</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="52"/>
        <source>Remove camera</source>
        <translation>移除摄像头</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="74"/>
        <source>Entrance desk (one person at a time)</source>
        <translation>入口核验（一次一人）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_settings.py" line="75"/>
        <source>Classroom (whole room, roll call)</source>
        <translation>教室（全班，课堂点名）</translation>
    </message>
</context>
<context>
    <name>CandidateCard</name>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="113"/>
        <source>Confirm (Enter)</source>
        <translation>确认（回车）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="87"/>
        <source>Candidate (Enter confirms when this card has the focus)</source>
        <translation>候选人（本卡片获得焦点时按回车确认）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="115"/>
        <source>Dismiss (Esc)</source>
        <translation>忽略（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="136"/>
        <source>Waiting for a face...</source>
        <translation>等待人脸…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="137"/>
        <source>Press F2 for the Manual ID check at any time.</source>
        <translation>随时按 F2 进行人工核验。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="141"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="143"/>
        <source>Reference</source>
        <translation>参考照片</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="157"/>
        <source>Number: {number}</source>
        <translation>学号：{number}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="159"/>
        <source>Seat: {seat}</source>
        <translation>座位：{seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="160"/>
        <source>Similarity: {score:.0f}%</source>
        <translation>相似度：{score:.0f}%</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="162"/>
        <source>Distance {distance:.3f}, threshold {threshold:.2f}</source>
        <translation>距离 {distance:.3f}，阈值 {threshold:.2f}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="165"/>
        <source>Left the camera: not confirmed. Ask them back in front of the camera, or use the Manual ID check (F2).</source>
        <translation>已离开镜头：未确认。请其回到镜头前，或使用人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="179"/>
        <source>No reference shown: only templates are stored</source>
        <translation>不显示登记照片：系统只保存特征模板</translation>
    </message>
</context>
<context>
    <name>CandidateDesk</name>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="120"/>
        <source>Not on this list: {advice}</source>
        <translation>不在本考场名单：{advice}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="129"/>
        <source>Person on another list</source>
        <translation>其他名单上的人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="134"/>
        <source>Belongs to {room} of this exam, not this one. Send them to {room}, or check their admission ticket. (The Manual ID check lists only this room.)</source>
        <translation>该考生属于本场考试的{room}，不在本考场。请其前往{room}，或查看其准考证。（人工核验只列出本考场的考生。）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="138"/>
        <source>Just checked in. Nothing to confirm.</source>
        <translation>刚刚已签到，无需确认。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="140"/>
        <source>Already checked in at {time}. Nothing to confirm.</source>
        <translation>已于 {time} 签到，无需确认。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="143"/>
        <source>Already checked in to {room} of this exam: check their admission ticket.</source>
        <translation>已在本场考试的{room}签到：请查看其准考证。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="154"/>
        <source>another room</source>
        <translation>其他考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="155"/>
        <source>room {room}</source>
        <translation>{room} 考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="160"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="163"/>
        <source>No one enrolled - use the Manual ID check (F2)</source>
        <translation>尚无人登记人脸——请使用人工核验（F2）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="164"/>
        <source>Manual check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="169"/>
        <source>{name} ✓ checked in {time}</source>
        <translation>{name} ✓ {time} 已签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/desk.py" line="175"/>
        <source>Other room</source>
        <translation>其他考场</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/headcount/gui/app.py" line="69"/>
        <source>An internal error was written to {log}; the window goes on ({line}).</source>
        <translation>内部错误已记录到 {log}；窗口继续运行（{line}）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/app.py" line="96"/>
        <source>Demo: {n} faces enrolled.</source>
        <translation>演示：已录入 {n} 张人脸。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="25"/>
        <source>Correct a status</source>
        <translation>更正签到状态</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="27"/>
        <source>Present (face)</source>
        <translation>已到（人脸）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="28"/>
        <source>Present (manual)</source>
        <translation>已到（人工）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="28"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="29"/>
        <source>Absent</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="36"/>
        <source>Why (required), e.g. arrived with a pass</source>
        <translation>原因（必填），例如：持准入条到场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="39"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="40"/>
        <source>Now</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="41"/>
        <source>Correct to</source>
        <translation>更正为</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="42"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="43"/>
        <source>The original record is kept; the correction is added with your name and the reason.</source>
        <translation>原始记录保留不变；更正将连同您的姓名和原因一并记录。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/correction.py" line="50"/>
        <source>A correction needs a reason.</source>
        <translation>更正需要填写原因。</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="114"/>
        <source>Preparing the document...</source>
        <translation>正在生成文件…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="117"/>
        <source>Preview and print...</source>
        <translation>预览并打印…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="119"/>
        <source>Save as PDF...</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="120"/>
        <source>Open in PDF viewer</source>
        <translation>用 PDF 阅读器打开</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="121"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="136"/>
        <source>Print preview needs the pypdfium2 package, which is not installed: save the PDF or open it in the PDF viewer and print from there.</source>
        <translation>打印预览需要 pypdfium2 软件包，但尚未安装：请保存 PDF 或用 PDF 阅读器打开后打印。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="150"/>
        <source>{pages} page(s), A4. Font: {font}</source>
        <translation>共 {pages} 页，A4。字体：{font}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="168"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="182"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="206"/>
        <source>Print the entrance sign</source>
        <translation>打印入口告示</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="208"/>
        <source>Creating the station...</source>
        <translation>正在创建工作站…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="210"/>
        <source>Print entrance sign...</source>
        <translation>打印入口告示…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="212"/>
        <source>Print notice slip...</source>
        <translation>打印告知书…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="217"/>
        <source>Post the sign at the entrance and hand out the notice slip before anyone&apos;s face is processed. Next you sign in.</source>
        <translation>在处理任何人的人脸信息之前，请在入口张贴告示并发放告知书。接下来请登录。</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="62"/>
        <source>{number} (room {rooms})</source>
        <translation>{number}（考场 {rooms}）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="64"/>
        <source>Also checked in in another room of this exam (possible impersonation): {items}. Check their ID.</source>
        <translation>本场考试的另一考场也已签到此人（可能冒名顶替）：{items}。请核验证件。</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="25"/>
        <source>This station has no session yet</source>
        <translation>本工作站还没有场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="32"/>
        <source>1. Import a roster (class or candidate list)...</source>
        <translation>1. 导入名单（班级名单或考生名单）…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="35"/>
        <source>2. Create a session...</source>
        <translation>2. 新建场次…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="42"/>
        <source>The Manual ID check (F2) works as soon as a session is open, with or without cameras and enrolled faces.</source>
        <translation>场次开始后即可使用人工核验（F2），无论是否有摄像头或已登记人脸。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="63"/>
        <source>No one is on this station yet. First import a roster: a class list (number, name, class) or an exam&apos;s candidate list (number, name, seat).</source>
        <translation>本工作站还没有任何人员。请先导入名单：班级名单（学号、姓名、班级）或考试的考生名单（考号、姓名、座位号）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/empty_state.py" line="69"/>
        <source>{n} people are on the roster. Next, create a session: a class period for a class, or an exam room from a candidate list with seats.</source>
        <translation>名单中已有 {n} 人。下一步请新建场次：为班级新建课堂，或用带座位号的考生名单新建考场。</translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="102"/>
        <source>Enrolment and consent</source>
        <translation>录入与同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="110"/>
        <source>Consent and enrolment</source>
        <translation>同意与录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="111"/>
        <location filename="../../app/headcount/gui/enrolment.py" line="375"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="112"/>
        <source>Roster import</source>
        <translation>名单导入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="116"/>
        <source>You are signed in as an operator: enrolment, export and deletion need an administrator.</source>
        <translation>当前为操作员身份：录入、导出和删除须由管理员操作。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="172"/>
        <source>I have shown this notice to the person (and their guardian)</source>
        <translation>我已向本人（及其监护人）出示本告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="173"/>
        <source>The person</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="174"/>
        <source>A guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="180"/>
        <source>e.g. mother, father, legal guardian</source>
        <translation>如：母亲、父亲、法定监护人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="182"/>
        <source>Signed slip</source>
        <translation>签字回执</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="183"/>
        <source>On screen</source>
        <translation>屏幕确认</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="185"/>
        <source>slip number or scan file name</source>
        <translation>同意书编号或扫描件文件名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="186"/>
        <source>Record consent</source>
        <translation>登记同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="188"/>
        <source>Capture from camera</source>
        <translation>用摄像头采集</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="192"/>
        <source>Withdraw consent and delete face data...</source>
        <translation>撤回同意并删除人脸数据…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="194"/>
        <source>Delete person...</source>
        <translation>删除人员…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="201"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="203"/>
        <source>Notice</source>
        <translation>告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="205"/>
        <source>Consent given by</source>
        <translation>同意人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="206"/>
        <source>Guardian name</source>
        <translation>监护人姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="207"/>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="208"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="209"/>
        <source>Evidence</source>
        <translation>书面凭证</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="221"/>
        <source>Processor</source>
        <translation>处理者</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="221"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="222"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="222"/>
        <source>Method</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="223"/>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="223"/>
        <source>Why it is necessary</source>
        <translation>必要性</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="224"/>
        <source>Your rights</source>
        <translation>个人权利</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="224"/>
        <source>Alternative</source>
        <translation>替代方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="236"/>
        <source>no consent (manual checks only)</source>
        <translation>未同意（仅人工核验）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="237"/>
        <source>consent given by the person</source>
        <translation>本人已同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="238"/>
        <source>consent given by a guardian</source>
        <translation>监护人已同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="239"/>
        <source>consent given on an earlier notice: must renew (manual checks until then)</source>
        <translation>同意针对旧版告知书：须重新同意（在此之前人工核验）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="241"/>
        <source>Age {age}; {consent}; {enrolled}</source>
        <translation>年龄 {age}；{consent}；{enrolled}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="243"/>
        <source>face enrolled</source>
        <translation>已录入人脸</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="243"/>
        <source>no face data</source>
        <translation>无人脸数据</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="245"/>
        <source>Written consent: {evidence}</source>
        <translation>书面同意：{evidence}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="247"/>
        <source>Under {age} or no date of birth: a guardian must consent.</source>
        <translation>未满{age}周岁或无出生日期：须由监护人同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="267"/>
        <source>Consent recorded for {name}.</source>
        <translation>已登记 {name} 的同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="285"/>
        <source>Face enrolled, and flagged for review: it looks like person {number}.</source>
        <translation>人脸已登记，并已标记待复核：与人员 {number} 相似。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="290"/>
        <source>Face enrolled.</source>
        <translation>人脸已录入。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="295"/>
        <source>This photo is already enrolled for this person: nothing added.</source>
        <translation>这张照片已为此人登记过，未重复添加。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="298"/>
        <source>Not enrolled: looks like person {number} already enrolled. Check before enrolling.</source>
        <translation>未录入：与已录入的 {number} 相似，请核实后再录入。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="307"/>
        <source>Record consent first.</source>
        <translation>请先登记同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="314"/>
        <source>Hold still, face the camera: </source>
        <translation>请保持不动，正对摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="331"/>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="332"/>
        <source>Withdraw consent for {name} and delete their face data now? They will be checked by the Manual ID check from now on.</source>
        <translation>撤回 {name} 的同意并立即删除其人脸数据？此后将通过人工核验签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="340"/>
        <source>Delete person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="341"/>
        <source>Delete {name} and all their data from this station?</source>
        <translation>从本工作站删除 {name} 及其全部数据？</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="348"/>
        <source>Deletion receipt: {number} {name}, {n} template(s) deleted at {at} by {by}.</source>
        <translation>删除回执：{number} {name}，已删除 {n} 个模板，时间 {at}，操作人 {by}。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="359"/>
        <source>Choose a folder of photos named by number...</source>
        <translation>选择以学号命名的照片文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="363"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="363"/>
        <source>Why it was refused</source>
        <translation>未通过原因</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="366"/>
        <source>Each photo&apos;s file name is the person&apos;s number (e.g. 2025001.jpg). Only people with consent are enrolled.</source>
        <translation>照片文件名为本人学号（如 2025001.jpg）。只录入已同意的人员。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="370"/>
        <source>Review list</source>
        <translation>复核列表</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="408"/>
        <source>Possible duplicate of {other}</source>
        <translation>可能与 {other} 重复</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="418"/>
        <source>Photo folder done: {n} photo(s) need review.</source>
        <translation>照片文件夹处理完毕：{n} 张照片需复核。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="421"/>
        <source>{n} photo(s) were already enrolled (nothing added).</source>
        <translation>{n} 张照片此前已登记（未重复添加）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="430"/>
        <source>Choose a roster file (CSV or Excel)...</source>
        <translation>选择名单文件（CSV 或 Excel）…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="434"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="434"/>
        <source>Number</source>
        <translation>学号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="434"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="434"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="435"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="435"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="437"/>
        <source>Import the good rows</source>
        <translation>导入无误的行</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="448"/>
        <source>Roster file</source>
        <translation>名单文件</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="472"/>
        <source>{good} good row(s), {bad} with problems.</source>
        <translation>{good} 行无误，{bad} 行有问题。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="481"/>
        <source>Imported: {added} added, {updated} updated, {errors} skipped.</source>
        <translation>已导入：新增 {added}，更新 {updated}，跳过 {errors}。</translation>
    </message>
</context>
<context>
    <name>Feed</name>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="395"/>
        <source>Camera lost - reconnecting...</source>
        <translation>摄像头已断开，正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="405"/>
        <source>Face recognition is off; use the Manual ID check (F2).</source>
        <translation>人脸识别未启用，请使用人工核验（F2）。</translation>
    </message>
</context>
<context>
    <name>FeedView</name>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="68"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="71"/>
        <source>Camera {n}</source>
        <translation>摄像头 {n}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="73"/>
        <source>Demo entrance</source>
        <translation>演示入口</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="75"/>
        <source>Demo classroom</source>
        <translation>演示教室</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="78"/>
        <source>Network camera {host}</source>
        <translation>网络摄像头 {host}</translation>
    </message>
</context>
<context>
    <name>Filing</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="46"/>
        <source>Counted: {which}.</source>
        <translation>计数依据：{which}。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="40"/>
        <source>People with stored face data at the school: {n}. Filing with the provincial-level or higher cyberspace administration is required within 30 working days of reaching {limit}; warning level {warn}.</source>
        <translation>全校存储人脸信息人数：{n}。达到 {limit} 人后，须在 30 个工作日内向省级以上网信部门备案；预警线 {warn} 人。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="49"/>
        <source>Reached on {day}: file by {deadline}, and export the filing data.</source>
        <translation>已于 {day} 达到：须于 {deadline} 前备案，请导出备案材料。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="54"/>
        <source>Warning: the filing threshold is near. Prepare the filing data.</source>
        <translation>警告：即将达到备案人数，请准备备案材料。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="246"/>
        <source>Set up Headcount</source>
        <translation>设置 Headcount</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="302"/>
        <source>The station is ready in {folder}.</source>
        <translation>工作站已在 {folder} 中创建完成。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="319"/>
        <source>Entrance sign</source>
        <translation>入口告示</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="319"/>
        <source>Notice slip</source>
        <translation>告知书</translation>
    </message>
</context>
<context>
    <name>LinkStatus</name>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="32"/>
        <source>Exam office: linked, up to date</source>
        <translation>考务办公室：已关联，已同步</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="34"/>
        <source>Exam office: linked, {n} waiting</source>
        <translation>考务办公室：已关联，{n} 条待发送</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="36"/>
        <source>Exam office: sync stopped: {error}</source>
        <translation>考务办公室：同步已停止：{error}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="39"/>
        <source>Exam office: server unreachable since {time}, {n} waiting (check-ins go on)</source>
        <translation>考务办公室：自 {time} 起无法连接服务器，{n} 条待发送（签到照常进行）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/link_status.py" line="41"/>
        <source>Exam office: not linked</source>
        <translation>考务办公室：未关联</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="94"/>
        <source>Headcount - exam entry and attendance</source>
        <translation>考勤核验 Headcount - 考场入场核验与考勤</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="129"/>
        <source>Manual ID check (F2)</source>
        <translation>人工核验（F2）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="136"/>
        <source>Feed {n}: {source}</source>
        <translation>画面 {n}：{source}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="143"/>
        <source>No camera. Check-ins work with the Manual ID check (F2).</source>
        <translation>没有摄像头。可使用人工核验（F2）签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="180"/>
        <source>Session</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="188"/>
        <source>Session:</source>
        <translation>场次：</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="202"/>
        <source>&amp;Session</source>
        <translation>场次(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="203"/>
        <source>New session...</source>
        <translation>新建场次…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="204"/>
        <source>Start session</source>
        <translation>开始场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="205"/>
        <source>Close session...</source>
        <translation>结束场次…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="206"/>
        <source>Run this session without the camera</source>
        <translation>本场次不使用摄像头</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="208"/>
        <source>Attendance report...</source>
        <translation>考勤报告…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="210"/>
        <source>Correct a status...</source>
        <translation>更正签到状态…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="212"/>
        <source>Search the roster</source>
        <translation>搜索名单</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="215"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="216"/>
        <source>&amp;Check</source>
        <translation>核验(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="217"/>
        <source>Manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="222"/>
        <source>&amp;People</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="223"/>
        <source>Enrolment and consent...</source>
        <translation>录入与同意…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="225"/>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="226"/>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="227"/>
        <source>Sign in as another user...</source>
        <translation>切换用户登录…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="228"/>
        <source>Users...</source>
        <translation>用户…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="229"/>
        <source>Change my password...</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="230"/>
        <source>Settings...</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="231"/>
        <source>Audit log...</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="232"/>
        <source>Filing counter...</source>
        <translation>备案计数…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="233"/>
        <source>Impact assessment done and signed...</source>
        <translation>影响评估已完成并签字...</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="235"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="236"/>
        <source>Self check...</source>
        <translation>自检...</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="237"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="263"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="263"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="264"/>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="289"/>
        <source>planned</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="289"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="290"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="292"/>
        <source>Exam</source>
        <translation>考试</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="292"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="343"/>
        <source>No camera in this session (the teacher&apos;s choice): use the Manual ID check (F2).</source>
        <translation>本场次不使用摄像头（教师的选择）：请使用人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="363"/>
        <source>Start {start}, late after {late}</source>
        <translation>开始 {start}，{late} 后算迟到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="411"/>
        <source>Close session</source>
        <translation>结束场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="412"/>
        <source>Close {title}? No more check-ins will be accepted.</source>
        <translation>结束 {title}？结束后将不再接受签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="691"/>
        <source>Impact assessment</source>
        <translation>个人信息保护影响评估</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="692"/>
        <source>Record that the printed impact assessment was completed and signed today?</source>
        <translation>记录打印的影响评估已于今天完成并签字？</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="695"/>
        <source>Impact assessment recorded as done on {day}.</source>
        <translation>已记录影响评估于 {day} 完成。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/app.py" line="262"/>
        <location filename="../../app/headcount/gui/main_window.py" line="436"/>
        <source>Attendance report</source>
        <translation>考勤报告</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="463"/>
        <source>Select a person in the roster first.</source>
        <translation>请先在名单中选择一人。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="478"/>
        <source>Correction recorded by {by}: {reason}</source>
        <translation>已由 {by} 记录更正：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="509"/>
        <source>Retention purge: {n} template(s) deleted (receipt {id}).</source>
        <translation>到期清理：已删除 {n} 个模板（回执 {id}）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="556"/>
        <source>Not confirmed: use the Manual ID check (F2) for this person.</source>
        <translation>未确认：请对此人使用人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="562"/>
        <source>Seat {seat}</source>
        <translation>座位 {seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="563"/>
        <source>face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="563"/>
        <source>manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="564"/>
        <source>{name} checked in ({how}).</source>
        <translation>{name} 已签到（{how}）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="565"/>
        <source>Checked in ({how})</source>
        <translation>已签到（{how}）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="568"/>
        <source>{name} was already checked in.</source>
        <translation>{name} 此前已签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="569"/>
        <source>Already checked in at {time}: not counted twice</source>
        <translation>已于 {time} 签到：不重复计数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="573"/>
        <source>Late.</source>
        <translation>迟到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="574"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="576"/>
        <source>Warning: also checked in to another room of this exam.</source>
        <translation>警告：此人已在本次考试的其他考场签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="577"/>
        <source>also checked in to another room</source>
        <translation>同时在其他考场签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="669"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="686"/>
        <source>Filing counter</source>
        <translation>备案计数</translation>
    </message>
</context>
<context>
    <name>ManualCheckDialog</name>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="46"/>
        <source>Manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="50"/>
        <source>Name, number, seat or ID-card number</source>
        <translation>姓名、学号、座位号或身份证号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="63"/>
        <source>Compare the person with the ID card or the roster photo, then check in. A manual check counts exactly like a face check.</source>
        <translation>请将本人与身份证或名单照片核对后签到。人工核验与人脸核验效力相同。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="68"/>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="70"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="71"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="85"/>
        <source>Declined face recognition</source>
        <translation>拒绝人脸识别</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="86"/>
        <source>Not enrolled</source>
        <translation>未录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="87"/>
        <source>Not recognised</source>
        <translation>未识别</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="88"/>
        <source>Camera fault</source>
        <translation>摄像头故障</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="89"/>
        <source>No consent</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="95"/>
        <source>already checked in {time}</source>
        <translation>已于 {time} 签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="108"/>
        <source>seat {seat}</source>
        <translation>座位 {seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="141"/>
        <source>Everyone found is already checked in: select the person to record it again.</source>
        <translation>找到的人均已签到：如需再次记录，请先选中此人。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="143"/>
        <source>Nobody on this list matches the search.</source>
        <translation>名单中没有符合搜索的人员。</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="30"/>
        <source>New session</source>
        <translation>新建场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="32"/>
        <source>Exam room</source>
        <translation>考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="33"/>
        <source>Class period</source>
        <translation>课堂</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="35"/>
        <source>e.g. Mid-term Maths, or Class 1-3 period 2</source>
        <translation>如：期中数学，或 高一(3)班 第2节</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="47"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="53"/>
        <source>CSV or Excel: number, name, seat (leave empty to use the class list)</source>
        <translation>CSV 或 Excel：考号、姓名、座位号（留空则使用班级名单）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="54"/>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="61"/>
        <source>Names of the invigilators who sign the report, separated by commas</source>
        <translation>在报告上签字的监考人员姓名，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="64"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="64"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="65"/>
        <source>Room</source>
        <translation>考场/教室</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="65"/>
        <source>Class list</source>
        <translation>班级名单</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="66"/>
        <source>Candidate list with seats</source>
        <translation>带座位号的考生名单</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="67"/>
        <source>Starts at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="67"/>
        <source>Late after</source>
        <translation>迟到阈值</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="68"/>
        <source>Invigilators</source>
        <translation>监考人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="72"/>
        <source>Candidate list</source>
        <translation>考生名单</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="73"/>
        <source>Lists (*.csv *.xlsx)</source>
        <translation>名单 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="78"/>
        <source>Give the session a name.</source>
        <translation>请填写场次名称。</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="137"/>
        <source>The notice</source>
        <translation>告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="138"/>
        <source>Shown before any face is processed, printed as the notice slip and the entrance sign. Pre-filled: check and adapt it. No field may be empty.</source>
        <translation>在处理任何人脸信息之前出示，并打印为告知书和入口告示。已预先填写：请核对并修改。任何字段都不能为空。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="142"/>
        <source>Create the station</source>
        <translation>创建工作站</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="194"/>
        <source>Fill in every field: {fields}</source>
        <translation>请填写所有字段：{fields}</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="76"/>
        <source>Headcount: exam office</source>
        <translation>Headcount：考务办公室</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="89"/>
        <source>Exam:</source>
        <translation>考试：</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="92"/>
        <source>All sessions</source>
        <translation>全部场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="98"/>
        <source>Refresh now</source>
        <translation>立即刷新</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="102"/>
        <source>Connecting to the school server…</source>
        <translation>正在连接学校服务器…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="123"/>
        <source>Room</source>
        <translation>考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="123"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="123"/>
        <source>Exam</source>
        <translation>考试</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="124"/>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="124"/>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="124"/>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="125"/>
        <source>Checked in in another room too</source>
        <translation>也在其他考场签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="130"/>
        <source>Rooms</source>
        <translation>各考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="135"/>
        <source>Absent: choose a room</source>
        <translation>缺考名单：请选择考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="137"/>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="137"/>
        <source>Number</source>
        <translation>考号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="137"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="181"/>
        <source>Connected. Updated {time}</source>
        <translation>已连接。更新于 {time}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="191"/>
        <source>School server unreachable since {since}; nothing read yet.</source>
        <translation>自 {since} 起无法连接学校服务器；尚未读取到任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="194"/>
        <source>School server unreachable since {since}; showing what was read at {read}.</source>
        <translation>自 {since} 起无法连接学校服务器；显示的是 {read} 读取的数据。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="207"/>
        <source>{rooms} rooms   Expected {expected}   Present {present}   Absent {absent}</source>
        <translation>{rooms} 个考场   应到 {expected}   实到 {present}   缺考 {absent}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="212"/>
        <source>People whose facial data the school holds (all stations): {n}. Filing with the authority IS REQUIRED (Art. 15: 100,000 or more).</source>
        <translation>本校（全部工作站）持有人脸信息的人数：{n}。必须向主管部门备案（第十五条：十万人及以上）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="217"/>
        <source>People whose facial data the school holds (all stations): {n}. Filing not required (below 100,000, Art. 15).</source>
        <translation>本校（全部工作站）持有人脸信息的人数：{n}。无需备案（低于十万人，第十五条）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="246"/>
        <source>NEW</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="248"/>
        <source>Checked in in {n} rooms: {number} {name} ({exam}), rooms {rooms}</source>
        <translation>在 {n} 个考场签到：{number} {name}（{exam}），考场 {rooms}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/office_window.py" line="302"/>
        <source>Absent in room {room} ({station}): {n}</source>
        <translation>考场 {room}（{station}）缺考：{n}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="55"/>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="56"/>
        <source>Set the password of {name}</source>
        <translation>设置 {name} 的密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="59"/>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="60"/>
        <source>The password of {name} was changed.</source>
        <translation>{name} 的密码已修改。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="70"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="71"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="72"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="73"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="83"/>
        <source>At least {n} characters; a PIN of digits is allowed.</source>
        <translation>至少 {n} 个字符；可以使用数字 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="95"/>
        <source>The two new passwords differ. Nothing was changed.</source>
        <translation>两次输入的新密码不一致。未做任何更改。</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="97"/>
        <source>Language and data folder</source>
        <translation>语言和数据文件夹</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="98"/>
        <source>Templates are encrypted in the data folder; the key is kept apart from it. Nothing leaves this computer.</source>
        <translation>模板加密保存在数据文件夹中，密钥单独存放。任何数据都不会离开本机。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="105"/>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="111"/>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="112"/>
        <location filename="../../app/headcount/gui/wizard.py" line="116"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="126"/>
        <source>This folder already holds a station: choose another one, or open it with headcount --data-dir FOLDER.</source>
        <translation>此文件夹中已有工作站：请选择其他文件夹，或用 headcount --data-dir 文件夹 打开它。</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="248"/>
        <location filename="../../app/headcount/gui/printing.py" line="249"/>
        <source>Notice slip</source>
        <translation>告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="250"/>
        <location filename="../../app/headcount/gui/printing.py" line="251"/>
        <source>Notice slip, large print</source>
        <translation>告知书（大字版）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="252"/>
        <location filename="../../app/headcount/gui/printing.py" line="253"/>
        <source>Entrance sign</source>
        <translation>入口告示</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="254"/>
        <location filename="../../app/headcount/gui/printing.py" line="256"/>
        <source>Rules for children&apos;s facial information</source>
        <translation>未成年人人脸信息处理规则</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="258"/>
        <source>Consent slip for one person...</source>
        <translation>单人同意书…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="259"/>
        <source>Consent slips for a class...</source>
        <translation>全班同意书…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="260"/>
        <source>Consent slips for those who must renew</source>
        <translation>须重新同意人员的同意书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="263"/>
        <source>Attendance report of this session...</source>
        <translation>本场次考勤报告…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="264"/>
        <source>Term report...</source>
        <translation>学期考勤报告…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="265"/>
        <source>Receipts...</source>
        <translation>回执…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="267"/>
        <source>Impact assessment (administrators)</source>
        <translation>个人信息保护影响评估（管理员）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="268"/>
        <source>Impact assessment</source>
        <translation>个人信息保护影响评估</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="269"/>
        <source>Filing data (administrators)</source>
        <translation>备案材料（管理员）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="270"/>
        <source>Filing data</source>
        <translation>备案材料</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="279"/>
        <source>Nothing to choose from.</source>
        <translation>没有可选项。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="289"/>
        <location filename="../../app/headcount/gui/printing.py" line="295"/>
        <source>Consent slip</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="295"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="301"/>
        <source>Consent slips for a class</source>
        <translation>全班同意书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="301"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="261"/>
        <location filename="../../app/headcount/gui/printing.py" line="304"/>
        <source>Consent slips</source>
        <translation>同意书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="312"/>
        <source>Term report</source>
        <translation>学期考勤报告</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="317"/>
        <source>deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="317"/>
        <source>purge</source>
        <translation>到期清理</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="324"/>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="324"/>
        <location filename="../../app/headcount/gui/printing.py" line="325"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
</context>
<context>
    <name>RollCall</name>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="204"/>
        <source>Classroom roll call...</source>
        <translation>课堂点名…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="211"/>
        <source>Roll call from a photo...</source>
        <translation>用照片点名…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="227"/>
        <source>Open a session first.</source>
        <translation>请先打开一个场次。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="240"/>
        <source>Photo of the class</source>
        <translation>全班照片</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="241"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="268"/>
        <source>Roll call: {n} checked in by face, {u} unticked.</source>
        <translation>课堂点名：{n} 人经人脸签到，{u} 人取消勾选。</translation>
    </message>
</context>
<context>
    <name>RollCallDialog</name>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="106"/>
        <source>Classroom roll call</source>
        <translation>课堂点名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="111"/>
        <source>{faces} faces in the frame; {n} recognised on this list. Nothing is recorded until you confirm. Untick anyone who is not here.</source>
        <translation>画面中有 {faces} 张人脸，其中 {n} 人在本场名单中被识别。确认前不会记录任何签到。不在场的人请取消勾选。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="118"/>
        <source>No one on this list has an enrolled face: nobody can be recognised. Use the Manual ID check (F2) for everyone.</source>
        <translation>本场名单中没有人登记人脸，无法识别任何人。请对所有人使用人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="124"/>
        <source>{k} face(s) are too small or blurred to recognise: move the camera closer or use a higher resolution, and check those people by hand (F2).</source>
        <translation>{k} 张人脸太小或太模糊，无法识别：请把摄像头移近或提高分辨率，并对这些人进行人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="130"/>
        <location filename="../../app/headcount/gui/roll_call.py" line="142"/>
        <source>seat {seat}</source>
        <translation>座位 {seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="145"/>
        <source>already checked in in another room of this exam: check their ID</source>
        <translation>已在本场考试的其他考场签到：请核验其身份证件</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="151"/>
        <source>Manual ID check (F2) for the selected</source>
        <translation>对所选人员人工核验（F2）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="156"/>
        <source>Recognised: confirm in one step</source>
        <translation>已识别：一步确认</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="158"/>
        <source>Not checked in yet: check by hand</source>
        <translation>尚未签到：请人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="180"/>
        <source>Confirm {n} check-in(s)</source>
        <translation>确认 {n} 人签到</translation>
    </message>
</context>
<context>
    <name>RollCallFrame</name>
    <message>
        <location filename="../../app/headcount/gui/roll_call.py" line="78"/>
        <source>{name} (already here)</source>
        <translation>{name}（已签到）</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="107"/>
        <source>{status}, ALSO IN ROOM {rooms}</source>
        <translation>{status}，另一考场 {rooms} 也已签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="114"/>
        <source>Also checked in in room {rooms} for this exam (exam office): check the ID.</source>
        <translation>本场考试的考场 {rooms} 也已签到此人（考务办公室）：请核验证件。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="49"/>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="49"/>
        <source>Number</source>
        <translation>学号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="49"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="49"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="50"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="50"/>
        <source>Face data</source>
        <translation>人脸数据</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="54"/>
        <source>Present (face)</source>
        <translation>已到（人脸）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="55"/>
        <source>Present (manual)</source>
        <translation>已到（人工）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="56"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="57"/>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="57"/>
        <source>Not yet arrived</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="63"/>
        <source>Must renew consent</source>
        <translation>须重新同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="65"/>
        <source>Enrolled</source>
        <translation>已录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="67"/>
        <source>Consent, not enrolled</source>
        <translation>已同意，未录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="68"/>
        <source>Manual only</source>
        <translation>仅人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="105"/>
        <source>{status} (corrected)</source>
        <translation>{status}（已更正）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="119"/>
        <source>Recorded: {before}. Corrected by {by}: {reason}</source>
        <translation>原记录：{before}。由 {by} 更正：{reason}</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="183"/>
        <source>Search name, number, seat or ID number (Ctrl+F)</source>
        <translation>搜索姓名、学号、座位号或身份证号（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="195"/>
        <source>Correct status... (Ctrl+K)</source>
        <translation>更正状态…（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="233"/>
        <source>Present (face): {face}   Present (manual): {manual}   Late: {late}   Absent: {absent}   Total: {total}</source>
        <translation>已到（人脸）：{face}   已到（人工）：{manual}   迟到：{late}   缺席：{absent}   共：{total}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="236"/>
        <source>Present (face): {face}   Present (manual): {manual}   Late: {late}   Not yet arrived: {absent}   Total: {total}</source>
        <translation>已到（人脸）：{face}   已到（人工）：{manual}   迟到：{late}   未到：{absent}   共：{total}</translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="49"/>
        <source>Your school</source>
        <translation>您的学校</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="50"/>
        <source>The school is the personal information processor named on the notice, the consent slips and every report.</source>
        <translation>学校是个人信息处理者，其名称将印在告知书、同意书和所有报告上。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="54"/>
        <source>e.g. Academic Office, 010-1234 5678</source>
        <translation>例如：教务处，010-1234 5678</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="55"/>
        <source>School name</source>
        <translation>学校名称</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/wizard.py" line="56"/>
        <source>Contact for personal information</source>
        <translation>个人信息联系方式</translation>
    </message>
</context>
<context>
    <name>SelfCheckDialog</name>
    <message>
        <location filename="../../app/headcount/gui/self_check.py" line="22"/>
        <source>Self check</source>
        <translation>自检</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/self_check.py" line="23"/>
        <source>Checking...</source>
        <translation>正在检查...</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="93"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="106"/>
        <source>Set by hand instead of the station&apos;s estimate</source>
        <translation>手动设定（不使用工作站的估计值）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="127"/>
        <source>Beep on each check-in</source>
        <translation>每次签到时提示音</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="128"/>
        <source>Flash the counts on each check-in</source>
        <translation>每次签到时闪烁统计栏</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="132"/>
        <source>School (processor)</source>
        <translation>学校（处理者）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="133"/>
        <source>School contact</source>
        <translation>学校联系方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="134"/>
        <source>Cameras of this station</source>
        <translation>本工作站的摄像头</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="139"/>
        <source>Camera placements</source>
        <translation>摄像头安装位置</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="140"/>
        <source>Match threshold</source>
        <translation>匹配阈值</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="146"/>
        <source>Late after (minutes)</source>
        <translation>迟到判定（分钟）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="147"/>
        <source>Keep face data of leavers (days)</source>
        <translation>离校人员人脸数据保留天数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="148"/>
        <source>Keep attendance after a session (days)</source>
        <translation>场次结束后考勤保留天数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="149"/>
        <source>Filing warning level (people)</source>
        <translation>备案预警人数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="150"/>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="151"/>
        <source>Check-in cue</source>
        <translation>签到提示</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="153"/>
        <source>Notice: processor</source>
        <translation>告知：处理者</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="153"/>
        <source>Notice: contact</source>
        <translation>告知：联系方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="154"/>
        <source>Notice: purpose</source>
        <translation>告知：目的</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="154"/>
        <source>Notice: method</source>
        <translation>告知：处理方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="155"/>
        <source>Notice: retention</source>
        <translation>告知：保存期限</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="156"/>
        <source>Notice: necessity</source>
        <translation>告知：必要性</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="156"/>
        <source>Notice: rights</source>
        <translation>告知：个人权利</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="157"/>
        <source>Notice: alternative</source>
        <translation>告知：替代方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="170"/>
        <source>Only an administrator can change the settings.</source>
        <translation>只有管理员可以修改设置。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="174"/>
        <source>Changing the notice makes a new notice version; consent records keep the version the person saw.</source>
        <translation>修改告知书会生成新版本；同意记录保留当事人所见的版本。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="200"/>
        <source>%1: %2 (checked by %3, %4)</source>
        <translation>%1：%2（核查人 %3，%4）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="205"/>
        <source>None recorded: headcount settings placement CAMERA --location ... --checked-by ...</source>
        <translation>尚未登记：headcount settings placement 摄像头 --location ... --checked-by ...</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="248"/>
        <source>Every notice field must be filled in.</source>
        <translation>告知书的每个字段都必须填写。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="65"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="71"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="71"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="217"/>
        <source>Term report</source>
        <translation>学期考勤报告</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="230"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="230"/>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/printing.py" line="231"/>
        <source>To</source>
        <translation>截止日期</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="123"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="128"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="128"/>
        <location filename="../../app/headcount/gui/users.py" line="153"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="136"/>
        <source>Set password...</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="141"/>
        <location filename="../../app/headcount/gui/users.py" line="195"/>
        <location filename="../../app/headcount/gui/users.py" line="244"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="142"/>
        <location filename="../../app/headcount/gui/users.py" line="195"/>
        <location filename="../../app/headcount/gui/users.py" line="244"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="147"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="150"/>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="152"/>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="154"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="155"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="159"/>
        <source>Operators check people in; administrators also enrol, export, delete and change settings.</source>
        <translation>操作员负责签到核验；管理员还可以录入人脸、导出、删除和更改设置。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="185"/>
        <source>At least {n} characters; a PIN of digits is allowed. User names are 1-{m} characters.</source>
        <translation>密码至少 {n} 个字符，可以使用数字 PIN 码；用户名为 1-{m} 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="191"/>
        <source>{name} (you)</source>
        <translation>{name}（您）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="229"/>
        <source>The two passwords differ. Nothing was changed.</source>
        <translation>两次输入的密码不一致。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/users.py" line="245"/>
        <source>{name} can now sign in as {role}.</source>
        <translation>{name} 现在可以以{role}身份登录。</translation>
    </message>
</context>
</TS>
