"""The one match threshold a station decides with, from its settings.

``match_threshold`` is either ``"auto"`` (the default: the station's own estimate for
the rule in force, ``Station.estimate_threshold`` after every enrolment batch, LFW's
until the station is big enough) or a number: an administrator's override of that same
threshold. ``match_rule`` says which rule it applies to: ``"gap"`` (distance less half
the lead over the runner-up, the measured best) or ``"plain"`` (the distance alone).
One setting, one meaning: the number the decision compares with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headcount.i18n import Text
from headcount.matching.decision import GapRule
from headcount.matching.threshold import ThresholdChoice, default_choice

AUTO = "auto"


@dataclass(frozen=True)
class RuleInForce:
    rule: str  # "gap" or "plain"
    threshold: float  # what the decision compares the rule's score with
    overridden: bool  # an administrator's number, not the estimate
    estimate: ThresholdChoice

    @property
    def gap(self) -> GapRule | None:
        """The gap rule with the threshold in force (None under the plain rule)."""
        if self.rule != "gap":
            return None
        e = self.estimate
        return GapRule(e.gap_weight, self.threshold, e.gap_tail_mean, e.gap_tail_std)

    @property
    def estimated(self) -> float:
        """The station's estimate for the rule in force."""
        return self.estimate.gap_threshold if self.rule == "gap" else self.estimate.threshold

    def describe(self) -> Text:
        """For `doctor` and the window's settings: the threshold in force, then how the
        estimate was made."""
        if self.overridden:
            head = Text(f"{self.threshold:.3f}, set by an administrator (the station's "
                        f"estimate: {self.estimated:.3f}; `headcount settings set "
                        f"match_threshold=auto` goes back to it)",
                        f"{self.threshold:.3f}，由管理员设定（工作站估计值：{self.estimated:.3f}；"
                        f"`headcount settings set match_threshold=auto` 恢复估计值）")
        else:
            head = Text(f"{self.threshold:.3f}, automatic (the station's estimate)",
                        f"{self.threshold:.3f}，自动（工作站估计值）")
        rule = Text("gap rule", "差距规则") if self.rule == "gap" else Text("plain distance",
                                                                        "仅用距离")
        how = self.estimate.describe()
        return Text(f"Threshold in force ({rule.en}): {head.en}. {how.en}",
                    f"当前阈值（{rule.zh}）：{head.zh}。{how.zh}")


def estimate_of(settings: Any) -> ThresholdChoice:
    """The stored estimate (LFW's before any enrolment batch)."""
    try:
        return ThresholdChoice.from_dict(settings["match_threshold_estimate"])
    except (KeyError, TypeError):
        return default_choice(float(settings["match_target"]), int(settings["match_roster_size"]))


def rule_in_force(settings: Any) -> RuleInForce:
    estimate = estimate_of(settings)
    rule = str(settings["match_rule"])
    value = settings["match_threshold"]
    if value == AUTO:
        auto = estimate.gap_threshold if rule == "gap" else estimate.threshold
        return RuleInForce(rule, float(auto), False, estimate)
    return RuleInForce(rule, float(value), True, estimate)


def migrate_value(stored: Any, estimate: dict[str, Any], rule: str) -> Any:
    """An older station's numeric ``match_threshold`` (written by every estimate, or by
    hand) as the one setting: the estimate's own number -> "auto"; a hand-set number
    under the plain rule (where it decided) -> kept as the override; under the gap rule
    it never decided (the gap threshold did) -> "auto", so no decision changes."""
    if stored == AUTO or not isinstance(stored, (int, float)):
        return stored
    if rule == "plain":
        written = estimate.get("threshold", _OLD_DEFAULT)
        return AUTO if abs(float(stored) - float(written)) < 1e-9 else stored
    return AUTO


_OLD_DEFAULT = 0.4774  # what stations stored before their first estimate
