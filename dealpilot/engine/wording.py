"""Words the rules put into messages, in both languages: enumerations, lists, names."""

from __future__ import annotations

from dealpilot.engine import glossary
from dealpilot.engine.playbook import Text

# The enumerations' words come from the one glossary; these names are kept for the rules' imports.
BUDGET = glossary.BUDGET
ATTITUDE = glossary.ATTITUDE
ACCESS = glossary.ACCESS
STATUS = glossary.ANSWER_STATUS
OBJECTION = glossary.OBJECTION
TECHNIQUE = glossary.TECHNIQUE
PURPOSE = glossary.PURPOSE
PURPOSE_ORDER = {p: i for i, p in enumerate(PURPOSE)}
SEVERITY = glossary.SEVERITY


def days_text(n: int) -> str:
    """A count of days in English ("1 day", "2 days"); Chinese needs no plural ("1 天")."""
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def text(zh: str, en: str) -> Text:
    return Text(zh=zh, en=en)
