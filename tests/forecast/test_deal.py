"""The deal's forecast box: win probability with its source, and the rep's call kept in history."""

from __future__ import annotations

from typing import Any

from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.forecast.models import DealForecast
from tests.web.factories import make_deal


def _call(client: Any, deal: Opportunity, call: str, version: int | None = None) -> Any:
    deal.refresh_from_db()
    return client.post(f"/forecast/deals/{deal.pk}/call/", {"call": call, "version": version or deal.version})


def test_the_box_shows_the_rules_estimate_with_its_source(cast: Any, login: Any) -> None:
    r = login(cast.rep_a).get(f"/forecast/deals/{cast.deal.pk}/odds/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "规则估计" in html and "赢单概率" in html
    html = login(cast.rep_a).get(f"/forecast/deals/{cast.deal.pk}/odds/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "rules estimate" in html


def test_the_deal_page_loads_the_box(cast: Any, login: Any) -> None:
    html = login(cast.rep_a).get(f"/deals/{cast.deal.pk}/").content.decode()
    assert f"/forecast/deals/{cast.deal.pk}/odds/" in html


def test_a_reps_call_is_saved_through_the_versioned_save_and_is_in_the_history(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    before = Opportunity.objects.get(pk=cast.deal.pk).version
    r = _call(client, cast.deal, "commit")
    assert r.status_code == 200
    assert DealForecast.objects.get(opportunity=cast.deal).call == "commit"
    change = ChangeRecord.objects.get(opportunity=cast.deal, field="forecast.call")
    assert (change.old, change.new, change.user) == ("pipeline", "commit", cast.rep_a)
    assert Opportunity.objects.get(pk=cast.deal.pk).version == before + 1
    assert "证据不足" in r.content.decode()  # an empty deal's commit rests on weak evidence


def test_a_stage_change_never_overwrites_the_call(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    _call(client, cast.deal, "best_case")
    cast.deal.refresh_from_db()
    r = client.post(f"/pipeline/board/{cast.deal.pk}/stage/", {"version": cast.deal.version, "stage": "negotiate"})
    assert r.status_code == 200
    assert Opportunity.objects.get(pk=cast.deal.pk).stage == "negotiate"
    assert DealForecast.objects.get(opportunity=cast.deal).call == "best_case"


def test_an_outdated_form_is_refused_and_changes_nothing(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    cast.deal.refresh_from_db()
    old = cast.deal.version
    _call(client, cast.deal, "commit")
    r = _call(client, cast.deal, "omitted", version=old)
    assert r.status_code == 409
    assert DealForecast.objects.get(opportunity=cast.deal).call == "commit"


def test_an_unknown_call_is_400_and_changes_nothing(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    assert _call(client, cast.deal, "maybe").status_code == 400
    cast.deal.refresh_from_db()
    assert client.post(f"/forecast/deals/{cast.deal.pk}/call/", {"call": "commit", "version": "x"}).status_code == 400
    assert not ChangeRecord.objects.filter(field="forecast.call").exists()
    assert not DealForecast.objects.filter(opportunity=cast.deal, call__gt="").exists()


def test_outsiders_get_404_at_both_doors(cast: Any, login: Any) -> None:
    client = login(cast.rep_b)
    assert client.get(f"/forecast/deals/{cast.deal.pk}/odds/").status_code == 404
    assert _call(client, cast.deal, "commit").status_code == 404
    assert not ChangeRecord.objects.filter(field="forecast.call").exists()
    assert login(cast.manager_a).get(f"/forecast/deals/{cast.deal.pk}/odds/").status_code == 200


def test_assessing_a_deal_stores_its_evidence_category_and_probability(cast: Any, login: Any) -> None:
    login(cast.rep_a).get(f"/deals/{cast.deal.pk}/")
    row = DealForecast.objects.get(opportunity=cast.deal)
    assert row.evidence == "pipeline" and row.source == "rules" and 0 < row.probability < 1
    assert row.missing["best_case"]


def test_a_won_deal_keeps_its_last_open_call_for_calibration(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    _call(client, cast.deal, "commit")
    cast.deal.refresh_from_db()
    client.post(f"/pipeline/board/{cast.deal.pk}/stage/", {"version": cast.deal.version, "stage": "won"})
    row = DealForecast.objects.get(opportunity=cast.deal)
    assert row.evidence == "won" and row.open_call == "commit" and row.open_evidence == "pipeline"


def test_make_deal_factory_deals_have_no_forecast_row_until_assessed(cast: Any) -> None:
    deal = make_deal(owner=cast.rep_a)
    assert not DealForecast.objects.filter(opportunity=deal).exists()
