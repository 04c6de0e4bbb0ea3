"""Tokens: the settings page (made, shown once, listed, revoked; admins see all) and the CLI."""

from __future__ import annotations

import re
from typing import Any

from click.testing import CliRunner

from dealpilot.api.models import ApiToken
from dealpilot.api.models.tokens import digest
from dealpilot.cli import main
from tests.security.world import browser, csrf_post
from tests.web.conftest import Cast

_TOKEN = re.compile(r"dp_[0-9a-f]{8}_[\w-]{20,}")


def _make(client: Any, **data: Any) -> Any:
    return csrf_post(client, "/settings/tokens/", {"name": "企业微信机器人", **data})


def test_a_new_token_is_shown_once_stored_hashed_and_works(cast: Cast, api_as: Any) -> None:
    page = browser(cast.rep_a)
    response = _make(page, days="30")
    assert response.status_code == 200
    shown = _TOKEN.findall(response.content.decode())
    assert len(shown) == 1
    stored = ApiToken.objects.get()
    assert stored.digest == digest(shown[0]) and shown[0] not in str(list(ApiToken.objects.values()))
    assert stored.expires_at is not None and not stored.read_only
    again = page.get("/settings/tokens/").content.decode()
    assert not _TOKEN.search(again) and stored.shown_prefix in again
    client = page.__class__()
    assert client.get("/api/v1/deals", HTTP_AUTHORIZATION=f"Bearer {shown[0]}").status_code == 200


def test_a_token_without_a_name_is_refused_and_nothing_is_made(cast: Cast) -> None:
    response = _make(browser(cast.rep_a), name=" ", days="0")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_user_sees_and_revokes_only_their_own_tokens_and_an_admin_all(cast: Cast) -> None:
    mine, _ = ApiToken.issue(cast.rep_a, "mine")
    theirs, _ = ApiToken.issue(cast.rep_b, "theirs")
    page = browser(cast.rep_a)
    listed = page.get("/settings/tokens/").content.decode()
    assert mine.shown_prefix in listed and theirs.shown_prefix not in listed
    assert csrf_post(page, f"/settings/tokens/{theirs.pk}/revoke/", {}).status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert csrf_post(page, f"/settings/tokens/{mine.pk}/revoke/", {}).status_code == 302
    assert ApiToken.objects.get(pk=mine.pk).state == "revoked"
    admin = browser(cast.admin)
    assert theirs.shown_prefix in admin.get("/settings/tokens/").content.decode()
    assert csrf_post(admin, f"/settings/tokens/{theirs.pk}/revoke/", {}).status_code == 302
    assert ApiToken.objects.get(pk=theirs.pk).state == "revoked"


def test_the_cli_creates_a_token_printed_once_and_revokes_it_by_prefix(cast: Cast, api_as: Any) -> None:
    made = CliRunner().invoke(main, ["token", "create", "rep_a", "--name", "夜间导入", "--read-only", "--days", "7"])
    assert made.exit_code == 0, made.output
    text = made.stdout.strip()
    assert _TOKEN.fullmatch(text)
    token = ApiToken.objects.get()
    assert token.read_only and token.name == "夜间导入" and token.expires_at is not None
    dry = CliRunner().invoke(main, ["token", "revoke", token.shown_prefix, "--dry-run"])
    assert dry.exit_code == 0 and ApiToken.objects.get().revoked_at is None
    revoked = CliRunner().invoke(main, ["token", "revoke", token.shown_prefix])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert ApiToken.objects.get().state == "revoked"


def test_the_cli_refuses_an_unknown_user_or_prefix_and_makes_nothing(cast: Cast) -> None:
    result = CliRunner().invoke(main, ["token", "create", "nobody", "--name", "x"])
    assert result.exit_code != 0 and "no user" in result.output
    result = CliRunner().invoke(main, ["token", "revoke", "dp_00000000"])
    assert result.exit_code != 0 and "no token" in result.output
    assert not ApiToken.objects.exists()
