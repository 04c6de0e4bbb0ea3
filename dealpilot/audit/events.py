"""Writing an event: the user and address from the request (or the one being served)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dealpilot.accounts.ratelimit import client_address
from dealpilot.audit.middleware import current_request
from dealpilot.audit.models import AuditEvent


def write_event(request: HttpRequest | None, action: str, target: str, detail: dict[str, Any],
                user: Any = None) -> AuditEvent:
    request = request if request is not None else current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    return AuditEvent.objects.create(
        user=user, username=user.get_username() if user is not None else "", action=action[:40],
        target=str(target)[:300], detail=detail, address=client_address(request) if request is not None else "")
