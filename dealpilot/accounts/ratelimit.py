"""Login rate limiting: failures counted in the database, so every app server sees them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from dealpilot.accounts.models import LoginFailure


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it.
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def _recent(username: str, address: str):  # type: ignore[no-untyped-def]
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    return LoginFailure.objects.filter(username=username.lower()[:150], address=address, at__gte=since)


def is_locked(username: str, address: str) -> bool:
    return _recent(username, address).count() >= settings.LOGIN_MAX_FAILURES


def note_failure(username: str, address: str) -> None:
    # Old failures no longer count; dropping them here keeps the table as small as the window.
    expired = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    LoginFailure.objects.filter(at__lt=expired).delete()
    LoginFailure.objects.create(username=username.lower()[:150], address=address)


def clear_failures(username: str, address: str) -> None:
    LoginFailure.objects.filter(username=username.lower()[:150], address=address).delete()
