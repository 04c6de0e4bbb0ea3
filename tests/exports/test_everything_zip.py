"""The everything-ZIP: each user gets exactly the deals (and accounts, contacts) they may see."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from dealpilot.audit.models import AuditEvent
from dealpilot.cli import main
from dealpilot.deals.models import Contact
from dealpilot.exports.bundle import deal_member
from tests.web.factories import make_stakeholder


def _download(client: Any) -> zipfile.ZipFile:
    response = client.get("/export/everything.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="dealpilot-export-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _deal_ids(book: zipfile.ZipFile) -> set[int]:
    docs = [n for n in book.namelist() if n.startswith("deals/")]
    return {int(yaml.safe_load(book.read(n))["opportunity"]["id"]) for n in docs}


def _table(book: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(book.read(name).decode("utf-8-sig"))))


@pytest.fixture
def people(deals: Any) -> dict[str, Contact]:
    """A contact on a deal of each team, to see who gets which contacts."""
    return {"a": make_stakeholder(deals.mine, name="王总").contact,
            "b": make_stakeholder(deals.other_team, name="秘密联系人").contact}


def test_a_rep_gets_own_and_shared_deals_only(login: Any, cast: Any, deals: Any, people: Any) -> None:
    book = _download(login(cast.rep_a))
    assert _deal_ids(book) == {deals.mine.pk, deals.shared.pk, deals.won.pk}
    accounts = {row[1] for row in _table(book, "accounts.csv")[1:]}
    assert accounts == {deals.mine.account.name, deals.shared.account.name, deals.won.account.name}
    assert "南方秘密集团" not in book.read("accounts.csv").decode("utf-8-sig")
    contacts = {row[3] for row in _table(book, "contacts.csv")[1:]}
    assert contacts == {"王总"}
    listed = {row[1] for row in _table(book, "deals.csv")[1:]}
    assert listed == {deals.mine.name, deals.shared.name, deals.won.name}


def test_a_manager_gets_the_teams_deals(login: Any, cast: Any, deals: Any) -> None:
    book = _download(login(cast.manager_a))
    assert _deal_ids(book) == {deals.mine.pk, deals.teammates.pk, deals.won.pk}


def test_an_admin_gets_every_deal_and_contact(login: Any, cast: Any, deals: Any, people: Any) -> None:
    book = _download(login(cast.admin))
    assert _deal_ids(book) == {deals.mine.pk, deals.teammates.pk, deals.other_team.pk, deals.shared.pk, deals.won.pk}
    assert {row[3] for row in _table(book, "contacts.csv")[1:]} == {"王总", "秘密联系人"}


def test_another_teams_rep_gets_none_of_team_as(login: Any, cast: Any, deals: Any) -> None:
    book = _download(login(cast.rep_b))
    assert _deal_ids(book) == {deals.other_team.pk, deals.shared.pk}


def test_each_deal_document_is_the_deal_documents_download(login: Any, cast: Any, deals: Any) -> None:
    client = login(cast.rep_a)
    book = _download(client)
    single = client.get(f"/deals/{deals.mine.pk}/document.yaml").content.decode("utf-8")
    assert book.read(deal_member(deals.mine)).decode("utf-8") == single


def test_headers_follow_the_pages_language(login: Any, cast: Any, deals: Any) -> None:
    client = login(cast.rep_a)
    client.cookies["django_language"] = "en"
    assert _table(_download(client), "accounts.csv")[0] == ["ID", "Account", "Industry", "City"]
    client.cookies["django_language"] = "zh-hans"
    assert _table(_download(client), "accounts.csv")[0] == ["编号", "客户", "行业", "城市"]


def test_a_name_a_spreadsheet_would_run_stays_text(login: Any, cast: Any, deals: Any) -> None:
    deals.mine.account.name = "=HYPERLINK(\"http://evil\")"
    deals.mine.account.save()
    rows = _table(_download(login(cast.rep_a)), "accounts.csv")
    assert "'=HYPERLINK(\"http://evil\")" in {row[1] for row in rows}


def test_anonymous_users_are_sent_to_log_in(client: Any, deals: Any) -> None:
    response = client.get("/export/everything.zip")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_deal_list_links_to_its_exports(login: Any, cast: Any, deals: Any) -> None:
    page = login(cast.rep_a).get("/deals/").content.decode()
    assert "/export/everything.zip" in page
    assert "/pipeline/export.csv?status=all" in page and "/pipeline/export.xlsx?status=all" in page


def test_the_deal_lists_csv_link_exports_closed_deals_too(login: Any, cast: Any, deals: Any) -> None:
    text = login(cast.rep_a).get("/pipeline/export.csv?status=all").content.decode("utf-8-sig")
    assert deals.won.name in text and deals.mine.name in text and deals.other_team.name not in text


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_export_for_a_user_holds_what_they_may_see(cast: Any, deals: Any, tmp_path: Path) -> None:
    out = tmp_path / "rep_a.zip"
    result = _cli("export", "--user", "rep_a", str(out))
    assert result.exit_code == 0, result.output
    assert "3 deals" in result.output
    assert _deal_ids(zipfile.ZipFile(out)) == {deals.mine.pk, deals.shared.pk, deals.won.pk}
    assert AuditEvent.objects.filter(action="export", user=cast.rep_a, target=str(out)).exists()


def test_cli_export_without_a_user_holds_the_whole_workspace(deals: Any, tmp_path: Path) -> None:
    out = tmp_path / "all.zip"
    assert _cli("export", "--lang", "en", str(out)).exit_code == 0
    book = zipfile.ZipFile(out)
    assert len(_deal_ids(book)) == 5
    assert _table(book, "contacts.csv")[0][:2] == ["ID", "Account ID"]


def test_cli_export_for_an_unknown_user_writes_nothing(deals: Any, tmp_path: Path) -> None:
    out = tmp_path / "x.zip"
    result = CliRunner().invoke(main, ["export", "--user", "nobody", str(out)])
    assert result.exit_code == 1
    assert "no user named 'nobody'" in result.output
    assert not out.exists()


def test_no_user_gets_nothing_rather_than_everything(deals: Any) -> None:
    from dealpilot.exports.bundle import EVERYONE, visible_deals

    try:
        got = list(visible_deals(None))
    except AttributeError:  # refused outright: as good as nothing
        got = []
    assert got == []
    assert visible_deals(EVERYONE).count() == 5
