"""The candidate card says how sure a proposal is, in words (core: decision.verdict)."""

from __future__ import annotations

from typing import Any

import numpy as np

from headcount.gui.candidate_card import Candidate, CandidateCard
from headcount.i18n import set_language


def test_card_shows_the_verdict_in_words(qtbot: Any) -> None:
    card = CandidateCard()
    qtbot.addWidget(card)
    live = np.full((120, 100, 3), 150, np.uint8)
    set_language("en")
    try:
        close = Candidate(None, 1, "Lin", "2025001", 0.25, 0.4774, "roster", 3, live, None,
                          runner_up=0.7, roster_size=45)
        card.show_candidate(close)
        assert "Likely this person" in card.verdict.text()
        assert "10,000" in card.verdict.text()  # a stranger this close: very rare
        near = Candidate(None, 1, "Lin", "2025001", 0.47, 0.4774, "roster", 3, live, None,
                         runner_up=0.53, roster_size=45)
        card.show_candidate(near)
        assert "compare carefully" in card.verdict.text()
        assert "searches" in card.verdict.text()
        set_language("zh")
        card.show_candidate(near)
        assert "仔细核对" in card.verdict.text()
        card.clear()
        assert card.verdict.text() == ""
    finally:
        set_language(None)


def test_card_words_follow_the_stations_gap_rule(qtbot: Any) -> None:
    from headcount.matching.threshold import default_choice

    gap = default_choice().gap_rule()
    card = CandidateCard()
    qtbot.addWidget(card)
    live = np.full((120, 100, 3), 150, np.uint8)
    set_language("en")
    try:
        # Under the plain threshold with a 0.06 lead: plain words say "compare carefully";
        # under the gap rule the runner-up is too close to propose: the manual check.
        between = Candidate(None, 1, "Lin", "2025001", 0.47, 0.4774, "roster", 3, live,
                            None, runner_up=0.53, roster_size=45)
        card.show_candidate(between)
        assert "Uncertain" not in card.verdict.text()
        card.show_candidate(Candidate(**{**between.__dict__, "gap": gap}))
        assert "manual check" in card.verdict.text()
        set_language("zh")
        card.show_candidate(Candidate(**{**between.__dict__, "gap": gap}))
        assert "人工核验" in card.verdict.text()
        # A clear lead: likely, with the gap rule's own stranger rate in words.
        clear = Candidate(None, 1, "Lin", "2025001", 0.42, 0.4774, "roster", 3, live, None,
                          runner_up=0.85, roster_size=45, gap=gap)
        card.show_candidate(clear)
        assert "很可能是本人" in card.verdict.text() and "万分之一" in card.verdict.text()
    finally:
        set_language(None)
