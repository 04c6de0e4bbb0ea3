"""Who may see a job: the user who started it, and admins."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from dealpilot.accounts.models import Role, role_of
from dealpilot.deals.access import object_id
from dealpilot.jobs.models import Job


def visible_jobs(user: Any) -> QuerySet[Job]:
    jobs = Job.objects.select_related("owner")
    return jobs if role_of(user) == Role.ADMIN else jobs.filter(owner_id=user.pk)


def get_job_for_user(request: Any, pk: Any) -> Job:
    try:
        return visible_jobs(request.user).get(pk=object_id(pk))
    except Job.DoesNotExist:
        raise Http404 from None
