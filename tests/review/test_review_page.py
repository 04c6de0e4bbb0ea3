"""The deal review, its Markdown twin and its chart data: content comes from the engine."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import DealStakeholder, PlanStep
from dealpilot.engine import assess
from dealpilot.engine.playbook import get_playbook


def _engine(opp: Any) -> Any:
    doc = deal_to_document(load_deal(opp.pk))
    return assess(doc, get_playbook(doc.playbook), as_of=timezone.localdate())


def _get(client: Any, name: str, opp: Any, lang: str = "zh-hans") -> Any:
    return client.get(reverse(name, args=[opp.pk]), HTTP_ACCEPT_LANGUAGE=lang)


def test_the_review_shows_the_engines_flags_call_plan_and_intro_paths(example: Any, cast: Any, login: Any) -> None:
    result = _engine(example)
    html = _get(login(cast.manager_a), "deal_review", example).content.decode()
    assert example.name in html
    for flag in result.flags:
        assert flag.message.zh.split("：")[0] in html
    for entry in result.call_plan:
        assert entry.name in html
        for q in entry.questions:
            assert q.text.zh in html
    assert result.intro_paths and all(p.message.zh in html for p in result.intro_paths)


def test_the_review_follows_the_page_language(example: Any, cast: Any, login: Any) -> None:
    result = _engine(example)
    client = login(cast.rep_a)
    en = _get(client, "deal_review", example, "en").content.decode()
    assert "Deal review" in en and result.intro_paths[0].message.en in en
    zh = _get(client, "deal_review", example, "zh-hans").content.decode()
    assert "商机评审" in zh and result.intro_paths[0].message.zh in zh


def test_an_overdue_step_is_marked_on_the_timeline(example: Any, cast: Any, login: Any) -> None:
    PlanStep.objects.create(opportunity=example, step="签署保密协议", status="pending",
                            due=timezone.localdate() - dt.timedelta(days=3))
    html = _get(login(cast.rep_a), "deal_review", example).content.decode()
    row = html[html.index("签署保密协议") - 400: html.index("签署保密协议") + 400]
    assert "dp-overdue" in row and "已逾期" in row


def test_the_markdown_export_carries_the_same_review(example: Any, cast: Any, login: Any) -> None:
    result = _engine(example)
    response = _get(login(cast.rep_a), "deal_review_markdown", example, "en")
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    assert text.startswith(f"# Deal review: {example.name}")
    for q in (q for e in result.call_plan for q in e.questions):
        assert q.text.en in text
    assert all(p.message.en in text for p in result.intro_paths)
    assert "| Dimension | Now |" in text


def test_user_text_cannot_inject_markup(example: Any, cast: Any, login: Any) -> None:
    person = DealStakeholder.objects.get(opportunity=example, key="s4")
    person.contact.name = "<script>alert(1)</script>"
    person.contact.save()
    client = login(cast.rep_a)
    assert b"<script>alert(1)</script>" not in _get(client, "deal_review", example).content
    assert b"<script>alert(1)</script>" not in _get(client, "deal_review_markdown", example).content
    data = _get(client, "deal_chart_powermap", example).json()
    assert "<script>alert(1)</script>" in [n["name"] for n in data["nodes"]]  # JSON, drawn as text


def test_power_map_data_is_the_org_chart_with_the_engines_paths(example: Any, cast: Any, login: Any) -> None:
    result = _engine(example)
    data = _get(login(cast.rep_a), "deal_chart_powermap", example, "en").json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {s.id for s in result.deal.stakeholders}
    reports = {(e["source"], e["target"]) for e in data["edges"] if e["kind"] == "reports_to"}
    assert reports == {(s.reports_to, s.id) for s in result.deal.stakeholders if s.reports_to}
    for p in result.intro_paths:
        assert nodes[p.target]["unreached_target"]
        chain = [*p.via, p.target]
        intro = {(e["source"], e["target"]) for e in data["edges"] if e["kind"] == "intro"}
        assert set(zip(chain, chain[1:], strict=False)) <= intro
    assert [p["message"] for p in data["paths"]] == [p.message.en for p in result.intro_paths]
    skeptic = nodes["s5"]
    assert skeptic["attitude_label"] == "skeptic" and skeptic["attitude_icon"]
    assert nodes["s1"]["size"] > nodes["s8"]["size"]  # high influence drawn larger than low
    assert nodes["s3"]["border"] != nodes["s2"]["border"]  # regular contact vs. no access


def test_power_map_nodes_link_to_the_workspace_edit_form(example: Any, cast: Any, login: Any) -> None:
    data = _get(login(cast.rep_a), "deal_chart_powermap", example).json()
    person = DealStakeholder.objects.get(opportunity=example, key="s5")
    node = next(n for n in data["nodes"] if n["id"] == "s5")
    if node["edit_url"] is None:  # the workspace app is not installed in this checkout
        return
    assert node["edit_url"].endswith(f"/stakeholders/{person.pk}/")


def test_radar_data_is_now_against_the_baseline(example: Any, cast: Any, login: Any) -> None:
    from dealpilot.review.snapshots import seed_demo_history
    from tests.review.conftest import example_document

    seed_demo_history([example], [example_document()], timezone.localdate())
    result = _engine(example)
    data = _get(login(cast.rep_a), "deal_chart_radar", example, "en").json()
    assert [i["name"] for i in data["indicators"]] == [d.name.en for d in result.dimensions]
    now, then = data["series"]
    assert now["values"] == [d.score for d in result.dimensions]
    assert data["baseline_date"] == (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert then["name"].endswith(data["baseline_date"])


def test_trend_data_keeps_the_latest_snapshot_of_the_day(example: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    first = _get(client, "deal_chart_trend", example).json()
    person = DealStakeholder.objects.get(opportunity=example, key="s2")
    person.access = "met"
    person.save()
    data = _get(client, "deal_chart_trend", example).json()
    assert data["dates"] == first["dates"] == [timezone.localdate().isoformat()]
    assert data["flags"][-1] < first["flags"][-1]  # reaching the fund approver cleared a flag


def test_a_deal_whose_history_starts_today_says_it_is_the_first_review(example: Any, cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    html = _get(client, "deal_review", example, "en").content.decode()
    assert "This is the first review of this deal" in html
    assert _get(client, "deal_chart_radar", example).json()["baseline_date"] is None


def test_the_markdown_export_downloads_as_a_named_file(example: Any, cast: Any, login: Any) -> None:
    response = login(cast.rep_a).get(reverse("deal_review_markdown", args=[example.pk]) + "?download=1")
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert response["Content-Disposition"].endswith("-review.md")
