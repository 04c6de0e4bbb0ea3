"""Names of flags, bands and filter choices as people read them (wording only, no rules)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dealpilot.engine import glossary
from dealpilot.engine.playbook import Text
from dealpilot.review.labels import lang_of


def _in_language(text: Text) -> Any:
    """The glossary's word, in the language active when it is shown, capitalised as a label."""
    return lazy(lambda: capfirst(text.get(lang_of(get_language()))), str)()


# Every flag by the glossary's name (the engine's, the review's and the CLI's).
FLAG_NAMES = {fid: _in_language(text) for fid, text in glossary.FLAG.items()}

BAND_NAMES = {"weak": _("Weak (below 40)"), "fair": _("Fair (40–69)"), "strong": _("Strong (70 and up)")}

STATUS_NAMES = {"open": _("Open"), "won": _("Won"), "lost": _("Lost"), "all": _("All")}

PERIOD_NAMES = {"this_month": _("This month"), "this_quarter": _("This quarter"),
                "next_quarter": _("Next quarter"), "custom": _("Custom range")}

SEVERITY_NAMES = {"high": _("high"), "medium": _("medium"), "low": _("low")}


def flag_name(flag_id: str) -> str:
    return str(FLAG_NAMES.get(flag_id, flag_id))
