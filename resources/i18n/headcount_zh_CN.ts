<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="150"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="152"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="152"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="152"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="153"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="153"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>CandidateCard</name>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="67"/>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="83"/>
        <source>Confirm (Enter)</source>
        <translation>确认（回车）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="86"/>
        <source>Reject (Esc)</source>
        <translation>不确认（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="105"/>
        <source>Waiting for a face...</source>
        <translation>等待人脸…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="106"/>
        <source>Press F2 for the Manual ID check at any time.</source>
        <translation>随时按 F2 进行人工核验。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="109"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="111"/>
        <source>Reference</source>
        <translation>参考照片</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="119"/>
        <source>Number: {number}</source>
        <translation>学号：{number}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="121"/>
        <source>Seat: {seat}</source>
        <translation>座位：{seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="122"/>
        <source>Score: {score:.0f} (distance {distance:.3f})</source>
        <translation>得分：{score:.0f}（距离 {distance:.3f}）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/candidate_card.py" line="131"/>
        <source>No reference shown (consent does not cover it)</source>
        <translation>不显示参考照片（同意范围未包含）</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/headcount/gui/app.py" line="63"/>
        <source>Demo: {n} faces enrolled.</source>
        <translation>演示：已录入 {n} 张人脸。</translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="95"/>
        <source>Enrolment and consent</source>
        <translation>录入与同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="104"/>
        <source>Consent and enrolment</source>
        <translation>同意与录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="105"/>
        <location filename="../../app/headcount/gui/enrolment.py" line="345"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="106"/>
        <source>Roster import</source>
        <translation>名单导入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="110"/>
        <source>You are signed in as an operator: enrolment, export and deletion need an administrator.</source>
        <translation>当前为操作员身份：录入、导出和删除须由管理员操作。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="166"/>
        <source>I have shown this notice to the person (and their guardian)</source>
        <translation>我已向本人（及其监护人）出示本告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="167"/>
        <source>The person</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="168"/>
        <source>A guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="174"/>
        <source>e.g. mother, father, legal guardian</source>
        <translation>如：母亲、父亲、法定监护人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="176"/>
        <source>Signed slip</source>
        <translation>签字回执</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="177"/>
        <source>On screen</source>
        <translation>屏幕确认</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="178"/>
        <source>Record consent</source>
        <translation>登记同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="180"/>
        <source>Capture from camera</source>
        <translation>用摄像头采集</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="184"/>
        <source>Withdraw consent and delete face data...</source>
        <translation>撤回同意并删除人脸数据…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="186"/>
        <source>Delete person...</source>
        <translation>删除人员…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="193"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="195"/>
        <source>Notice</source>
        <translation>告知书</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="197"/>
        <source>Consent given by</source>
        <translation>同意人</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="198"/>
        <source>Guardian name</source>
        <translation>监护人姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="199"/>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="200"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="212"/>
        <source>Processor</source>
        <translation>处理者</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="212"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="213"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="213"/>
        <source>Method</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="214"/>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="214"/>
        <source>Why it is necessary</source>
        <translation>必要性</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="215"/>
        <source>Your rights</source>
        <translation>个人权利</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="215"/>
        <source>Alternative</source>
        <translation>替代方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="227"/>
        <source>no consent (manual checks only)</source>
        <translation>未同意（仅人工核验）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="228"/>
        <source>consent given by the person</source>
        <translation>本人已同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="229"/>
        <source>consent given by a guardian</source>
        <translation>监护人已同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="230"/>
        <source>Age {age}; {consent}; {enrolled}</source>
        <translation>年龄 {age}；{consent}；{enrolled}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="232"/>
        <source>face enrolled</source>
        <translation>已录入人脸</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="232"/>
        <source>no face data</source>
        <translation>无人脸数据</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="234"/>
        <source>Under 14: a guardian must consent.</source>
        <translation>未满14周岁：须由监护人同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="252"/>
        <source>Consent recorded for {name}.</source>
        <translation>已登记 {name} 的同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="263"/>
        <source>Face enrolled.</source>
        <translation>人脸已录入。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="267"/>
        <source>Not enrolled: looks like person {number} already enrolled. Check before enrolling.</source>
        <translation>未录入：与已录入的 {number} 相似，请核实后再录入。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="276"/>
        <source>Record consent first.</source>
        <translation>请先登记同意。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="283"/>
        <source>Hold still, face the camera: </source>
        <translation>请保持不动，正对摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="300"/>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="301"/>
        <source>Withdraw consent for {name} and delete their face data now? They will be checked by the Manual ID check from now on.</source>
        <translation>撤回 {name} 的同意并立即删除其人脸数据？此后将通过人工核验签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="309"/>
        <source>Delete person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="310"/>
        <source>Delete {name} and all their data from this station?</source>
        <translation>从本工作站删除 {name} 及其全部数据？</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="317"/>
        <source>Deletion receipt: {number} {name}, {n} template(s) deleted at {at} by {by}.</source>
        <translation>删除回执：{number} {name}，已删除 {n} 个模板，时间 {at}，操作人 {by}。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="329"/>
        <source>Choose a folder of photos named by number...</source>
        <translation>选择以学号命名的照片文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="333"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="333"/>
        <source>Why it was refused</source>
        <translation>未通过原因</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="336"/>
        <source>Each photo&apos;s file name is the person&apos;s number (e.g. 2025001.jpg). Only people with consent are enrolled.</source>
        <translation>照片文件名为本人学号（如 2025001.jpg）。只录入已同意的人员。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="340"/>
        <source>Review list</source>
        <translation>复核列表</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="362"/>
        <source>No person with this number</source>
        <translation>没有此学号的人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="367"/>
        <source>Possible duplicate of {other}</source>
        <translation>可能与 {other} 重复</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="384"/>
        <source>Photo folder done: {n} photo(s) need review.</source>
        <translation>照片文件夹处理完毕：{n} 张照片需复核。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="392"/>
        <source>Choose a roster file (CSV or Excel)...</source>
        <translation>选择名单文件（CSV 或 Excel）…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="396"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="396"/>
        <source>Number</source>
        <translation>学号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="396"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="396"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="397"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="397"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="399"/>
        <source>Import the good rows</source>
        <translation>导入无误的行</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="410"/>
        <source>Roster file</source>
        <translation>名单文件</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="434"/>
        <source>{good} good row(s), {bad} with problems.</source>
        <translation>{good} 行无误，{bad} 行有问题。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/enrolment.py" line="443"/>
        <source>Imported: {added} added, {updated} updated, {errors} skipped.</source>
        <translation>已导入：新增 {added}，更新 {updated}，跳过 {errors}。</translation>
    </message>
</context>
<context>
    <name>Feed</name>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="310"/>
        <source>Camera lost - reconnecting...</source>
        <translation>摄像头已断开，正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/camera_view.py" line="320"/>
        <source>Face recognition is off; use the Manual ID check (F2).</source>
        <translation>人脸识别未启用，请使用人工核验（F2）。</translation>
    </message>
</context>
<context>
    <name>Filing</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="31"/>
        <source>People with stored face data: {n}. Filing with the authorities is required within 30 working days at {limit}; warning level {warn}.</source>
        <translation>已存储人脸数据的人数：{n}。达到 {limit} 人时须在 30 个工作日内备案；预警人数 {warn}。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="36"/>
        <source>The filing threshold is reached: file now and export the filing data.</source>
        <translation>已达到备案人数：请立即备案并导出备案材料。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="39"/>
        <source>Warning: the filing threshold is near. Prepare the filing data.</source>
        <translation>警告：即将达到备案人数，请准备备案材料。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="72"/>
        <source>Headcount - exam entry and attendance</source>
        <translation>Headcount - 考场入场核验与考勤</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="89"/>
        <source>Manual ID check (F2)</source>
        <translation>人工核验（F2）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="96"/>
        <source>Feed {n}: {source}</source>
        <translation>画面 {n}：{source}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="101"/>
        <source>No camera. Check-ins work with the Manual ID check (F2).</source>
        <translation>没有摄像头。可使用人工核验（F2）签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="122"/>
        <source>Session</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="125"/>
        <source>Session:</source>
        <translation>场次：</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="135"/>
        <source>&amp;Session</source>
        <translation>场次(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="136"/>
        <source>New session...</source>
        <translation>新建场次…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="137"/>
        <source>Start session</source>
        <translation>开始场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="138"/>
        <source>Close session...</source>
        <translation>结束场次…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="139"/>
        <source>Save attendance report...</source>
        <translation>保存考勤报告…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="142"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="143"/>
        <source>&amp;Check</source>
        <translation>核验(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="144"/>
        <source>Manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="146"/>
        <source>&amp;People</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="147"/>
        <source>Enrolment and consent...</source>
        <translation>录入与同意…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="149"/>
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="150"/>
        <source>Sign in as another user...</source>
        <translation>切换用户登录…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="151"/>
        <source>Settings...</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="152"/>
        <source>Audit log...</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="153"/>
        <source>Filing counter...</source>
        <translation>备案计数…</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="154"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="179"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="179"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="180"/>
        <source>Signed in: {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="205"/>
        <source>planned</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="205"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="206"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="208"/>
        <source>Exam</source>
        <translation>考试</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="208"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="296"/>
        <source>Close session</source>
        <translation>结束场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="297"/>
        <source>Close {title}? No more check-ins will be accepted.</source>
        <translation>结束 {title}？结束后将不再接受签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="306"/>
        <source>Attendance report</source>
        <translation>考勤报告</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="307"/>
        <source>The session is closed. Save the attendance report now?</source>
        <translation>场次已结束。现在保存考勤报告吗？</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="313"/>
        <source>Save attendance report</source>
        <translation>保存考勤报告</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="333"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="351"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="353"/>
        <source>Manual check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="357"/>
        <source>Other room</source>
        <translation>其他考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="383"/>
        <source>Not on this room&apos;s list (listed for another room of this exam). Send the candidate to the right room.</source>
        <translation>不在本考场名单上（在本次考试的其他考场名单上）。请引导考生前往正确考场。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="385"/>
        <source>Person on another list</source>
        <translation>其他名单上的人员</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="389"/>
        <source>Already checked in to another room of this exam.</source>
        <translation>已在本次考试的其他考场签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="420"/>
        <source>Not confirmed: use the Manual ID check (F2) for this person.</source>
        <translation>未确认：请对此人使用人工核验（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="426"/>
        <source>face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="426"/>
        <source>manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="427"/>
        <source>{name} checked in ({how}).</source>
        <translation>{name} 已签到（{how}）。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="429"/>
        <source>{name} was already checked in.</source>
        <translation>{name} 此前已签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="431"/>
        <source>Late.</source>
        <translation>迟到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="433"/>
        <source>Warning: also checked in to another room of this exam.</source>
        <translation>警告：此人已在本次考试的其他考场签到。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/main_window.py" line="504"/>
        <source>Filing counter</source>
        <translation>备案计数</translation>
    </message>
</context>
<context>
    <name>ManualCheckDialog</name>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="44"/>
        <source>Manual ID check</source>
        <translation>人工核验</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="48"/>
        <source>Name, number, seat or ID-card number</source>
        <translation>姓名、学号、座位号或身份证号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="57"/>
        <source>Compare the person with the ID card or the roster photo, then check in. A manual check counts exactly like a face check.</source>
        <translation>请将本人与身份证或名单照片核对后签到。人工核验与人脸核验效力相同。</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="64"/>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="71"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="72"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="86"/>
        <source>Declined face recognition</source>
        <translation>拒绝人脸识别</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="87"/>
        <source>Not enrolled</source>
        <translation>未录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="88"/>
        <source>Not recognised</source>
        <translation>未识别</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="89"/>
        <source>Camera fault</source>
        <translation>摄像头故障</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="90"/>
        <source>No consent</source>
        <translation>未同意</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="96"/>
        <source>already checked in {time}</source>
        <translation>已于 {time} 签到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="108"/>
        <source>seat {seat}</source>
        <translation>座位 {seat}</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/manual_check.py" line="127"/>
        <source>Nobody on this list matches the search.</source>
        <translation>名单中没有符合搜索的人员。</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="18"/>
        <source>New session</source>
        <translation>新建场次</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="20"/>
        <source>Exam room</source>
        <translation>考场</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="21"/>
        <source>Class period</source>
        <translation>课堂</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="23"/>
        <source>e.g. Mid-term Maths, or Class 1-3 period 2</source>
        <translation>如：期中数学，或 高一(3)班 第2节</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="32"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="33"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="34"/>
        <source>Room</source>
        <translation>考场/教室</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/sessions.py" line="35"/>
        <source>Class list</source>
        <translation>班级名单</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="36"/>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="36"/>
        <source>Number</source>
        <translation>学号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="36"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="36"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="37"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="37"/>
        <source>Face data</source>
        <translation>人脸数据</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="41"/>
        <source>Present (face)</source>
        <translation>已到（人脸）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="42"/>
        <source>Present (manual)</source>
        <translation>已到（人工）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="43"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="44"/>
        <source>Absent</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="50"/>
        <source>Enrolled</source>
        <translation>已录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="52"/>
        <source>Consent, not enrolled</source>
        <translation>已同意，未录入</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="53"/>
        <source>Manual only</source>
        <translation>仅人工核验</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="117"/>
        <source>Search name, number, seat or ID number</source>
        <translation>搜索姓名、学号、座位号或身份证号</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/roster.py" line="143"/>
        <source>Present (face): {face}   Present (manual): {manual}   Late: {late}   Absent: {absent}   Total: {total}</source>
        <translation>已到（人脸）：{face}   已到（人工）：{manual}   迟到：{late}   未到：{absent}   共：{total}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="80"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="92"/>
        <source>Beep on each check-in</source>
        <translation>每次签到时提示音</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="97"/>
        <source>School (processor)</source>
        <translation>学校（处理者）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="98"/>
        <source>Match threshold (distance)</source>
        <translation>匹配阈值（距离）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="99"/>
        <source>Late after (minutes)</source>
        <translation>迟到判定（分钟）</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="100"/>
        <source>Keep face data of leavers (days)</source>
        <translation>离校人员人脸数据保留天数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="101"/>
        <source>Filing warning level (people)</source>
        <translation>备案预警人数</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="103"/>
        <source>Notice: processor</source>
        <translation>告知：处理者</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="103"/>
        <source>Notice: contact</source>
        <translation>告知：联系方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="104"/>
        <source>Notice: purpose</source>
        <translation>告知：目的</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="104"/>
        <source>Notice: method</source>
        <translation>告知：处理方式</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="105"/>
        <source>Notice: retention</source>
        <translation>告知：保存期限</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="106"/>
        <source>Notice: necessity</source>
        <translation>告知：必要性</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="106"/>
        <source>Notice: rights</source>
        <translation>告知：个人权利</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="107"/>
        <source>Notice: alternative</source>
        <translation>告知：替代方式</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="49"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="61"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/headcount/gui/admin.py" line="62"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
</TS>
