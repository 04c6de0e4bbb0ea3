"""Login rate limiting: failures counted in the database, so every app server sees them.

Three limits, all within `LOGIN_FAILURE_WINDOW`:
- a (username, address) pair locks after `LOGIN_MAX_FAILURES`: the usual guesser;
- an address locks after `LOGIN_MAX_FAILURES_PER_ADDRESS` across usernames: one password
  sprayed over every user;
- a username locks after `LOGIN_MAX_FAILURES_PER_USERNAME` from any address: guesses spread
  over many addresses. Higher, so that someone elsewhere needs far more tries to lock a real
  user out than the user's own address does.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from dealpilot.accounts.models import LoginFailure


def normalise_username(raw: object) -> str:
    # As Django's login form does (strip, then NFKC), and case-insensitive: " rep6" and "ｒｅｐ６"
    # are the same guess at rep6.
    text = str(raw or "").strip()
    return unicodedata.normalize("NFKC", text).strip().casefold()[:150]


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR unless a trusted proxy is configured: X-Forwarded-For is written by the client,
    # except for the entries the proxies in front of us appended, counted from the right.
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        entries = [part.strip() for part in request.META.get(header, "").split(",") if part.strip()]
        if len(entries) >= settings.TRUSTED_PROXY_COUNT:
            return entries[-settings.TRUSTED_PROXY_COUNT][:64]
    return remote[:64]


def _recent() -> QuerySet[LoginFailure]:
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    return LoginFailure.objects.filter(at__gte=since)


def is_locked(username: str, address: str) -> bool:
    name = normalise_username(username)
    recent = _recent()
    return (recent.filter(username=name, address=address).count() >= settings.LOGIN_MAX_FAILURES
            or recent.filter(address=address).count() >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS
            or recent.filter(username=name).count() >= settings.LOGIN_MAX_FAILURES_PER_USERNAME)


def note_failure(username: str, address: str) -> None:
    # Old failures no longer count; dropping them here keeps the table as small as the window.
    expired = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    LoginFailure.objects.filter(at__lt=expired).delete()
    LoginFailure.objects.create(username=normalise_username(username), address=address)


def clear_failures(username: str, address: str) -> None:
    # Only the pair: a success does not forgive the address's guesses at other users.
    LoginFailure.objects.filter(username=normalise_username(username), address=address).delete()
