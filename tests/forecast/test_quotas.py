"""/forecast/quotas/: admins enter quotas in one form or import them from a spreadsheet; every value
is checked first and nothing is saved when one is wrong; nobody else gets in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dealpilot.audit.models import AuditEvent
from dealpilot.forecast.models import Quota
from dealpilot.forecast.periods import quarter_of
from tests.forecast.conftest import forecast_deal


def _key() -> str:
    return quarter_of(timezone.localdate()).key


def _quotas() -> set[tuple[str, str, Decimal]]:
    return {(q.period, q.user.username if q.user else q.team.name, q.amount)
            for q in Quota.objects.select_related("user", "team")}


def _upload(client: Any, text: str, encoding: str = "gbk", name: str = "配额.csv") -> Any:
    data = {"period": _key(), "file": SimpleUploadedFile(name, text.encode(encoding))}
    return client.post("/forecast/quotas/upload/", data)


def test_an_admin_enters_quotas_and_the_forecast_uses_them(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    page = client.get(f"/forecast/quotas/?period={_key()}")
    assert page.status_code == 200 and "华东大区" in page.content.decode()
    r = client.post("/forecast/quotas/save/", {"period": _key(), f"team-{cast.team_a.pk}": "100万",
                                               f"user-{cast.rep_a.pk}": "400,000"})
    assert r.status_code == 302
    assert _quotas() == {(_key(), "华东大区", Decimal("1000000.00")), (_key(), "rep_a", Decimal("400000.00"))}
    assert AuditEvent.objects.filter(action="quotas", target=_key()).exists()

    forecast_deal(cast.rep_a, stage="won", evidence="won", amount=100_000)
    html = login(cast.manager_a).get("/forecast/").content.decode()
    assert "25%" in html and "10%" in html  # rep_a 100k / 400k, team 100k / 1M

    client = login(cast.admin)  # the same test client, signed in again
    again = client.get(f"/forecast/quotas/?period={_key()}").content.decode()
    assert 'value="1,000,000"' in again and 'value="400,000"' in again
    client.post("/forecast/quotas/save/", {"period": _key(), f"team-{cast.team_a.pk}": "1000000"})
    assert _quotas() == {(_key(), "华东大区", Decimal("1000000.00"))}  # an emptied field is no quota


def test_a_bad_value_in_the_form_saves_nothing_and_names_the_field(cast: Any, login: Any) -> None:
    Quota.objects.create(period=_key(), team=cast.team_a, amount=Decimal(5))
    client = login(cast.admin)
    r = client.post("/forecast/quotas/save/", {"period": _key(), f"team-{cast.team_a.pk}": "800000",
                                               f"user-{cast.rep_a.pk}": "很多"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "“很多”" in html and 'aria-invalid="true"' in html and 'value="800000"' in html
    assert _quotas() == {(_key(), "华东大区", Decimal("5.00"))}
    assert client.post("/forecast/quotas/save/", {"period": "2026-Q9"}).status_code == 400


def test_an_admin_imports_quotas_from_a_gbk_file_in_wan(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    text = "周期,销售,团队,配额（万元）\r\n2031-q1,rep_a,,300\r\n,,华东大区,1200\r\n\r\n2031-01,teammate_a,,50\r\n"
    r = _upload(client, text)
    assert r.status_code == 302, r.content.decode()
    assert _quotas() == {("2031-Q1", "rep_a", Decimal("3000000.00")), (_key(), "华东大区", Decimal("12000000.00")),
                         ("2031-01", "teammate_a", Decimal("500000.00"))}
    # Importing again replaces, never doubles.
    assert _upload(client, "季度,用户名,指标\r\n2031-Q1,rep_a,10\r\n", encoding="utf-8").status_code == 302
    assert ("2031-Q1", "rep_a", Decimal("10.00")) in _quotas() and len(_quotas()) == 3


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_problem(cast: Any, login: Any) -> None:
    Quota.objects.create(period=_key(), team=cast.team_a, amount=Decimal(5))
    client = login(cast.admin)
    text = ("period,rep,team,quota\r\n2026-Q5,rep_a,,1\r\n2026-Q4,nobody,,1\r\n2026-Q4,,No team,1\r\n"
            "2026-Q4,rep_a,华东大区,1\r\n2026-Q4,teammate_a,,lots\r\n2026-Q4,rep_b,,1\r\n2026-Q4,rep_b,,2\r\n")
    r = client.post("/forecast/quotas/upload/?", {"period": _key(), "file": SimpleUploadedFile("q.csv", text.encode())},
                    HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    html = r.content.decode()
    for row in range(2, 9):
        assert f'<td class="num">{row}</td>' in html or row == 7, row
    assert "“2026-Q5”" in html and "“nobody”" in html and "“No team”" in html and "“lots”" in html
    assert "not both" in html and "also on row 7" in html
    assert _quotas() == {(_key(), "华东大区", Decimal("5.00"))}


def test_unreadable_or_unsuitable_files_are_refused_with_a_reason(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    assert _upload(client, "客户,金额\r\n甲,1\r\n").status_code == 400  # no rep or team column
    r = client.post("/forecast/quotas/upload/", {"period": _key(), "file": SimpleUploadedFile("q.xlsx", b"\x00" * 99)})
    assert r.status_code == 400 and 'role="alert"' in r.content.decode()
    assert client.post("/forecast/quotas/upload/", {"period": _key()}).status_code == 400
    assert not Quota.objects.exists()


def test_only_admins_see_or_change_quotas(cast: Any, login: Any, client: Any) -> None:
    for who in (cast.manager_a, cast.rep_a, cast.rep_b):
        c = login(who)
        assert c.get("/forecast/quotas/").status_code == 403
        assert c.post("/forecast/quotas/save/", {"period": _key(), f"team-{cast.team_a.pk}": "1"}).status_code == 403
        assert _upload(c, "团队,配额\r\n华东大区,1\r\n").status_code == 403
        assert "/forecast/quotas/" not in c.get("/forecast/").content.decode()
    client.logout()
    assert client.get("/forecast/quotas/").status_code == 302  # to the sign-in page
    assert not Quota.objects.exists()
    assert "/forecast/quotas/" in login(cast.admin).get("/forecast/").content.decode()
