"""Enrolment (C2-C4, C9): a template is stored only for a person with an active consent
given against a complete notice, and only from exactly one usable face.

Photos go through an engine (``headcount.vision.pipeline.FacePipeline`` by default,
imported lazily; tests inject a fake). The engine returns a template or the reasons it
refused; only the template is kept, never the photo. A new template closer than the
duplicate threshold to another person's is stored but flagged for review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from headcount.compliance.consent import Consents
from headcount.compliance.notice import Notices
from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.models import MODEL_VERSION
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.people import People, Person
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import User

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
DEFAULT_MODEL = MODEL_VERSION


class EngineResult(Protocol):
    template: np.ndarray | None
    reasons: list[str]
    messages: list[Text]
    faces: int


class EngineFace(Protocol):
    descriptor: np.ndarray | None  # None: the face was too poor to describe

    @property
    def quality_ok(self) -> bool: ...


class FaceEngine(Protocol):
    """What enrolment and face check-in need from the recognition engine
    (``vision.pipeline.FacePipeline``; tests inject a fake). An engine may also name
    its ``model_version`` (models.MODEL_VERSION when it does not)."""

    def enrol_image(self, rgb: np.ndarray) -> EngineResult: ...

    def analyse(self, rgb: np.ndarray) -> list[Any]: ...  # EngineFace per face


def default_engine(mode: str = "entrance") -> FaceEngine:
    """The real engine (``entrance``: near faces; ``classroom``: every face of a room)."""
    from headcount.vision.pipeline import FacePipeline  # heavy: only when faces are used

    return FacePipeline(mode=mode)


def model_version(engine: object) -> str:
    return str(getattr(engine, "model_version", DEFAULT_MODEL))


def load_rgb(path: Path) -> np.ndarray:
    """Read a photo as RGB uint8 (the engine's reader: missing file, damaged file,
    16-bit, grey, alpha and EXIF rotation each handled, with a clear BadInput)."""
    from headcount.vision.frames import read_image

    return read_image(path)


ALREADY_ENROLLED = "already_enrolled"  # the same photo again: nothing stored, not a fault


@dataclass
class EnrolOutcome:
    number: str
    source: str
    stored: bool
    template_id: int | None = None
    reasons: list[str] = field(default_factory=list)
    messages: list[Text] = field(default_factory=list)
    duplicate_of: str | None = None
    warnings: list[Text] = field(default_factory=list)  # stored, but see these (no PIA)

    @property
    def already(self) -> bool:
        """Nothing stored because this person holds this photo's template already."""
        return ALREADY_ENROLLED in self.reasons

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "source": self.source, "stored": self.stored,
                "template_id": self.template_id, "reasons": self.reasons,
                "messages": [m.both() for m in self.messages], "duplicate_of": self.duplicate_of}


