"""Administration, a part of ``Station``: settings, a face's preferences, users, the audit
log, the retention purge and the match threshold, each behind the role table (roles.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput
from headcount.matching.calibration import CalibrationReport, calibrate
from headcount.matching.in_force import RuleInForce, estimate_of, rule_in_force
from headcount.matching.threshold import ThresholdChoice, choose_threshold
from headcount.roles import require
from headcount.store.settings_view import SettingsView

if TYPE_CHECKING:
    from headcount.compliance.assessment import Assessment
    from headcount.compliance.retention import Retention
    from headcount.store.audit import AuditEntry, AuditLog, VerifyResult
    from headcount.store.receipts import PurgeReceipt
    from headcount.store.settings import Settings
    from headcount.store.templates import Templates
    from headcount.store.users import Account, User, Users


class Administration:
    """Mixed into ``Station``: the parts it uses are the station's."""

    data_dir: Path
    audit: AuditLog
    settings: Settings
    users: Users
    retention: Retention
    templates: Templates
    assessment: Assessment

    # --- settings, and a face's own preferences (never personal data) -------------------
    def show_settings(self, actor: User | None) -> SettingsView:
        """The settings as a person reads them: signed in, camera passwords masked."""
        require(actor, "settings.show")
        return SettingsView(self.settings.as_dict())

    def set_settings(self, actor: User, **changes: Any) -> SettingsView:
        """Change settings (admin; audited). Camera addresses given back masked keep
        their stored passwords; neither the audit row nor the answer shows them."""
        require(actor, "settings.set")
        shown = self.settings.write(changes)  # store/settings.py: the one place (C10)
        self.audit.record(actor.name, "settings", "", shown)
        return SettingsView(self.settings.as_dict())

    def preferences(self, face: str) -> SettingsView:
        """What a face keeps beside the database for this station (``window.json``)."""
        try:
            stored = json.loads((self.data_dir / f"{face}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        return SettingsView(stored if isinstance(stored, dict) else {})

    def set_preferences(self, actor: User, face: str, changes: dict[str, Any]) -> None:
        """Change a face's preferences: a setting like any other (admin; audited)."""
        require(actor, "settings.set")
        merged = self.preferences(face).as_dict() | changes
        (self.data_dir / f"{face}.json").write_text(
            json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
        self.audit.record(actor.name, "settings", face, changes)

    # --- users and the audit log ---------------------------------------------------------
    def list_users(self, actor: User) -> list[Account]:
        require(actor, "user.list")
        return self.users.list()

    def read_audit(self, actor: User, *, limit: int | None = None, action: str | None = None,
                   subject: str | None = None) -> list[AuditEntry]:
        """Audit entries, newest first (admin)."""
        require(actor, "audit.show")
        return list(self.audit.entries(limit=limit, action=action, subject=subject))

    def verify_audit(self, actor: User) -> VerifyResult:
        """Check the audit log's hash chain (admin); the check itself is audited."""
        require(actor, "audit.verify")
        result = self.audit.verify()
        self.audit.record(actor.name, "audit_verify", "", {"ok": result.ok})
        return result

    # --- retention, camera placement and the match threshold ------------------------------
    def purge(self, actor: User) -> PurgeReceipt:
        """The retention purge now, whatever is due (admin)."""
        require(actor, "purge")
        return self.retention.purge(actor)

    def record_camera_placement(self, actor: User, camera: str, location: str, checked_by: str,
                                checked_on: dt.date | None = None) -> list[dict[str, str]]:
        """Where a camera is installed and who checked it against the placement guide
        (C13): kept in the settings, printed on the guide, audited. Administrators."""
        from headcount.compliance.placement import with_placement

        day = (checked_on or dt.date.today()).isoformat()
        placements = with_placement(list(self.settings["camera_placements"]), camera,
                                    location, checked_by, day)
        self.set_settings(actor, camera_placements=placements)
        return placements

    def estimate_threshold(self, actor: User) -> ThresholdChoice:
        """Choose the match threshold again from the target (matching/threshold.py), on
        this station's gallery once it is big enough; run after every enrolment batch.
        Decisions use it while ``match_threshold`` is "auto" (matching/in_force.py)."""
        from headcount.matching.threshold import jitter_corrected
        from headcount.models import TEMPLATE_VERSION

        s = self.settings
        before = rule_in_force(s)
        choice = choose_threshold(self.templates.matcher(), target=float(s["match_target"]),
                                  roster=int(s["match_roster_size"]))
        # jittered templates make template-vs-template estimates low: add the measured shift
        choice = jitter_corrected(choice, self.templates.share_of(TEMPLATE_VERSION))
        s.write({"match_threshold_estimate": choice.to_dict()})
        after = rule_in_force(s)
        self.audit.record(actor.name, "estimate_threshold", "gallery",
                          {"threshold": after.estimated, "before": before.estimated,
                           "in_force": after.threshold, "overridden": after.overridden,
                           "source": choice.gap_source if after.rule == "gap" else choice.source,
                           "people": choice.people})
        return choice

    def calibrate(self, actor: User, *, threshold: float | None = None, target: float = 0.01,
                  roster_size: int = 45) -> CalibrationReport:
        """The false-match rate this station's own gallery gives at ``threshold`` (the
        plain threshold in force by default) and the threshold for ``target``; kept for
        the impact assessment (Art. 9). Needs 3 enrolled people."""
        require(actor, "calibrate")
        rule = self.rule_in_force()  # a distance: the plain rule's threshold
        if threshold is None:
            threshold = rule.threshold if rule.rule == "plain" else rule.estimate.threshold
        gallery = self.templates.matcher()
        if gallery.people_count < 3:
            raise BadInput(
                f"Calibration needs the templates of at least 3 enrolled people; "
                f"{gallery.people_count} enrolled so far. Enrol more people first, or keep "
                f"the threshold {threshold}.",
                f"校准至少需要 3 名已登记人员的模板；目前已登记 {gallery.people_count} 人。"
                f"请先登记更多人员，或继续使用阈值 {threshold}。")
        report = calibrate(gallery, threshold=threshold, target_search_fmr=target,
                           search_people=roster_size)
        self.audit.record(actor.name, "calibrate", "gallery",
                          {"threshold": threshold, "roster_size": roster_size})
        self.assessment.note_calibration(actor, report.to_dict())  # for the PIA (Art. 9)
        return report

    def threshold_estimate(self) -> ThresholdChoice:
        """The stored estimate (the LFW one before any enrolment batch)."""
        return estimate_of(self.settings)

    def rule_in_force(self) -> RuleInForce:
        """The rule and the one threshold decisions use now (estimate or override)."""
        return rule_in_force(self.settings)
