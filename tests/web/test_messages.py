"""The committed .mo catalogues match their .po sources, and the Python compiler agrees with gettext."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from dealpilot.web.compile_messages import LOCALE_DIR, parse_po, write_mo

CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_committed_mo_matches_its_po(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    write_mo(parse_po(po.read_text(encoding="utf-8")), fresh)
    compiled = gettext.GNUTranslations(fresh.open("rb"))._catalog  # type: ignore[attr-defined]
    committed = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))._catalog  # type: ignore[attr-defined]
    strip = {k: v for k, v in compiled.items() if k != ""}
    assert strip == {k: v for k, v in committed.items() if k != ""}


def test_every_chinese_message_is_translated() -> None:
    po = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    catalog = parse_po(text)
    ids = [k for k in parse_po(text.replace('msgstr ""\n\n', 'msgstr "x"\n\n')) if k]
    missing = [k for k in ids if k not in catalog]
    assert not missing