class Enrolment:
    def __init__(self, audit: AuditLog, settings: Settings, people: People, notices: Notices,
                 consents: Consents, templates: Templates,
                 engine: Callable[[], FaceEngine],
                 warn: Callable[[], Text | None] = lambda: None,
                 on_stored: Callable[[], object] = lambda: None) -> None:
        self.audit, self.settings, self.people = audit, settings, people
        self.notices, self.consents, self.templates = notices, consents, templates
        self._engine = engine
        self._warn = warn  # a warning shown with every enrolment (no impact assessment)
        self._on_stored = on_stored  # after a template is stored (the filing threshold day)

    def check_allowed(self, person: Person) -> None:
        """Refused unless a template may be stored for this person now."""
        self.notices.require_complete()
        if person.status != "active":
            raise Refused(f"{person.number} has left the school; no new templates.",
                          f"{person.number} 已离校，不能再登记人脸。")
        if self.consents.stale(person.id):
            raise Refused(
                f"{person.number} consented to an earlier notice; the purpose, method or "
                "retention has changed since: record their consent to the current notice "
                "first. Until then they are checked manually.",
                f"{person.number} 的同意针对的是旧版告知书，此后处理目的、方式或保存期限已变更："
                "请先取得其对现行告知书的同意。在此之前使用人工核验。")
        record = self.consents.active(person.id)
        if record is None:
            raise Refused(
                f"{person.number} has no consent to face recognition: record it first "
                "(People > Enrolment and consent > Record consent; `headcount consent "
                "record`). Without it they are checked manually.",
                f"{person.number} 没有人脸识别同意记录：请先记录同意（人员 > 录入与同意 > "
                "记录同意；`headcount consent record`）。未同意者使用人工核验。")
        if record.given_by == "self":
            # Age is judged when consent was given; a child's own consent never counts.
            age = record.age_years
            if age is None or age < int(self.settings["age_of_consent"]):
                raise Refused(
                    f"{person.number} consented for themself while under "
                    f"{self.settings['age_of_consent']}: guardian consent is needed.",
                    f"{person.number} 在未满 {self.settings['age_of_consent']} 周岁时自行同意："
                    "须由监护人同意。")

    def enrol_template(self, actor: User, number: str, template: np.ndarray, *,
                       source: str = "template", model: str = DEFAULT_MODEL) -> EnrolOutcome:
        """Store one template for a consenting person (after the duplicate check).

        Administrators only: an invigilator or teacher (operator) checks people in but
        never enrols faces (issue: the operator cannot enrol, export or delete)."""
        require(actor, "enrol")
        person = self.people.get(number)
        self.check_allowed(person)
        if self.templates.has_copy(person.id, template):  # a folder enrolled again
            return EnrolOutcome(person.number, source, False, None, [ALREADY_ENROLLED],
                                [Text(f"{person.number}: this photo is already enrolled; "
                                      "nothing added.",
                                      f"{person.number}：这张照片已经登记过，未重复添加。")])
        dup = self.duplicate_of(person.id, template)
        try:  # the template and its audit row are one transaction (a full disk: neither)
            with atomic(self.templates.db):
                tid = self.templates.add(person.id, template, source=source,
                                         model_version=model,
                                         duplicate_of=dup.id if dup else None)
                self.audit.record(actor.name, "enrol", person.number,
                                  {"template": tid, "source": source, "model": model,
                                   "duplicate_of": dup.number if dup else None})
        except BaseException:
            self.templates.forget_cache()  # it may hold the template that was rolled back
            raise
        self._on_stored()
        warnings = [w for w in (self._warn(),) if w is not None]
        messages = list(warnings)
        if dup:
            messages.append(Text(
                f"Looks like {dup.number}, already enrolled: flagged for review.",
                f"与已登记的 {dup.number} 相似：已标记待复核。"))
        return EnrolOutcome(person.number, source, True, tid,
                            ["duplicate"] if dup else [], messages,
                            dup.number if dup else None, warnings)

    def duplicate_of(self, person_id: int, template: np.ndarray) -> Person | None:
        """Another person whose template is closer than ``duplicate_threshold``."""
        hits = self.templates.matcher().search(np.asarray(template, np.float32), k=2)[0]
        limit = float(self.settings["duplicate_threshold"])
        for hit in hits:
            if hit.person_id != person_id and hit.distance < limit:
                return self.people.by_id(int(hit.person_id))
        return None

    def enrol_image(self, actor: User, number: str, rgb: np.ndarray, *,
                    source: str = "photo") -> EnrolOutcome:
        """Enrol from one photo: exactly one usable face, else the engine's reasons."""
        require(actor, "enrol")
        person = self.people.get(number)
        self.check_allowed(person)  # before spending time on the image
        engine = self._engine()
        result = engine.enrol_image(rgb)
        if result.template is None:
            self.audit.record(actor.name, "enrol_refused", person.number,
                              {"source": source, "reasons": list(result.reasons)})
            return EnrolOutcome(person.number, source, False, None, list(result.reasons),
                                list(result.messages))
        # the template says how it was made (models.TEMPLATE_VERSION: averaged over
        # jitters); an engine's result that does not falls back to the engine's version
        return self.enrol_template(actor, number, result.template, source=source,
                                   model=str(getattr(result, "version", None)
                                             or model_version(engine)))

    def enrol_files(self, actor: User, number: str, paths: list[Path]) -> list[EnrolOutcome]:
        return [self.enrol_image(actor, number, load_rgb(p), source=p.name) for p in paths]

    def enrol_folder(self, actor: User, folder: Path) -> Iterator[tuple[int, int, EnrolOutcome]]:
        """Photos named by number (``2024001.jpg``); yields (done, total, outcome) so a
        caller can show progress. People missing or without consent are reported."""
        folder = Path(folder)
        if not folder.is_dir():
            raise BadInput(f"{folder} is not a folder.", f"{folder} 不是文件夹。")
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not files:
            raise BadInput(
                f"No photos in {folder}: put one JPEG or PNG photo per person in it, named "
                "by number (2024001.jpg). Nothing was enrolled.",
                f"{folder} 中没有照片：请放入每人一张 JPEG 或 PNG 照片，以学号命名"
                "（2024001.jpg）。未登记任何人。")
        for i, path in enumerate(files, start=1):
            number = path.stem.split("_")[0]  # 2024001_2.jpg is a second photo
            try:
                outcome = self.enrol_image(actor, number, load_rgb(path), source=path.name)
            except (BadInput, Refused) as err:
                code = "refused" if isinstance(err, Refused) else "bad_input"
                outcome = EnrolOutcome(number, path.name, False, None, [code], [err.text])
            yield i, len(files), outcome
