"""Each audited action leaves one event with who, what, when and from where."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from dealpilot.accounts.models import Role
from dealpilot.audit import record
from dealpilot.audit.models import AuditEvent
from dealpilot.deals.models import Account
from tests.web.factories import make_deal, make_user


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_a_login_is_recorded_with_the_users_address(client: Any, cast: Any) -> None:
    client.post(reverse("login"), {"username": "rep_a", "password": "s3cret-pass-word"}, REMOTE_ADDR="10.1.2.3")
    [event] = _events("login")
    assert (event.user, event.username, event.address) == (cast.rep_a, "rep_a", "10.1.2.3")


def test_a_failed_login_is_recorded_with_the_name_typed_and_no_password(client: Any, cast: Any) -> None:
    client.post(reverse("login"), {"username": "rep_a", "password": "wrong-guess-1"}, REMOTE_ADDR="10.9.9.9")
    [event] = _events("login_failed")
    assert (event.user, event.target, event.address) == (None, "rep_a", "10.9.9.9")
    assert "wrong-guess-1" not in str(event.detail)


def test_behind_a_trusted_proxy_the_clients_address_is_recorded(client: Any, cast: Any, settings: Any) -> None:
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    client.post(reverse("login"), {"username": "rep_a", "password": "s3cret-pass-word"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert _events("login")[0].address == "203.0.113.7"


def test_a_role_change_anywhere_is_recorded(cast: Any) -> None:
    profile = cast.rep_a.profile
    profile.role = Role.MANAGER
    profile.team = cast.team_b
    profile.save()
    [event] = _events("permission_change")[-1:]
    assert event.target == "rep_a"
    assert event.detail == {"role": ["rep", "manager"], "team": [cast.team_a.pk, cast.team_b.pk]}
    assert event.user is None and event.address == ""  # no request: the shell or a script


def test_saving_without_a_permission_change_records_nothing(cast: Any) -> None:
    before = AuditEvent.objects.count()
    cast.rep_a.first_name = "伟"
    cast.rep_a.save()
    cast.rep_a.profile.language = "en"
    cast.rep_a.profile.save()
    assert AuditEvent.objects.count() == before


def test_making_a_user_superuser_in_the_admin_is_recorded_with_the_admin(cast: Any, login: Any) -> None:
    client = login(cast.admin)
    user, profile = cast.rep_b, cast.rep_b.profile
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00",
        "profile-TOTAL_FORMS": "1", "profile-INITIAL_FORMS": "1", "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1", "profile-0-id": str(profile.pk), "profile-0-user": str(user.pk),
        "profile-0-team": str(cast.team_b.pk), "profile-0-role": "admin", "profile-0-language": "",
    }
    before = AuditEvent.objects.count()
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = {tuple(sorted(e.detail)): e for e in _events("permission_change")[-2:] if e.target == "rep_b"}
    assert AuditEvent.objects.count() == before + 2
    assert changes[("is_staff", "is_superuser")].detail == {"is_staff": [False, True], "is_superuser": [False, True]}
    assert changes[("role",)].detail == {"role": ["rep", "admin"]}
    assert {(e.user, e.address) for e in changes.values()} == {(cast.admin, "10.0.0.5")}


def test_group_membership_changes_are_recorded(cast: Any) -> None:
    group = Group.objects.create(name="审批人")
    cast.rep_a.groups.add(group)
    cast.rep_a.groups.remove(group)
    details = [e.detail for e in _events("permission_change") if e.target == "rep_a"][-2:]
    assert details == [{"groups": "added", "names": ["审批人"]}, {"groups": "removed", "names": ["审批人"]}]


def test_a_new_superuser_is_recorded(db: Any) -> None:
    User.objects.create_superuser("root2", password="x-long-pass-1")
    [event] = [e for e in _events("permission_change") if e.target == "root2"]
    assert event.detail == {"is_staff": [None, True], "is_superuser": [None, True]}


def test_deleting_a_deal_and_an_account_is_recorded(cast: Any) -> None:
    deal = make_deal(owner=cast.rep_a, name="要删的商机")
    deal_pk, account = deal.pk, deal.account
    account_pk = account.pk
    deal.delete()
    account.delete()
    kinds = [(e.detail["kind"], e.detail["id"], e.detail["name"]) for e in _events("delete")]
    assert kinds == [("deal", deal_pk, "要删的商机"), ("account", account_pk, account.name)]
    assert not Account.objects.filter(name=account.name).exists()


@pytest.mark.parametrize("url, fmt", [("/deals/{pk}/document.yaml", "yaml"), ("/deals/{pk}/document.json", "json"),
                                      ("/deals/{pk}/review.md?download=1", "markdown")])
def test_a_deal_download_is_recorded(cast: Any, login: Any, url: str, fmt: str) -> None:
    assert login(cast.rep_a).get(url.format(pk=cast.deal.pk), REMOTE_ADDR="10.0.0.8").status_code == 200
    [event] = _events("export")
    assert (event.user, event.address, event.detail) == (cast.rep_a, "10.0.0.8", {"format": fmt, "deal": cast.deal.pk})


def test_reading_the_review_markdown_in_the_browser_is_not_an_export(cast: Any, login: Any) -> None:
    login(cast.rep_a).get(f"/deals/{cast.deal.pk}/review.md")
    assert _events("export") == []


def test_a_refused_download_records_nothing(cast: Any, login: Any) -> None:
    assert login(cast.rep_b).get(f"/deals/{cast.deal.pk}/document.yaml").status_code == 404
    assert _events("export") == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_pipeline_export_is_recorded_with_its_filters(cast: Any, login: Any, fmt: str) -> None:
    assert login(cast.manager_a).get(f"/pipeline/export.{fmt}?status=all").status_code == 200
    [event] = _events("export")
    assert event.user == cast.manager_a and event.detail == {"format": fmt, "filters": "status=all"}


def test_the_everything_zip_is_recorded(cast: Any, login: Any) -> None:
    response = login(cast.rep_a).get("/export/everything.zip")
    b"".join(response.streaming_content)
    [event] = _events("export")
    assert event.user == cast.rep_a and event.detail == {"format": "zip", "deals": 1}


def test_record_is_the_public_door_for_other_parts(cast: Any, rf: Any) -> None:
    request = rf.get("/import/", REMOTE_ADDR="10.4.4.4")
    request.user = cast.manager_a
    event = record(request, "import", target="deals.csv", detail={"created": 12})
    assert (event.username, event.address, event.action_label) == ("manager_a", "10.4.4.4", "导入")
    anonymous = record(None, "token_used", target="token 7")
    assert (anonymous.user, anonymous.address) == (None, "")


def test_a_user_deleted_later_keeps_their_name_on_their_events(db: Any) -> None:
    user = make_user("leaver")
    record(None, "export", user=user)
    user.delete()
    event = _events("export")[0]
    assert (event.user, event.username) == (None, "leaver")
