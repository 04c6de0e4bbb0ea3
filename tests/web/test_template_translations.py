"""Every word the page templates translate has its Chinese text (and plural forms)."""

from __future__ import annotations

from pathlib import Path

from django.template import engines
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "dealpilot"
TEMPLATES = sorted(p for p in ROOT.glob("*/jinja2/**/*") if p.is_file())


def _messages() -> list[tuple[str, str, str | tuple[str, ...]]]:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    found = []
    for path in TEMPLATES:
        for _line, func, message in env.extract_translations(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), func, message))
    return found


def test_templates_are_found_and_translate_many_strings() -> None:
    assert len(TEMPLATES) > 30
    assert len(_messages()) > 200


def test_every_template_string_has_its_chinese_text() -> None:
    missing = []
    with translation.override("zh-hans"):
        for where, func, message in _messages():
            strings = [message] if isinstance(message, str) else [m for m in message if isinstance(m, str)]
            if func == "pgettext":  # (context, message)
                if translation.pgettext(strings[0], strings[1]) == strings[1]:
                    missing.append((where, f"{strings[0]}: {strings[1]}"))
            elif func == "ngettext":
                singular, plural = strings[0], strings[1]
                if translation.ngettext(singular, plural, 2) == plural:
                    missing.append((where, plural))
            elif translation.gettext(strings[0]) == strings[0]:
                missing.append((where, strings[0]))
    assert missing == []
