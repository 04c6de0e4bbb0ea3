"""The audit pages: admins only (everyone else 404), filters, and the same rows as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.audit import record
from dealpilot.audit.models import AuditEvent


@pytest.fixture
def events(cast: Any) -> None:
    AuditEvent.objects.all().delete()
    record(None, "login", target="rep_a", user=cast.rep_a)
    record(None, "export", target="pipeline-2026-12-01.csv", user=cast.manager_a, detail={"format": "csv"})
    old = record(None, "delete", target="deal 9: 旧商机", user=cast.admin)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))


@pytest.mark.parametrize("who", ["rep_a", "manager_a", "rep_b"])
@pytest.mark.parametrize("url", ["/audit/", "/audit/export.csv"])
def test_only_admins_reach_the_audit_pages(cast: Any, login: Any, events: Any, who: str, url: str) -> None:
    assert login(cast.member(who)).get(url).status_code == 404


@pytest.mark.parametrize("url", ["/audit/", "/audit/export.csv"])
def test_anonymous_users_are_sent_to_log_in(client: Any, db: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_admin_sees_every_event_in_their_language(cast: Any, login: Any, events: Any) -> None:
    client = login(cast.admin)
    page = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "审计日志" in page and "旧商机" in page and "pipeline-2026-12-01.csv" in page
    assert "4 条事件" in page  # and the admin's own sign-in
    client.cookies["django_language"] = "en"
    assert "Audit trail" in client.get("/audit/").content.decode()


def test_filters_narrow_the_list(cast: Any, login: Any, events: Any) -> None:
    client = login(cast.admin)
    page = client.get("/audit/?action=export").content.decode()
    assert "pipeline-2026-12-01.csv" in page and "旧商机" not in page
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    page = client.get(f"/audit/?since={since}").content.decode()
    assert "旧商机" not in page and "3 条事件" in page
    assert "1 条事件" in client.get("/audit/?user=manager").content.decode()
    assert "旧商机" in client.get("/audit/?target=旧商").content.decode()


def test_bad_filters_are_400_and_say_why(cast: Any, login: Any, events: Any) -> None:
    client = login(cast.admin)
    response = client.get("/audit/?since=2026-12-31&until=2026-01-01", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "start date is after the end date" in response.content.decode()
    assert client.get("/audit/export.csv?since=not-a-date").status_code == 400
    assert client.get("/audit/?action=no-such").status_code == 400


def test_the_csv_holds_the_filtered_rows(cast: Any, login: Any, events: Any) -> None:
    response = login(cast.admin).get("/audit/export.csv?action=export", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["When", "User", "Action", "Target", "Address", "Detail"]
    # Newest first: this download itself, then the export made before.
    assert [r[1:4] for r in rows[1:]] == [["admin", "export", "audit.csv"],
                                          ["manager_a", "export", "pipeline-2026-12-01.csv"]]
    assert rows[2][5] == '{"format": "csv"}'


def test_exporting_the_audit_trail_is_itself_recorded(cast: Any, login: Any, events: Any) -> None:
    login(cast.admin).get("/audit/export.csv?action=delete")
    assert AuditEvent.objects.filter(action="export", target="audit.csv", user=cast.admin,
                                     detail={"format": "csv", "filters": "action=delete"}).exists()


def test_the_django_admin_shows_events_read_only(cast: Any, login: Any, events: Any) -> None:
    client = login(cast.admin)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    event = AuditEvent.objects.first()
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
