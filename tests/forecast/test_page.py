"""/forecast/: the roll-up per rep, team and company, who sees which numbers, bad input."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import load_workbook

from dealpilot.forecast.models import Adjustment, Quota
from dealpilot.forecast.periods import quarter_of
from tests.forecast.conftest import forecast_deal


def _key() -> str:
    return quarter_of(timezone.localdate()).key


def _world(cast: Any) -> None:
    forecast_deal(cast.rep_a, call="commit", evidence="best_case", amount=300_000, probability=0.6,
                  missing={"commit": [{"zh": "已接触到决策者", "en": "decider reached"}]}, name="华东 承诺单")
    forecast_deal(cast.rep_a, call="best_case", evidence="best_case", amount=200_000, probability=0.4)
    forecast_deal(cast.teammate_a, call="", evidence="pipeline", amount=50_000, probability=0.1)
    forecast_deal(cast.teammate_a, call="omitted", evidence="pipeline", amount=70_000, probability=0.2)
    forecast_deal(cast.rep_a, stage="won", evidence="won", amount=400_000)
    forecast_deal(cast.rep_a, stage="lost", evidence="lost", amount=999_000)
    forecast_deal(cast.rep_b, call="commit", evidence="commit", amount=123_456, probability=0.9, name="华南 秘密单")
    Quota.objects.create(period=_key(), team=cast.team_a, amount=Decimal(1_000_000))


def _cells(response: Any) -> str:
    return response.content.decode()


def test_a_manager_sees_the_teams_numbers_summed_by_call_and_by_evidence(cast: Any, login: Any) -> None:
    _world(cast)
    r = login(cast.manager_a).get("/forecast/")
    assert r.status_code == 200
    html = _cells(r)
    assert "¥400,000" in html  # won
    assert "¥300,000" in html and "¥200,000" in html  # commit, best case by the calls
    assert "¥500,000" in html  # best case by evidence: both of rep_a's open deals
    assert "¥120,000" in html  # pipeline by evidence: teammate's two
    # weighted: 300k×0.6 + 200k×0.4 + 50k×0.1 + 70k×0.2 = 279,000
    assert "¥279,000" in html
    assert "40%" in html  # attainment 400k / 1M
    assert "0.92×" in html  # coverage (300k + 200k + 50k) / (1M − 400k)
    assert "华南" not in html and "¥123,456" not in html


def test_a_rep_sees_only_their_own_line_and_an_outsider_none_of_team_a(cast: Any, login: Any) -> None:
    _world(cast)
    html = _cells(login(cast.teammate_a).get("/forecast/"))
    assert "¥300,000" not in html and "¥70,000" in html
    html = _cells(login(cast.rep_b).get("/forecast/"))
    assert "¥123,456" in html and "¥400,000" not in html


def test_the_admin_sees_the_company_total(cast: Any, login: Any) -> None:
    _world(cast)
    html = _cells(login(cast.admin).get("/forecast/"))
    assert "¥423,456" in html  # commit: 300,000 + 123,456


def test_every_number_links_to_the_pipeline_with_its_filters(cast: Any, login: Any) -> None:
    _world(cast)
    html = _cells(login(cast.manager_a).get("/forecast/"))
    assert "/pipeline/?status=open&amp;period=custom" in html and "call=commit" in html and "evidence=best_case" in html


def test_the_roll_up_takes_the_same_number_of_queries_for_more_deals(cast: Any, login: Any,
                                                                     django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        forecast_deal(cast.rep_a if n % 2 else cast.teammate_a, call=("commit", "best_case", "")[n % 3])
    client = login(cast.manager_a)
    client.get("/forecast/")
    with django_assert_max_num_queries(16):
        assert client.get("/forecast/").status_code == 200


def test_a_bad_period_is_400(cast: Any, login: Any) -> None:
    client = login(cast.manager_a)
    for bad in ("2026-Q5", "2026-13", "next", "99999-Q1"):
        assert client.get(f"/forecast/?period={bad}").status_code == 400
        assert client.get(f"/forecast/export.xlsx?period={bad}").status_code == 400


def test_the_weak_evidence_list_names_the_missing_items(cast: Any, login: Any) -> None:
    _world(cast)
    html = _cells(login(cast.manager_a).get("/forecast/"))
    assert "承诺但证据不足" in html and "已接触到决策者" in html and "华东 承诺单" in html
    html = _cells(login(cast.manager_a).get("/forecast/", HTTP_ACCEPT_LANGUAGE="en"))


def test_the_export_holds_the_same_numbers_and_only_visible_lines(cast: Any, login: Any) -> None:
    _world(cast)
    r = login(cast.manager_a).get("/forecast/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    company = rows[-1]
    assert company[2] == 400000 and company[3] == 300000
    assert all("华南" not in str(c) for row in rows for c in row)
    r = login(cast.rep_b).get("/forecast/export.xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[-1][2] == 0 and rows[-1][3] == 123456


def test_a_manager_adjusts_the_team_with_a_note_kept_with_who_and_when(cast: Any, login: Any) -> None:
    _world(cast)
    client = login(cast.manager_a)
    r = client.post("/forecast/adjust/", {"period": _key(), "target": f"team:{cast.team_a.pk}", "amount": "650000",
                                          "note": "大客户推迟一单"})
    assert r.status_code == 302
    a = Adjustment.objects.get()
    assert a.author == cast.manager_a and a.amount == 650000 and a.created_at is not None
    html = _cells(client.get("/forecast/"))
    assert "¥650,000" in html and "大客户推迟一单" in html


def test_an_adjustment_without_a_note_or_for_another_team_changes_nothing(cast: Any, login: Any) -> None:
    client = login(cast.manager_a)
    for data in ({"target": f"team:{cast.team_a.pk}", "amount": "1", "note": " "},
                 {"target": f"team:{cast.team_b.pk}", "amount": "1", "note": "x"},
                 {"target": f"user:{cast.rep_b.pk}", "amount": "1", "note": "x"},
                 {"target": f"team:{cast.team_a.pk}", "amount": "-5", "note": "x"},
                 {"target": f"team:{cast.team_a.pk}", "amount": "NaN", "note": "x"},
                 {"target": "team:abc", "amount": "1", "note": "x"}):
        assert client.post("/forecast/adjust/", {"period": _key(), **data}).status_code == 400
    assert not Adjustment.objects.exists()


def test_a_rep_may_not_adjust(cast: Any, login: Any) -> None:
    r = login(cast.rep_a).post("/forecast/adjust/", {"period": _key(), "target": f"user:{cast.rep_a.pk}",
                                                     "amount": "1", "note": "x"})
    assert r.status_code == 403
    assert not Adjustment.objects.exists()


def test_the_pipeline_filters_by_call_and_by_evidence(cast: Any, login: Any) -> None:
    _world(cast)
    client = login(cast.manager_a)
    html = client.get("/pipeline/?call=commit").content.decode()
    assert "华东 承诺单" in html
    html = client.get("/pipeline/?call=best_case").content.decode()
    assert "华东 承诺单" not in html
    html = client.get("/pipeline/?evidence=best_case").content.decode()
    assert "华东 承诺单" in html
    assert client.get("/pipeline/?call=maybe").status_code == 400


def test_the_pipeline_row_shows_the_win_probability(cast: Any, login: Any) -> None:
    _world(cast)
    html = login(cast.manager_a).get("/pipeline/?call=commit").content.decode()
    assert "60%" in html
