"""The deal page: header, the engine's verdict, history, and account/contact pages."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import Opportunity
from dealpilot.engine.assess import assess

EXAMPLE = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"


def _example_deal(client: Any) -> Opportunity:
    response = client.post(reverse("deal_upload_new"),
                           {"document": SimpleUploadedFile("d.yaml", EXAMPLE.read_bytes())})
    return Opportunity.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_page_shows_the_engines_flags_and_call_plan(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    result = assess(deal_to_document(load_deal(deal.pk)), as_of=timezone.localdate())
    body = html.unescape(client.get(reverse("deal_page", args=[deal.pk]), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode())
    for flag in result.flags:
        assert flag.message.get("zh") in body
    for entry in result.call_plan:
        for q in entry.questions:
            assert q.text.get("zh") in body


def test_page_in_english_shows_english_flags(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    client.cookies.load({"django_language": "en"})
    result = assess(deal_to_document(load_deal(deal.pk)), as_of=timezone.localdate())
    body = html.unescape(client.get(reverse("deal_page", args=[deal.pk])).content.decode())
    assert result.flags and all(f.message.get("en") in body for f in result.flags)


def test_verdict_fragment_is_only_the_right_column(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    body = client.get(reverse("deal_verdict", args=[deal.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="deal-verdict"' in body and "<html" not in body


def test_cached_list_score_matches_the_page(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    result = assess(deal_to_document(load_deal(deal.pk)), as_of=timezone.localdate())
    deal.refresh_from_db()
    assert (deal.score, deal.flag_count) == (result.score, len(result.flags))


def test_empty_deal_teaches_what_to_add_first(cast: Any, login: Any) -> None:
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No stakeholders yet" in body


def test_user_text_is_escaped(cast: Any, login: Any) -> None:
    cast.deal.name = "<script>alert(1)</script>"
    cast.deal.save()
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_history_lists_who_changed_what(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _example_deal(client)
    body = client.get(reverse("deal_history", args=[deal.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "rep_a" in body and "Deal created" in body
    fragment = client.get(reverse("deal_history", args=[deal.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="deal-history"' in fragment and "<html" not in fragment


def test_contact_page_lists_only_visible_deals_of_a_shared_contact(cast: Any, login: Any) -> None:
    from tests.web.factories import make_deal, make_stakeholder

    mine = make_stakeholder(cast.deal, name="周建国")
    hidden = make_deal(owner=cast.rep_b, account=cast.deal.account, name="别人的商机")
    make_stakeholder(hidden, contact=mine.contact)
    body = login(cast.rep_a).get(reverse("contact_page", args=[mine.contact_id])).content.decode()
    assert cast.deal.name in body and "别人的商机" not in body
    admin_body = login(cast.admin).get(reverse("contact_page", args=[mine.contact_id])).content.decode()
    assert "别人的商机" in admin_body
