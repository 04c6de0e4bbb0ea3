"""The rendered body of a deal page, kept per deal version.

Rendering the whole workspace (every fact, the checklist, the engine's verdict) costs far more
than the request around it, and between two saves it cannot change: every edit claims a new
version and stamps `updated_at`, and so does replacing the deal from a document. The key also
holds the language, the day (the verdict ages with the evidence) and the browser's CSRF secret
(the forms carry a token), so nothing is ever served to someone it was not rendered for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token

from dealpilot.deals import models as m
from dealpilot.deals.verdict import today
from dealpilot.workspace.context import lang


def seconds() -> int:
    return int(getattr(settings, "WORKSPACE_PAGE_CACHE_SECONDS", 600))


def key(request: HttpRequest, opp: m.Opportunity) -> str:
    get_token(request)  # makes sure the CSRF secret exists before it is part of the key
    secret = request.META.get("CSRF_COOKIE", "")
    browser = hashlib.sha256(f"{secret}:{request.user.pk}".encode()).hexdigest()[:24]
    stamp = opp.updated_at.isoformat() if opp.updated_at else ""
    return f"workspace:page:{opp.pk}:{opp.version}:{stamp}:{lang()}:{today().isoformat()}:{browser}"


def get_or_render(request: HttpRequest, opp: m.Opportunity, render: Callable[[], Any]) -> Any:
    if seconds() <= 0:
        return render()
    k = key(request, opp)
    body = cache.get(k)
    if body is None:
        body = render()
        cache.set(k, body, seconds())
    return body
