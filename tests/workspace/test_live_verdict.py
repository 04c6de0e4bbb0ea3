"""After every save the answer carries the engine's fresh verdict: header score and the
verdict column, swapped in out of band — exactly what `assess` says about the saved deal."""

from __future__ import annotations

import html
import re
from typing import Any

from django.urls import reverse

from dealpilot.deals import models as m
from dealpilot.engine.playbook import get_playbook
from tests.workspace.helpers import engine_verdict, furnish, post, version


def _score_in(body: str) -> str:
    match = re.search(r'id="deal-header" hx-swap-oob="outerHTML".*?data-score="([^"]*)"', body, re.S)
    assert match, "the header is not swapped out of band"
    return match.group(1)


def _criterion_for_flag(deal: m.Opportunity) -> str:
    """A pain criterion of the deal's playbook (answering it moves the pain dimension)."""
    pain = next(d for d in get_playbook(deal.playbook).dimensions if d.id == "pain")
    return pain.criteria[0].id


def test_answer_with_evidence_changes_score_and_flags_as_the_engine_computes(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    before = engine_verdict(cast.deal)
    cid = _criterion_for_flag(cast.deal)
    response = post(client, "workspace_answer", [cast.deal.pk, cid],
                    {"version": version(cast.deal), "status": "yes", "evidence": "李娜在周会上确认：交期延误是今年头号问题",
                     "source": facts["user"].pk, "date": "2026-11-20"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    after = engine_verdict(cast.deal)
    assert after.score != before.score
    assert _score_in(body) == str(float(after.score))
    assert 'id="deal-verdict" aria-live="polite" hx-swap-oob="outerHTML"' in body
    verdict = body[body.index('id="deal-verdict"'):]
    for flag in after.flags:
        assert flag.message.get("en") in html.unescape(verdict)
    for dim in after.dimensions:
        assert f'aria-label="{dim.score}/100"' in verdict
    answer = m.Answer.objects.get(opportunity=cast.deal, criterion=cid)
    assert (answer.status, answer.source_id) == ("yes", facts["user"].pk)


def test_confirming_a_pain_clears_its_flag_in_the_response(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    unconfirmed = {f.id for f in engine_verdict(cast.deal).flags}
    assert "pain_unconfirmed" in unconfirmed
    response = post(client, "workspace_row", [cast.deal.pk, "pains", facts["pain"].pk],
                    {"version": version(cast.deal), "text": facts["pain"].text, "category": "save_money",
                     "owner": facts["user"].pk, "confirmed_with": facts["user"].pk, "confirmed_on": "2026-11-20"})
    assert response.status_code == 200
    flags = {f.id for f in engine_verdict(cast.deal).flags}
    assert "pain_unconfirmed" not in flags
    body = response.content.decode()
    assert 'data-flag="pain_unconfirmed"' not in body
    assert all(f'data-flag="{fid}"' in body for fid in flags)


def test_flags_are_listed_most_severe_first_and_link_to_a_field_on_the_page(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    verdict = body[body.index('id="deal-verdict"'):]
    severities = re.findall(r'<li class="dp-sev-(high|medium|low)" data-flag', verdict)
    rank = {"high": 0, "medium": 1, "low": 2}
    assert severities and severities == sorted(severities, key=rank.__getitem__)
    for anchor in re.findall(r'data-flag="[^"]+">\s*<span[^>]*>.*?</span>\s*<a href="#([^"]+)"', verdict, re.S):
        assert f'id="{anchor}"' in body, anchor


def test_saved_list_score_follows_the_edit(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    client = login(cast.rep_a)
    post(client, "workspace_block", [cast.deal.pk, "budget"],
         {"version": version(cast.deal), "budget_status": "approved", "budget_amount": "1500000"})
    cast.deal.refresh_from_db()
    result = engine_verdict(cast.deal)
    assert (cast.deal.score, cast.deal.flag_count) == (result.score, len(result.flags))


def test_the_page_shows_a_fresh_header_after_a_header_edit(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    response = post(client, "workspace_block", [cast.deal.pk, "header"],
                    {"version": version(cast.deal), "name": "恒锐精密 二期排产", "amount": "2500000",
                     "currency": "usd", "stage": "propose", "close_date": "2027-01-31", "owner": cast.rep_a.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "恒锐精密 二期排产" in body and 'id="deal-header-form"' in body
    cast.deal.refresh_from_db()
    assert (cast.deal.name, cast.deal.currency, cast.deal.stage) == ("恒锐精密 二期排产", "USD", "propose")
