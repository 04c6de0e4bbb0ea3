"""User text in the Markdown exports (the review's download and the CLI's `--format markdown`)
never becomes a live link or raw HTML when the file is rendered."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse
from markdown_it import MarkdownIt

from dealpilot.engine.assess import assess
from dealpilot.engine.report import render_markdown
from tests.engine.factories import deal_data, make_playbook, person
from tests.web.factories import make_account, make_deal, make_stakeholder

HOSTILE = [
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<javascript:alert(2)>",
    "![pic](javascript:alert(3))",
    "<img src=x onerror=alert(4)>",
    "[ref]: javascript:alert(5)",
    "`code` **bold** _it_ ~~gone~~",
]


def _rendered(markdown: str) -> str:
    # CommonMark with raw HTML on, as many Markdown viewers render a file, and without
    # markdown-it's own refusal of javascript: links (not every viewer has one).
    renderer = MarkdownIt("commonmark").enable("table")
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    return renderer.render(markdown)


def _visible(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())



@pytest.mark.parametrize("text", HOSTILE)
def test_the_review_export_keeps_user_text_as_text(cast: Any, login: Any, text: str) -> None:
    deal = make_deal(owner=cast.rep_a, name=text, account=make_account(name=f"客户 {text}"))
    make_stakeholder(deal, name=f"张伟 {text}", title=text)
    markdown = login(cast.rep_a).get(reverse("deal_review_markdown", args=[deal.pk])).content.decode()
    html = _rendered(markdown)
    assert "<a " not in html and "<img" not in html and "<script" not in html
    # ... and the reader still sees exactly what was typed.
    assert text in _visible(html)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_command_line_export_keeps_user_text_as_text(text: str) -> None:
    data = deal_data()
    data["opportunity"].update(name=text, account=text, owner=text)
    data["stakeholders"][0] = person("s1", name=text, title=text, roles=["decider"], influence="high",
                                     attitude="supporter", access="met")
    data["answers"]["pain_top"]["evidence"] = f"```\n{text}"
    from dealpilot.engine.document import parse_document

    markdown = render_markdown(assess(parse_document(data), make_playbook()), "en")
    html = _rendered(markdown)
    assert "<a " not in html and "<img" not in html and "<script" not in html


def test_a_backtick_fence_in_user_text_cannot_close_the_explanation_block() -> None:
    data = deal_data()
    data["answers"]["pain_top"]["evidence"] = "```\n[x](javascript:alert(1))\n<script>alert(1)</script>"
    from dealpilot.engine.document import parse_document

    html = _rendered(render_markdown(assess(parse_document(data), make_playbook()), "en"))
    assert "<a " not in html and "<script>" not in html


@pytest.mark.parametrize("text", ["# heading", "- item", "1. first", "> quote", "+ plus"])
def test_user_text_at_the_start_of_a_line_stays_a_plain_line(cast: Any, login: Any, text: str) -> None:
    deal = make_deal(owner=cast.rep_a, account=make_account(name=text))
    html = _rendered(login(cast.rep_a).get(reverse("deal_review_markdown", args=[deal.pk])).content.decode())
    assert f"<p>{text} ·" in unescape(html)
