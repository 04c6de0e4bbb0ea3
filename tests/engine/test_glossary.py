"""One word per thing: the glossary against every place that names an enum value, and the zh
wording rules (banned words, full-width punctuation) over every zh text a user reads."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from dealpilot.cli import main
from dealpilot.engine import glossary, wording
from dealpilot.engine.flags import RULES
from dealpilot.engine.history import FLAG_NAMES
from dealpilot.engine.playbook import get_playbook
from dealpilot.engine.report import label
from dealpilot.review import labels

ROOT = Path(__file__).resolve().parents[2] / "dealpilot"
CJK = r"[\u4e00-\u9fff]"
# Half-width punctuation touching a Chinese character (placeholders are removed first).
HALF_WIDTH = re.compile(rf"{CJK}[,:;?!(]|[,:;?!)]{CJK}|{CJK}\)")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|\{[^{}]*\}|%[sd]")
# Input aliases a user may type (old words are still understood), not text a user reads.
NOT_USER_TEXT = {"engine/glossary.py", "imports/mapping.py"}


def po_msgstrs() -> Iterator[tuple[str, str]]:
    for po in ROOT.glob("**/zh_Hans/LC_MESSAGES/django.po"):
        entries = po.read_text(encoding="utf-8").split("\n\n")
        for entry in entries:
            strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry + "\n", re.M)
            for s in strs:
                yield f"{po.relative_to(ROOT)}", "".join(re.findall(r'"(.*)"', s))


def playbook_zh(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "zh" and isinstance(v, str):
                yield path, v
            else:
                yield from playbook_zh(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from playbook_zh(v, f"{path}/{i}")


def python_zh() -> Iterator[tuple[str, str]]:
    for py in ROOT.glob("**/*.py"):
        rel = str(py.relative_to(ROOT))
        if rel in NOT_USER_TEXT or "/migrations/" in rel or rel.startswith("notes/"):
            continue  # notes/ holds the cues that read a customer's own notes
        tree = ast.parse(py.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):  # an f-string reads as its text with X for each value
                joined = "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
                if re.search(CJK, joined):
                    yield f"{rel}:{node.lineno}", joined
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if re.search(CJK, node.value) and not node.value.startswith("^"):  # regexes read input
                    yield f"{rel}:{node.lineno}", node.value


def template_zh() -> Iterator[tuple[str, str]]:
    for html in ROOT.glob("**/jinja2/**/*.html"):
        for line in html.read_text(encoding="utf-8").splitlines():
            if re.search(CJK, line):
                yield str(html.relative_to(ROOT)), line


def all_zh() -> Iterator[tuple[str, str, bool]]:
    """(where, text, may address the customer as 您)."""
    for where, s in po_msgstrs():
        yield where, s, False
    for pb in sorted((ROOT / "engine/playbooks").glob("*.yaml")) + [ROOT / "engine/examples/deal.zh.yaml"]:
        for where, s in playbook_zh(yaml.safe_load(pb.read_text(encoding="utf-8"))):
            yield f"{pb.name}{where}", s, "/questions/" in where and where.endswith("/text")
    for where, s in python_zh():
        yield where, s, False
    for where, s in template_zh():
        yield where, s, False


ZH_TEXTS = list(all_zh())


def is_chinese(s: str) -> bool:
    """Chinese text, not an English sentence quoting a Chinese name."""
    return len(re.findall(CJK, s)) > len(re.findall(r"[A-Za-z]", s))


def test_the_scan_reads_every_kind_of_zh_text() -> None:
    assert len(ZH_TEXTS) > 1500
    assert any(w.endswith(".html") for w, _, _ in ZH_TEXTS) and any(".py:" in w for w, _, _ in ZH_TEXTS)
    assert any(w.startswith("ppvvcc.yaml") for w, _, _ in ZH_TEXTS)
    assert any(w.endswith("django.po") for w, _, _ in ZH_TEXTS)


@pytest.mark.parametrize("banned", sorted(glossary.BANNED_ZH))
def test_no_banned_word_in_zh_user_text(banned: str) -> None:
    found = [f"{w}: {s}" for w, s, customer in ZH_TEXTS if banned in s and not (banned == "您" and customer)]
    assert not found, f"use {glossary.BANNED_ZH[banned]} instead of {banned}:\n" + "\n".join(found)


def test_zh_text_uses_full_width_punctuation() -> None:
    found = [f"{w}: {s}" for w, s, _ in ZH_TEXTS if is_chinese(s) and HALF_WIDTH.search(PLACEHOLDER.sub("X", s))]
    assert not found, "\n".join(found)


def test_the_checks_catch_what_they_look_for() -> None:
    assert HALF_WIDTH.search("痛点,未确认") and HALF_WIDTH.search("预算(已批准)") and HALF_WIDTH.search("是否?")
    assert not HALF_WIDTH.search(PLACEHOLDER.sub("X", "已接触 %(n)s 位，共 {total} 位（含 5 位）"))


@pytest.mark.parametrize("name, place", [("BUDGET", "budget"), ("ATTITUDE", "attitude"), ("ACCESS", "access"),
                                         ("STATUS", "answer_status"), ("OBJECTION", "objection"),
                                         ("TECHNIQUE", "technique"), ("PURPOSE", "purpose"),
                                         ("SEVERITY", "severity")])
def test_the_engines_wording_is_the_glossary(name: str, place: str) -> None:
    assert getattr(wording, name) == glossary.ENUMS[place]


def test_flag_names_are_the_glossary() -> None:
    assert FLAG_NAMES == glossary.FLAG
    assert set(RULES) <= set(glossary.FLAG), "every flag the engine raises has a name in both languages"


@pytest.mark.parametrize("playbook", ["ppvvcc", "bant", "meddicc"])
def test_shipped_playbooks_name_stages_and_roles_as_the_glossary(playbook: str) -> None:
    pb = get_playbook(playbook)
    for s in pb.stages:
        assert s.name == glossary.STAGE[s.id], s.id
    if playbook != "meddicc":  # MEDDICC keeps its own method's names (经济买家, Champion)
        for r in pb.roles:
            assert r.name == glossary.ROLE[r.id], r.id


def test_ppvvcc_dimensions_are_the_glossary() -> None:
    assert {d.id: d.name for d in get_playbook("ppvvcc").dimensions} == glossary.DIMENSION


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_power_map_legend_and_review_labels_are_the_glossary(lang: str) -> None:
    legend = labels.legend(lang)
    assert {a["id"]: a["label"] for a in legend["attitudes"]} == {k: v.get(lang) for k, v in glossary.ATTITUDE.items()}
    assert {a["id"]: a["label"] for a in legend["access"]} == {k: v.get(lang) for k, v in glossary.ACCESS.items()}
    for s, t in glossary.SEVERITY.items():
        assert labels.severity(s, lang) == t.get(lang)
    for p, t in glossary.PURPOSE.items():
        assert labels.purpose(p, lang) == t.get(lang)
    for k, t in glossary.TECHNIQUE.items():
        assert labels.technique(k, lang) == t.get(lang)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_table_and_markdown_use_the_glossary(tmp_path: Path, lang: str) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(run("example", "--lang", lang), encoding="utf-8")
    shown = run("assess", str(deal), "--lang", lang)
    md = run("assess", str(deal), "--lang", lang, "--format", "markdown")
    data = yaml.safe_load(deal.read_text(encoding="utf-8"))
    red_flags = glossary.TERMS["red_flags"].get(lang)
    assert label("flags", lang) == red_flags and red_flags in shown and red_flags in md
    severities = [glossary.SEVERITY[s].get(lang) for s in glossary.SEVERITY]
    assert any(f"[{s}]" in shown for s in severities) and any(f"**{s}**" in md for s in severities)
    stage = glossary.STAGE[data["opportunity"]["stage"]].get(lang)
    assert stage in shown and stage in md
    if lang == "zh":
        assert not HALF_WIDTH.search(PLACEHOLDER.sub("X", md)), md
