"""Background jobs as their owner sees them: queued, running with a bar, done or failed in words."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dealpilot.accounts.models import Profile, Role, Team
from dealpilot.jobs import JobError, job_function, start_job
from dealpilot.jobs.models import Job

pytestmark = pytest.mark.django_db


@job_function("test-count")
def count_rows(job: Job, progress: Any) -> dict[str, Any]:
    rows = job.params["rows"]
    progress.set_total(rows)
    for _ in range(rows):
        progress.advance(1)
    return {"counted": rows, "url": "/pipeline/"}


@job_function("test-refuse")
def refuse(job: Job, progress: Any) -> None:
    raise JobError("第 3 行的日期看不懂")


@job_function("test-crash")
def crash(job: Job, progress: Any) -> None:
    raise RuntimeError("secret internal detail")


def person(username: str, role: str = Role.REP) -> User:
    user = User.objects.create_user(username, password="s3cret-pass-word")
    Profile.objects.create(user=user, team=Team.objects.get_or_create(name="华东大客户部")[0], role=role)
    return user


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_a_job_runs_its_function_and_keeps_the_result_and_progress() -> None:
    job = start_job("test-count", owner=person("rep1"), params={"rows": 7}, label="deals.csv")
    assert (job.status, job.done, job.total, job.percent) == ("succeeded", 7, 7, 100)
    assert job.result == {"counted": 7, "url": "/pipeline/"}
    assert job.started_at and job.finished_at and job.task_id


def test_a_refusal_is_kept_in_words_and_an_unexpected_error_says_nothing_internal() -> None:
    refused = start_job("test-refuse", owner=person("rep1"))
    assert (refused.status, refused.error) == ("failed", "第 3 行的日期看不懂")
    with translation.override("en"):
        crashed = start_job("test-crash")
    assert crashed.status == "failed"
    assert "secret" not in crashed.error and "unexpected error" in crashed.error
    with translation.override("zh-hans"):  # written in the language of the page that started it
        assert "意外错误" in start_job("test-crash").error


def test_an_unknown_kind_is_refused_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="unknown job kind"):
        start_job("no-such-kind")
    assert not Job.objects.exists()


def test_the_owner_and_admins_see_the_job_page_others_get_404() -> None:
    owner, other, admin = person("rep1"), person("rep2"), person("admin1", Role.ADMIN)
    job = start_job("test-count", owner=owner, params={"rows": 3}, label="deals.csv")
    page = logged_in(owner).get(reverse("job_page", args=[job.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "deals.csv" in text and "3 of 3 done" in text and 'href="/pipeline/"' in text
    assert "hx-trigger" not in text  # a finished job stops polling
    assert logged_in(admin).get(reverse("job_progress", args=[job.pk])).status_code == 200
    for name in ("job_page", "job_progress"):
        assert logged_in(other).get(reverse(name, args=[job.pk])).status_code == 404
    listing = logged_in(other).get(reverse("job_list")).content.decode()
    assert "deals.csv" not in listing
    assert "deals.csv" in logged_in(admin).get(reverse("job_list")).content.decode()
    anonymous = Client().get(reverse("job_page", args=[job.pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_a_waiting_job_polls_for_its_progress_in_the_page_language(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    owner = person("rep1")
    job = start_job("test-count", owner=owner, params={"rows": 2})
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(owner)
    text = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in text and "排队等待" in text


def test_the_database_worker_runs_queued_jobs(settings: Any, worker_in_test: None) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = start_job("test-count", owner=person("rep1"), params={"rows": 4})
    assert Job.objects.get(pk=job.pk).status == "queued"
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.done, job.result["counted"]) == ("succeeded", 4, 4)


def test_a_job_runs_once_even_if_its_task_is_delivered_twice(settings: Any) -> None:
    from dealpilot.jobs.tasks import run_job

    job = start_job("test-count", owner=person("rep1"), params={"rows": 2})
    with translation.override("en"):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done) == ("succeeded", 2)
