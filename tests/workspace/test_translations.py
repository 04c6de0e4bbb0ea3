"""Every workspace string has its Chinese translation, and the compiled catalogue serves it."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "dealpilot" / "workspace" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries() -> list[tuple[str, str]]:
    found = []
    for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]:
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match:
            found.append(("".join(re.findall(r'"(.*)"', match.group(1))), "".join(re.findall(r'"(.*)"', match.group(2)))))
    return found


def test_every_workspace_string_is_translated() -> None:
    entries = _entries()
    assert len(entries) > 100
    assert [mid for mid, zh in entries if not zh] == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_page_never_falls_back_to_english_in_chinese() -> None:
    # The project catalogue may word a shared string its own way (it takes precedence); either
    # way a Chinese page must not show the English text.
    with translation.override("zh-hans"):
        assert [mid for mid, _zh in _entries() if translation.gettext(mid) == mid] == []
