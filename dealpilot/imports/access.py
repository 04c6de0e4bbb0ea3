"""The one door check for imports: the user's own (admins: any), or 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from dealpilot.deals.access import object_id
from dealpilot.imports.models import ImportRun


def get_run_for_user(request: Any, pk: Any) -> ImportRun:
    try:
        return ImportRun.objects.visible_to(request.user).select_related("owner").get(pk=object_id(pk))
    except ImportRun.DoesNotExist:
        raise Http404 from None
