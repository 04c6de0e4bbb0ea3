"""A job's page with its live progress bar, the bar alone (polled by htmx), and one's jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dealpilot.jobs.access import get_job_for_user, visible_jobs

RECENT = 50


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/job.html", {"job": get_job_for_user(request, pk)})


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/_progress.html", {"job": get_job_for_user(request, pk)})


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/list.html", {"jobs": visible_jobs(request.user)[:RECENT]})
