"""People are named by their real names wherever the site names them; logins stay logins."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from dealpilot.accounts.models import display_name


@pytest.mark.parametrize(("first", "last", "shown"), [
    ("磊", "王", "王磊"), ("Sarah", "Wang", "Sarah Wang"), ("", "", "rep_x"), ("磊", "", "磊")])
def test_display_name_reads_as_people_write_their_names(db: Any, first: str, last: str, shown: str) -> None:
    user = User.objects.create(username="rep_x", first_name=first, last_name=last)
    assert display_name(user) == shown


def test_nobody_has_no_name() -> None:
    assert display_name(None) == ""


@pytest.fixture
def named(cast: Any) -> Any:
    cast.rep_a.first_name, cast.rep_a.last_name = "磊", "王"
    cast.rep_a.save()
    return cast


@pytest.mark.parametrize("page", ["/deals/", "/deals/{pk}/", "/deals/{pk}/review/", "/accounts/{account}/"])
def test_pages_name_the_owner_by_name(named: Any, login: Any, page: str) -> None:
    url = page.format(pk=named.deal.pk, account=named.deal.account_id)
    html = login(named.rep_a).get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    main = html.split("<main", 1)[1]
    assert "王磊" in main and "rep_a" not in main, url
    assert "王磊" in html.split("<main", 1)[0]  # the navigation names who is logged in


def test_the_owner_menu_lists_people_by_name(named: Any, login: Any) -> None:
    html = login(named.rep_a).get(f"/deals/{named.deal.pk}/edit/header/", HTTP_HX_REQUEST="true").content.decode()
    assert ">王磊</option>" in html
