"""The request's CSRF token, masked once per request for every form a page writes."""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from markupsafe import Markup, escape


def csrf(request: Any) -> tuple[str, Markup]:
    """The request's CSRF token and its hidden form field, masked once per request.

    `{{ csrf_token }}` masks the secret afresh (random bytes) every time it is written; a deal
    page writes it into every checklist form, so the page takes it once from here.
    """
    if request is None:
        return "", Markup("")
    cached = getattr(request, "_dealpilot_csrf", None)
    if cached is None:
        token = get_token(request)
        cached = (token, Markup('<input type="hidden" name="csrfmiddlewaretoken" value="%s">') % escape(token))
        request._dealpilot_csrf = cached
    return cached
