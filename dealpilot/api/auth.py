"""`Authorization: Bearer <token>`: the token's user becomes the request's user, so every door
check (deals.access, pipeline.access) answers for the API exactly as for the pages.

Tokens only: the browser's session is not accepted by the API (no CSRF to get right, and a
page's cookie can never be used by a script on another site). The docs page reads the schema
with the session or a token; trying calls in it takes a token (the Authorize button).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from dealpilot.api.models import ApiToken
from dealpilot.api.models.tokens import digest
from dealpilot.api.ratelimit import retry_after
from dealpilot.audit import record

_SAFE = ("GET", "HEAD", "OPTIONS")
# last_used_at is written at most this often: a write per request would double its cost.
_LAST_USED_EVERY = dt.timedelta(seconds=60)


class ReadOnlyToken(Exception):
    """A read-only token used for a write."""


class RateLimited(Exception):
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(f"retry after {seconds} s")


def token_for(text: str) -> ApiToken | None:
    if not text or len(text) > 200:
        return None
    return ApiToken.objects.usable().select_related("user", "user__profile").filter(digest=digest(text)).first()


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for(token)
        if found is None:
            return None
        wait = retry_after(found)
        if wait is not None:
            raise RateLimited(wait)
        if request.method not in _SAFE and found.read_only:
            raise ReadOnlyToken
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > _LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            # Audited with the same minute's step as last_used_at: a script calling every second
            # writes one event a minute, not one per request.
            record(request, "token_used", target=found.audit_target, user=found.user,
                   detail={"token": found.pk, "method": request.method, "path": request.path[:200]})
        request.user = found.user
        return found


def bearer(request: HttpRequest) -> Any:
    """The token of a request's Authorization header, or None (for the docs page)."""
    header = request.headers.get("Authorization", "")
    scheme, _, text = header.partition(" ")
    return token_for(text.strip()) if scheme.lower() == "bearer" else None
