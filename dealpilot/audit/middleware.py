"""Keeps the request being served where signal receivers can find it (they are not passed one):
a permission changed in the admin or a deal deleted is recorded with who did it and from where."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_current: ContextVar[HttpRequest | None] = ContextVar("dealpilot_audit_request", default=None)


def current_request() -> HttpRequest | None:
    return _current.get()


def remember_request(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        token = _current.set(request)
        try:
            return get_response(request)
        finally:
            _current.reset(token)

    return middleware
