"""Self-check (``headcount doctor``): can this PC run Headcount, and if not, what to do.

Each check is data (:class:`Check`): a stable name, a status (``ok``, ``warn`` or
``fail``), and title, detail and what to do in both languages. The CLI prints them;
the GUI shows the same list under Help (call :func:`run_checks` off the GUI thread:
it loads the models and probes cameras, a few seconds). A ``warn`` (no camera, little
free disk) never fails the run; any ``fail`` does.

Nothing here writes to a station: the database is opened read-only and the data
folder is tested with a temporary file that is removed at once.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from headcount import __version__
from headcount.i18n import Text

OK, WARN, FAIL = "ok", "warn", "fail"
MIN_FREE_BYTES = 1 << 30  # under 1 GB free: warn (a term of check-ins is a few MB)
CAMERA_INDICES = (0, 1, 2, 3)
CAMERA_TIMEOUT_S = 3.0

REINSTALL = Text("Reinstall Headcount (the installer carries every part it needs).",
                 "请重新安装 Headcount（安装包已包含所需的全部组件）。")


@dataclass(frozen=True)
class Check:
    name: str  # stable id, e.g. "model-file:face_landmarker.task"
    status: str  # OK, WARN or FAIL
    title: Text
    detail: Text
    fix: Text | None = None  # what to do; None when nothing needs doing

    @property
    def ok(self) -> bool:
        return self.status == OK

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "ok": self.ok,
                "title": self.title.both(), "detail": self.detail.both(),
                "fix": self.fix.both() if self.fix else None}


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no required check failed (warnings allowed)."""
        return all(c.status != FAIL for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        counts = {s: sum(c.status == s for c in self.checks) for s in (OK, WARN, FAIL)}
        return {"ok": self.ok, "version": __version__, "bundle": is_bundle(),
                "counts": counts, "checks": [c.as_dict() for c in self.checks]}


def is_bundle() -> bool:
    return bool(getattr(sys, "frozen", False))


def _same(text: str) -> Text:
    return Text(text, text)


def _guard(name: str, title: Text, fn: Callable[[], Check]) -> Check:
    """A check that raises becomes a failed check naming the error, never a traceback."""
    try:
        return fn()
    except Exception as err:
        return Check(name, FAIL, title, _same(f"{type(err).__name__}: {err}"), REINSTALL)


# ------------------------------------------------------------------------ versions


def check_python() -> Check:
    v = sys.version_info
    where = "bundled" if is_bundle() else sys.executable
    detail = _same(f"Headcount {__version__}; Python {platform.python_version()} ({where}); "
                   f"{platform.system()} {platform.release()} {platform.machine()}")
    ok = v >= (3, 11)
    return Check("python", OK if ok else FAIL, Text("Headcount and Python", "Headcount 与 Python"),
                 detail, None if ok else Text("Python 3.11 or newer is needed.",
                                              "需要 Python 3.11 或更新版本。"))


def _dist_version(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _qt_version() -> str:
    """PySide6 without importing it (only headcount.gui may): metadata and the plugin files."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("PySide6 is not installed")
    version = _dist_version("PySide6-Essentials") or _dist_version("PySide6") or "?"
    base = Path(next(iter(spec.submodule_search_locations)))
    platforms = [p for p in (base / "Qt" / "plugins" / "platforms", base / "plugins" / "platforms")
                 if p.is_dir()]
    names = sorted({f.name.split(".")[0].removeprefix("libq").removeprefix("q")
                    for d in platforms for f in d.iterdir()})
    if not names:
        raise ImportError(f"PySide6 {version}: no Qt platform plugins next to {base}")
    return f"{version} (platforms: {', '.join(names)})"


def _package_versions() -> dict[str, Callable[[], str]]:
    def mp() -> str:
        import mediapipe

        return str(mediapipe.__version__)

    def ort() -> str:
        import onnxruntime

        return str(onnxruntime.__version__)

    def cv() -> str:
        import cv2

        return str(cv2.__version__)

    def np_() -> str:
        import numpy

        return str(numpy.__version__)

    def rl() -> str:
        import reportlab

        return str(reportlab.Version)

    return {"mediapipe": mp, "onnxruntime": ort, "opencv": cv, "numpy": np_,
            "PySide6": _qt_version, "reportlab": rl, "sqlite": lambda: sqlite3.sqlite_version}


def check_packages() -> list[Check]:
    out = []
    for name, get in _package_versions().items():
        title = Text(f"Package {name}", f"组件 {name}")
        try:
            out.append(Check(f"package:{name}", OK, title, _same(get())))
        except Exception as err:
            out.append(Check(f"package:{name}", FAIL, title,
                             Text(f"cannot be loaded: {err}", f"无法加载：{err}"), REINSTALL))
    return out


# -------------------------------------------------------------------------- models


def check_model_files(directory: Path | None = None) -> list[Check]:
    from headcount.models import MODELS, RESTORE_HINT_EN, RESTORE_HINT_ZH, sha256_file
    from headcount.resources import models_dir

    directory = directory or models_dir()
    fix = Text(RESTORE_HINT_EN, RESTORE_HINT_ZH)
    out = []
    for spec in MODELS.values():
        path = directory / spec.name
        title = Text(f"Model file {spec.name}", f"模型文件 {spec.name}")
        name = f"model-file:{spec.name}"
        if not path.is_file():
            out.append(Check(name, FAIL, title, Text(f"missing: {path}", f"缺失：{path}"), fix))
            continue
        digest = sha256_file(path)
        if digest != spec.sha256:
            out.append(Check(name, FAIL, title,
                             Text(f"damaged: SHA-256 {digest[:16]}…, expected {spec.sha256[:16]}… "
                                  f"({path})",
                                  f"已损坏：SHA-256 为 {digest[:16]}…，应为 {spec.sha256[:16]}…"
                                  f"（{path}）"), fix))
            continue
        size = path.stat().st_size
        out.append(Check(name, OK, title, _same(f"SHA-256 {digest}, {size} bytes: {path}")))
    return out


def check_model_loading() -> list[Check]:
    """Each model really loads: one forward pass of the embedder, detector/landmarker open."""
    import numpy as np

    def embedder() -> Check:
        from headcount.vision.embed import DESCRIPTOR_SIZE, Embedder

        out = Embedder(threads=1).describe(np.zeros((150, 150, 3), np.uint8))
        if out.shape != (1, DESCRIPTOR_SIZE) or not np.all(np.isfinite(out)):
            raise ValueError(f"unexpected output {out.shape}")
        return Check("model-load:embedder", OK, titles["embedder"],
                     Text("one forward pass on a blank chip: 128 finite values",
                          "空白图块推理一次：输出 128 个有效数值"))

    def detector(mode: str) -> Callable[[], Check]:
        def run() -> Check:
            from headcount.vision.detect import FaceDetector

            FaceDetector(mode).close()  # type: ignore[arg-type]
            return Check(f"model-load:detector-{mode}", OK, titles[mode],
                         Text("created and closed", "已创建并关闭"))
        return run

    def landmarker() -> Check:
        from headcount.vision.landmarks import Landmarker

        Landmarker().close()
        return Check("model-load:landmarker", OK, titles["landmarker"],
                     Text("created and closed", "已创建并关闭"))

    titles = {
        "embedder": Text("Face descriptor model loads", "人脸特征模型可加载"),
        "entrance": Text("Face detector (entrance) loads", "人脸检测模型（入口）可加载"),
        "classroom": Text("Face detector (classroom) loads", "人脸检测模型（教室）可加载"),
        "landmarker": Text("Face landmark model loads", "人脸关键点模型可加载"),
    }
    return [_guard("model-load:embedder", titles["embedder"], embedder),
            _guard("model-load:detector-entrance", titles["entrance"], detector("entrance")),
            _guard("model-load:detector-classroom", titles["classroom"], detector("classroom")),
            _guard("model-load:landmarker", titles["landmarker"], landmarker)]


# ------------------------------------------------------------------------- devices


def _probe_camera(index: int) -> tuple[int, int] | None:
    """(width, height) of one frame from camera ``index``, or None."""
    import cv2

    cap = cv2.VideoCapture(index, cv2.CAP_ANY,
                           [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(CAMERA_TIMEOUT_S * 1000),
                            cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(CAMERA_TIMEOUT_S * 1000)])
    try:
        if not cap.isOpened():
            return None
        ok, frame = cap.read()
        return (frame.shape[1], frame.shape[0]) if ok and frame is not None else None
    finally:
        cap.release()


def find_cameras(indices: tuple[int, ...] = CAMERA_INDICES) -> dict[int, tuple[int, int]]:
    """Local cameras that deliver a frame. Each probe runs in a thread with a deadline
    so a driver that hangs cannot hang the self-check."""
    if sys.platform.startswith("linux") and not any(Path("/dev").glob("video*")):
        return {}  # no V4L2 device at all: nothing to open
    from headcount.vision.native_log import quiet_native_stderr

    found: dict[int, tuple[int, int]] = {}
    with quiet_native_stderr():
        for index in indices:
            result: list[tuple[int, int] | None] = []

            def probe(i: int = index, out: list[tuple[int, int] | None] = result) -> None:
                out.append(_probe_camera(i))

            t = threading.Thread(target=probe, daemon=True)
            t.start()
            t.join(CAMERA_TIMEOUT_S * 2)
            if result and result[0] is not None:
                found[index] = result[0]
    return found


def check_cameras() -> Check:
    title = Text("Cameras", "摄像头")
    found = find_cameras()
    tried = f"{CAMERA_INDICES[0]}-{CAMERA_INDICES[-1]}"
    if not found:
        return Check("cameras", WARN, title,
                     Text(f"no local camera found (numbers {tried} tried)",
                          f"未找到本机摄像头（已尝试编号 {tried}）"),
                     Text("Plug in a USB camera, close other programs that use it, or use a "
                          "network camera (rtsp:// address). Manual check-in works without one.",
                          "请连接 USB 摄像头并关闭占用它的其他程序，"
                          "或使用网络摄像头（rtsp:// 地址）。没有摄像头时仍可人工核验签到。"))
    listing = ", ".join(f"{i} ({w}x{h})" for i, (w, h) in sorted(found.items()))
    return Check("cameras", OK, title, Text(f"found: {listing}", f"已找到：{listing}"))


def check_font() -> Check:
    from headcount.reports.fonts import cjk_font

    title = Text("Chinese font (PDFs and window)", "中文字体（PDF 与窗口）")
    choice = cjk_font(refresh=True)
    if choice.embedded and choice.fallbacks:
        return Check("font", OK, title, _same(f"{choice.label}: {choice.path}; "
                                              f"+ {', '.join(choice.fallbacks)}"))
    if choice.embedded:  # names with 𠮷 or 𪚥 would print a visible "missing" mark
        rare = (Text("Install SimSun-ExtB (simsunb.ttf) in Windows Settings > Fonts.",
                     "请在 Windows 设置 > 字体 中安装 SimSun-ExtB（simsunb.ttf）。")
                if sys.platform.startswith("win") else
                Text("Install a font for rare characters: sudo apt install fonts-hanazono",
                     "请安装生僻字字体：sudo apt install fonts-hanazono"))
        return Check("font", WARN, title, Text(
            f"{choice.label}: {choice.path}; no font for rare characters (CJK Extension B "
            "and beyond, e.g. 𠮷 𪚥): printed names would mark them as missing",
            f"{choice.label}：{choice.path}；没有生僻字字体（CJK 扩展 B 区及以后，如 𠮷 𪚥）："
            "打印的姓名会将其标为缺字"), rare)
    if sys.platform.startswith("win"):
        fix = Text("Install Microsoft YaHei (msyh.ttc) or SimHei in Windows Settings > Fonts.",
                   "请在 Windows 设置 > 字体 中安装微软雅黑（msyh.ttc）或黑体。")
    else:
        fix = Text("Install a Chinese font: sudo apt install fonts-wqy-microhei",
                   "请安装中文字体：sudo apt install fonts-wqy-microhei")
    return Check("font", FAIL, title,
                 Text("no Chinese TrueType font found: the window may show boxes and PDFs "
                      "depend on the viewer's fonts",
                      "未找到中文 TrueType 字体：窗口可能显示方框，PDF 依赖阅读器自带字体"), fix)


# ---------------------------------------------------------------------------- data


def _existing(path: Path) -> Path:
    """``path`` or its nearest existing parent (what will hold it once created)."""
    path = path.resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".headcount-doctor-"):
            return True
    except OSError:
        return False


def check_data_folder(data_dir: Path) -> Check:
    title = Text("Data folder writable", "数据文件夹可写")
    target = _existing(data_dir)
    if target.is_dir() and _writable(target):
        note = "" if data_dir.exists() else " (created on `headcount init`)"
        note_zh = "" if data_dir.exists() else "（`headcount init` 时创建）"
        return Check("data-folder", OK, title, Text(f"{data_dir}{note}", f"{data_dir}{note_zh}"))
    return Check("data-folder", FAIL, title,
                 Text(f"cannot write in {target}", f"无法写入 {target}"),
                 Text("Give this user write permission there, or choose another folder with "
                      "--data-dir.",
                      "请为当前用户授予该文件夹的写权限，或用 --data-dir 选择其他文件夹。"))


def _open_station_read_only(data_dir: Path, key_dir: Path | None = None) -> Any:
    import sqlite_utils

    from headcount.station import Station
    from headcount.store.db import DB_NAME, OwnedConnection

    uri = (data_dir / DB_NAME).resolve().as_uri() + "?mode=ro"
    # Its own connection, owned by the thread that runs the checks (the window's
    # self-check worker): never the window's station connection.
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           factory=OwnedConnection)
    # Station() alone runs no migration and no purge: nothing is written.
    return Station(sqlite_utils.Database(conn), data_dir, key_dir=key_dir)


def check_station(data_dir: Path, key_dir: Path | None = None) -> list[Check]:
    """The database opens and is sound; the template key is there and fits it."""
    from headcount.store.crypto import default_key_dir, usable_keyring
    from headcount.store.db import DB_NAME

    db_title = Text("Station database", "工作站数据库")
    key_title = Text("Template key storage", "模板密钥存储")
    if not (data_dir / DB_NAME).exists():
        db = Check("database", OK, db_title,
                   Text("no station yet (`headcount init` creates one)",
                        "尚未建立工作站（用 `headcount init` 创建）"))
        if usable_keyring():
            import keyring

            backend = type(keyring.get_keyring()).__module__
            return [db, Check("key-storage", OK, key_title,
                              Text(f"OS keyring available ({backend})",
                                   f"系统密钥环可用（{backend}）"))]
        key_dir = default_key_dir(data_dir)
        ok = _writable(_existing(key_dir))
        return [db, Check("key-storage", OK if ok else FAIL, key_title,
                          Text(f"no OS keyring: the key will be a file in {key_dir}",
                               f"没有系统密钥环：密钥将保存为 {key_dir} 中的文件"),
                          None if ok else Text(f"Make {_existing(key_dir)} writable.",
                                               f"请使 {_existing(key_dir)} 可写。"))]
    try:
        station = _open_station_read_only(data_dir, key_dir)
    except Exception as err:
        return [Check("database", FAIL, db_title, _same(f"cannot open: {err}"),
                      Text("Check the folder's permissions; restore the data folder from a "
                           "backup if the file is damaged.",
                           "请检查文件夹权限；若文件损坏，请从备份恢复数据文件夹。"))]
    try:
        checks = []
        sound = station.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        people = station.db.execute("SELECT count(*) FROM people").fetchone()[0]
        checks.append(Check("database", OK if sound else FAIL, db_title,
                            Text(f"{data_dir / DB_NAME}: {'sound' if sound else 'DAMAGED'}, "
                                 f"{people} people",
                                 f"{data_dir / DB_NAME}：{'完好' if sound else '已损坏'}，"
                                 f"{people} 人"),
                            None if sound else Text("Restore the data folder from a backup.",
                                                    "请从备份恢复数据文件夹。")))
        where = station.keys.location
        try:
            station.cipher()
        except Exception as err:
            checks.append(Check("key-storage", FAIL, key_title, _same(str(err)),
                                Text("Restore the key from its backup (see INSTALL.md). Manual "
                                     "check-in works meanwhile.",
                                     "请从备份恢复密钥（见 INSTALL.md）。"
                                     "在此期间仍可人工核验签到。")))
        else:
            warning = station.key_warning
            checks.append(Check("key-storage", OK, key_title,
                                Text(f"key found and fits this station ({where})",
                                     f"密钥存在且与本工作站匹配（{where}）"),
                                warning))
        checks.append(Check("threshold", OK, Text("Match threshold", "匹配阈值"),
                            station.rule_in_force().describe()))
        checks.append(check_templates(station))
        count, _source, which = station.filing.counted()
        checks.append(Check("filing-count", OK, Text("Filing count (Measures art. 15)",
                                                     "备案人数（《办法》第十五条）"),
                            Text(f"{count} people: {which.en}", f"{count} 人：{which.zh}")))
        return checks
    finally:
        station.db.close()


SECOND_PHOTO = Text(
    "A second enrolment photo of each of them lets more faces be recognised at the same "
    "stranger rate (LFW, 45-person lists: 87-89 % -> 92-93 % of genuine attempts): put the "
    "new photos, named NUMBER_2.jpg, in a folder of their own and enrol that folder (a "
    "folder enrolled again would add its old photos twice).",
    "为这些人各补录第二张照片，可在陌生人误认率不变的情况下识别更多人脸（LFW，45 人名单："
    "真实尝试识别率 87-89 % -> 92-93 %）：把新照片命名为「学号_2.jpg」，单独放在一个文件夹中"
    "并录入该文件夹（重复录入原文件夹会把旧照片再登记一次）。")


def check_templates(station: Any) -> Check:
    """How many people have one enrolment photo, and how many templates predate the
    jittered enrolment (they keep matching; a new photo gives a better one)."""
    from headcount.models import TEMPLATE_VERSION

    one, more = station.templates.photos_per_person()
    old = sum(n for v, n in station.templates.by_version().items() if v != TEMPLATE_VERSION)
    detail = Text(f"{one + more} people enrolled: {one} with one photo, {more} with two or "
                  f"more; {old} templates from before jittered enrolment (they still match)",
                  f"已登记 {one + more} 人：{one} 人一张照片，{more} 人两张及以上；"
                  f"{old} 个模板早于抖动增强录入（仍可匹配）")
    return Check("templates", OK, Text("Face templates", "人脸模板"), detail,
                 SECOND_PHOTO if one else None)


def check_permissions(data_dir: Path, key_dir: Path | None = None) -> Check:
    """The data and key folders and every file in them owner-only (0700/0600), as the
    key-file warning and docs/INSTALL.md say. Windows ACLs are set, not checked here."""
    from headcount.store.crypto import default_key_dir
    from headcount.store.private_files import loose

    title = Text("Owner-only data and key files", "数据和密钥文件仅所有者可访问")
    if os.name == "nt":
        return Check("permissions", OK, title,
                     Text("Windows: access limited to this user by Headcount (icacls); "
                          "not checked here", "Windows：Headcount 已限制为仅当前用户访问"
                          "（icacls）；此处不检查"))
    found: list[str] = []
    for folder in (data_dir, key_dir or default_key_dir(data_dir)):
        if not folder.is_dir():
            continue
        mode = loose(folder, folder=True)
        if mode:
            found.append(f"{folder} ({mode})")
        found += [f"{f} ({m})" for f in sorted(folder.iterdir())
                  if f.is_file() and (m := loose(f))]
    if not found:
        return Check("permissions", OK, title,
                     Text("folders 0700, files 0600 (or nothing created yet)",
                          "文件夹 0700，文件 0600（或尚未创建）"))
    listed = "; ".join(found[:6]) + ("; ..." if len(found) > 6 else "")
    return Check("permissions", FAIL, title,
                 Text(f"other accounts on this PC may read: {listed}",
                      f"本机其他账户可以读取：{listed}"),
                 Text("Run `chmod 700 FOLDER` and `chmod 600 FOLDER/*` for the folders "
                      "named, or open the station once (Headcount tightens them).",
                      "请对所列文件夹运行 `chmod 700 文件夹` 和 `chmod 600 文件夹/*`，"
                      "或打开一次工作站（Headcount 会自动收紧权限）。"))


def check_log(data_dir: Path) -> Check:
    """What the window's diagnostic log holds (store/logfile.py): unhandled errors and
    native crashes are a warning for the IT staff, never a failure (the window went on,
    or was restarted)."""
    from headcount.store.logfile import summary

    title = Text("Diagnostic log", "诊断日志")
    s = summary(data_dir)
    if not s.folder.exists():
        return Check("log", OK, title, Text("none yet (the window writes one)",
                                            "尚无（窗口运行时会写入）"))
    if not s.unhandled and not s.crashes:
        return Check("log", OK, title, Text(f"{s.folder}: no unhandled error, no crash",
                                            f"{s.folder}：无未处理错误，无崩溃"))
    last = s.last_unhandled or "-"
    return Check("log", WARN, title,
                 Text(f"{s.folder}: {s.unhandled} unhandled error(s), the last at {last}; "
                      f"{s.crashes} crash(es) (crash.log)",
                      f"{s.folder}：{s.unhandled} 个未处理错误，最近一次在 {last}；"
                      f"{s.crashes} 次崩溃（crash.log）"),
                 Text("Send the logs folder to whoever supports Headcount at the school; "
                      "delete its files once they have been looked at.",
                      "请把 logs 文件夹交给学校负责 Headcount 的人员；查看后可删除其中的文件。"))


def check_disk(data_dir: Path) -> Check:
    title = Text("Free disk space", "磁盘剩余空间")
    free = shutil.disk_usage(_existing(data_dir)).free
    gb = free / (1 << 30)
    detail = Text(f"{gb:.1f} GB free", f"剩余 {gb:.1f} GB")
    if free >= MIN_FREE_BYTES:
        return Check("disk", OK, title, detail)
    return Check("disk", WARN, title, detail,
                 Text("Free some space (under 1 GB left): backups and reports need room.",
                      "请释放磁盘空间（剩余不足 1 GB）：备份和报表需要空间。"))


# -------------------------------------------------------------------------- runner


def run_checks(data_dir: Path | str | None = None, *, models_dir: Path | None = None,
               load_models: bool = True, cameras: bool = True,
               key_dir: Path | None = None) -> Report:
    """Every check, in a fixed order. ``cameras=False`` skips the probe (e.g. while the
    window has the cameras open); ``load_models=False`` checks the files only;
    ``key_dir`` is where a station opened with its own key folder keeps its key."""
    from headcount.store.db import default_data_dir

    data = Path(data_dir) if data_dir else default_data_dir()
    report = Report()
    add = report.checks.append
    add(check_python())
    report.checks += check_packages()
    files = check_model_files(models_dir)
    report.checks += files
    if load_models:
        if all(c.ok for c in files) and models_dir is None:
            report.checks += check_model_loading()
        else:
            add(Check("model-load", FAIL, Text("Models load", "模型可加载"),
                      Text("not tried: a model file is missing or damaged (see above)",
                           "未尝试：有模型文件缺失或损坏（见上文）"), REINSTALL))
    if cameras:
        add(_guard("cameras", Text("Cameras", "摄像头"), check_cameras))
    add(_guard("font", Text("Chinese font", "中文字体"), check_font))
    add(_guard("data-folder", Text("Data folder writable", "数据文件夹可写"),
               lambda: check_data_folder(data)))
    try:
        report.checks += check_station(data, key_dir)
    except Exception as err:
        add(Check("database", FAIL, Text("Station database", "工作站数据库"),
                  _same(f"{type(err).__name__}: {err}"), REINSTALL))
    add(_guard("permissions", Text("Owner-only data and key files", "数据和密钥文件仅所有者可访问"),
               lambda: check_permissions(data, key_dir)))
    add(_guard("disk", Text("Free disk space", "磁盘剩余空间"), lambda: check_disk(data)))
    add(_guard("log", Text("Diagnostic log", "诊断日志"), lambda: check_log(data)))
    return report


def format_report(report: Report) -> str:
    """Readable lines in the current language."""
    from headcount.i18n import language

    zh = language() == "zh"
    marks = ({OK: "[正常]", WARN: "[注意]", FAIL: "[失败]"} if zh
             else {OK: "[ok]  ", WARN: "[warn]", FAIL: "[FAIL]"})
    colon = "：" if zh else ": "
    lines = []
    for c in report.checks:
        lines.append(f"{marks[c.status]} {c.title}{colon}{c.detail}")
        if c.fix is not None and not c.ok:
            lines.append(f"        -> {c.fix}")
        elif c.fix is not None:
            lines.append(f"        ({c.fix})")
    verdict = (Text("All required checks passed.", "所有必需检查均已通过。") if report.ok
               else Text("Some required checks failed: see [FAIL] above.",
                         "部分必需检查未通过：见上方 [失败]。"))
    lines.append(str(verdict))
    return "\n".join(lines)
