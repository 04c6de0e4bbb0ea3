"""The writes only admins make (users, teams, accounts, contacts, deletion, webhooks)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from dealpilot.accounts.models import Role, role_of


def require_admin(request: HttpRequest, what: str) -> None:
    """After the object's own door check (404 first): 403 for anyone but an admin."""
    if role_of(request.user) != Role.ADMIN:
        raise PermissionDenied(f"only admins may {what}")
