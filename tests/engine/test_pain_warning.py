"""The margin before `pain_stale` in which home pages warn that a pain is going stale: a rule
of the method, so it lives in the engine beside the flag."""

from __future__ import annotations

from dealpilot.engine.flags import PAIN_STALE_WARNING_DAYS, pain_warning_age
from dealpilot.engine.playbook import get_playbook, list_playbooks


def test_the_warning_starts_the_margin_before_the_playbooks_window_ends() -> None:
    for pid in list_playbooks():
        window = get_playbook(pid).pain_freshness_days
        assert pain_warning_age(window) == window - PAIN_STALE_WARNING_DAYS


def test_a_window_shorter_than_the_margin_warns_from_the_day_of_confirmation() -> None:
    assert pain_warning_age(PAIN_STALE_WARNING_DAYS - 5) == 0
