"""API tokens (made, revoked, used — one event a minute per token, not one per request) and
imports (who, file, counts; reverted) in the audit trail, on /audit/ and in its CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from dealpilot.api.models import ApiToken
from dealpilot.audit.models import AuditEvent
from tests.imports.conftest import csv_file  # noqa: F401  (fixture)
from tests.imports.test_wizard import upload


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_making_and_revoking_a_token_on_its_page_is_recorded(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    client.post(reverse("api_tokens"), {"name": "报表脚本", "read_only": "on"}, REMOTE_ADDR="10.0.0.5")
    token = ApiToken.objects.get()
    [made] = _events("token_created")
    assert (made.user, made.address, made.detail["read_only"]) == (cast.rep_a, "10.0.0.5", True)
    assert made.target == f"token {token.shown_prefix} (报表脚本, rep_a)"
    client.post(reverse("api_token_revoke", args=[token.pk]))
    client.post(reverse("api_token_revoke", args=[token.pk]))  # already revoked: nothing more
    [revoked] = _events("token_revoked")
    assert revoked.target == made.target and revoked.user == cast.rep_a


def test_a_bad_token_form_records_nothing(cast: Any, login: Any) -> None:
    login(cast.rep_a).post(reverse("api_tokens"), {"name": "  "})
    assert not ApiToken.objects.exists() and not _events("token_created")


def test_token_use_is_recorded_once_a_minute_not_per_request(cast: Any) -> None:
    token, text = ApiToken.issue(cast.rep_a, "同步")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {text}")
    for _ in range(3):
        assert api.get("/api/v1/deals", REMOTE_ADDR="10.0.0.9").status_code == 200
    [used] = _events("token_used")
    assert (used.user, used.address, used.detail["path"]) == (cast.rep_a, "10.0.0.9", "/api/v1/deals")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.created_at - dt.timedelta(minutes=2))
    api.get("/api/v1/deals")
    assert len(_events("token_used")) == 2


def test_an_import_and_its_revert_are_recorded_with_the_file_and_counts(
        cast: Any, login: Any, csv_file: Callable[..., Path]) -> None:  # noqa: F811
    client = login(cast.manager_a)
    rows = ["HR-1,恒锐精密,排产系统,120,方案制定,2026/3/4,teammate_a,,,,",
            "HR-2,远舟物流,运输管理,80,商务谈判,2026/3/20,rep_a,,,,"]
    upload(client, csv_file(*rows))
    from dealpilot.imports.models import ImportRun

    run = ImportRun.objects.get()
    client.post(reverse("import_go", args=[run.pk]), REMOTE_ADDR="10.0.0.7")
    [imported] = _events("import")
    assert imported.user == cast.manager_a and imported.target == f"import {run.pk}: 商机.csv"
    assert {k: imported.detail[k] for k in ("created", "updated", "skipped", "status")} == {
        "created": 2, "updated": 0, "skipped": 0, "status": "done"}
    client.post(reverse("import_revert", args=[run.pk]), REMOTE_ADDR="10.0.0.7")
    [reverted] = _events("import_revert")
    assert (reverted.user, reverted.address, reverted.detail["removed"]) == (cast.manager_a, "10.0.0.7", 2)
    admin = login(cast.admin)
    page = admin.get(reverse("audit_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Import reverted" in page and "商机.csv" in page
    csv = b"".join(admin.get(reverse("audit_csv"), HTTP_ACCEPT_LANGUAGE="en").streaming_content).decode("utf-8-sig")
    assert ",import_revert," in csv and f"import {run.pk}: 商机.csv" in csv
