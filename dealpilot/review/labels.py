"""Names and colours shared by the power map, the charts, the review page and the Markdown export.

Colour means one thing everywhere (PRODUCT.md): attitude champion dark green → supporter green →
neutral grey → skeptic orange → opponent red, unknown hatched; always paired with a word and an
icon so the map reads in black and white too.
"""

from __future__ import annotations

from typing import Any

from dealpilot.engine.wording import ACCESS, ATTITUDE, PURPOSE, SEVERITY, TECHNIQUE

ATTITUDE_ORDER = ("champion", "supporter", "neutral", "skeptic", "opponent", "unknown")
ATTITUDE_COLOUR = {"champion": "#1b5e20", "supporter": "#43a047", "neutral": "#9e9e9e",
                   "skeptic": "#ef6c00", "opponent": "#c62828", "unknown": "#ffffff"}
ATTITUDE_ICON = {"champion": "★", "supporter": "▲", "neutral": "●", "skeptic": "▼", "opponent": "✖",
                 "unknown": "?"}
ACCESS_ORDER = ("regular", "met", "indirect", "none")
# Our access as the node's border: the firmer the line, the closer we are.
ACCESS_BORDER = {"regular": ("solid", 4), "met": ("solid", 2), "indirect": ("dashed", 2), "none": ("dotted", 2)}
INFLUENCE_SIZE = {"high": 58, "medium": 42, "low": 30}
SEVERITY_ICON = {"high": "▲", "medium": "●", "low": "○"}


def lang_of(code: str | None) -> str:
    return "en" if (code or "").startswith("en") else "zh"


def attitude(a: str, lang: str) -> str:
    return ATTITUDE[a].get(lang) if a in ATTITUDE else a


def access(a: str, lang: str) -> str:
    return ACCESS[a].get(lang) if a in ACCESS else a


def technique(t: str, lang: str) -> str:
    return TECHNIQUE[t].get(lang) if t in TECHNIQUE else t


def severity(s: str, lang: str) -> str:
    return SEVERITY[s].get(lang) if s in SEVERITY else s


def role(playbook: Any, rid: str, lang: str) -> str:
    found = playbook.role(rid) if playbook is not None else None
    return found.name.get(lang) if found is not None else rid.replace("_", " ")


def legend(lang: str) -> dict[str, Any]:
    """The power map legend: what each colour, border and size means, in the page's language."""
    return {
        "attitudes": [{"id": a, "label": attitude(a, lang), "colour": ATTITUDE_COLOUR[a],
                       "icon": ATTITUDE_ICON[a]} for a in ATTITUDE_ORDER],
        "access": [{"id": a, "label": access(a, lang), "border": ACCESS_BORDER[a][0],
                    "width": ACCESS_BORDER[a][1]} for a in ACCESS_ORDER],
    }


def purpose(p: str | None, lang: str) -> str:
    """What a question is for ("" when the coach made it up from the criterion)."""
    return PURPOSE[p].get(lang) if p in PURPOSE else ""
