"""A worker killed under a job: the next worker on the host fails it with the reason, or starts a
resumable kind again; jobs of live workers and of other hosts are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from dealpilot.jobs import job_function
from dealpilot.jobs.models import Job
from dealpilot.jobs.recovery import recover_interrupted
from dealpilot.jobs.workers import this_worker

pytestmark = pytest.mark.django_db


@job_function("test-resumable", resumable=True)
def resume(job: Job, progress: Any) -> dict[str, Any]:
    return {"resumed": True}


def dead_worker() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{this_worker().rpartition(':')[0]}:{child.pid}"


def running(kind: str, worker: str, language: str = "en") -> Job:
    return Job.objects.create(kind=kind, status=Job.Status.RUNNING, worker=worker, language=language)


def test_a_job_left_running_by_a_dead_worker_is_failed_with_the_reason_in_its_language() -> None:
    english, chinese = running("import", dead_worker()), running("import", dead_worker(), "zh-hans")
    recover_interrupted()
    english.refresh_from_db()
    chinese.refresh_from_db()
    assert english.status == "failed" and "worker stopped" in english.error and english.finished_at
    assert chinese.status == "failed" and "后台进程停止" in chinese.error


def test_a_resumable_job_is_started_again() -> None:
    job = running("test-resumable", dead_worker())
    recover_interrupted()  # tests run jobs at once, as a worker would pick it up
    job.refresh_from_db()
    assert (job.status, job.result) == ("succeeded", {"resumed": True})


def test_jobs_of_a_live_worker_or_another_host_are_left_running() -> None:
    alive = running("import", this_worker())
    elsewhere = running("import", f"other-host:{os.getpid()}")
    assert recover_interrupted() == []
    assert {j.status for j in Job.objects.filter(pk__in=[alive.pk, elsewhere.pk])} == {"running"}


def test_the_worker_command_recovers_before_it_runs_jobs(settings: Any, worker_in_test: None) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = running("test-resumable", dead_worker())
    with translation.override("en"):
        call_command("jobs_worker", batch=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "succeeded"
