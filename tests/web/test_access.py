"""Every door to a deal answers the same way: owner, manager and admin in; everyone else 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

DOORS = [
    ("deal_page", {}),
    ("deal_verdict", {}),
    ("deal_document", {"fmt": "yaml"}),
    ("deal_document", {"fmt": "json"}),
    ("deal_history", {}),
    ("deal_upload", {}),
]
EXPECTED = {"rep_a": 200, "teammate_a": 404, "manager_a": 200, "rep_b": 404, "admin": 200}


def _url(name: str, deal: Any, extra: dict[str, str]) -> str:
    return reverse(name, kwargs={"pk": deal.pk, **extra})


@pytest.mark.parametrize("door,extra", DOORS)
@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_door_lets_in_only_those_who_may_see_the_deal(cast: Any, login: Any, door: str,
                                                           extra: dict[str, str], who: str) -> None:
    client = login(cast.member(who))
    response = client.get(_url(door, cast.deal, extra))
    assert response.status_code == EXPECTED[who]


@pytest.mark.parametrize("door,extra", DOORS)
def test_sharing_a_deal_opens_every_door_to_the_teammate(cast: Any, login: Any, door: str,
                                                         extra: dict[str, str]) -> None:
    cast.deal.shared_with.add(cast.teammate_a)
    assert login(cast.teammate_a).get(_url(door, cast.deal, extra)).status_code == 200


@pytest.mark.parametrize("door,extra", DOORS)
def test_anonymous_visitors_are_sent_to_the_login_page(cast: Any, client: Any, door: str,
                                                      extra: dict[str, str]) -> None:
    response = client.get(_url(door, cast.deal, extra))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_outsider_cannot_replace_a_deal_by_uploading_to_it(cast: Any, login: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = "opportunity: {name: 偷换, account: 别家}\n"
    response = login(cast.rep_b).post(reverse("deal_upload", args=[cast.deal.pk]),
                                      {"document": SimpleUploadedFile("d.yaml", doc.encode())})
    assert response.status_code == 404
    cast.deal.refresh_from_db()
    assert cast.deal.name == "恒锐精密 排产系统"


@pytest.mark.parametrize("pk", ["0", "99999", "9223372036854775807", "99999999999999999999999"])
def test_ids_that_do_not_exist_or_overflow_answer_404(cast: Any, login: Any, pk: str) -> None:
    assert login(cast.admin).get(f"/deals/{pk}/").status_code == 404
    assert login(cast.admin).get(f"/deals/{pk}/document.yaml").status_code == 404


@pytest.mark.parametrize("who,expected", sorted(EXPECTED.items()))
def test_account_and_contact_pages_follow_the_deals_one_may_see(cast: Any, login: Any, who: str,
                                                                expected: int) -> None:
    from tests.web.factories import make_stakeholder

    person = make_stakeholder(cast.deal, name="周建国")
    client = login(cast.member(who))
    assert client.get(reverse("account_page", args=[cast.deal.account_id])).status_code == expected
    assert client.get(reverse("contact_page", args=[person.contact_id])).status_code == expected
