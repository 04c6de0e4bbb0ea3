"""Answer 429 Too Many Requests from any login door that the rate limit refused."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from dealpilot.accounts.backends import login_locked


def login_throttle_status(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if login_locked(request) and response.status_code < 400:
            # The admin's login view answers 200 with the form's message; clients and proxies
            # should see the refusal for what it is.
            response.status_code = 429
        return response

    return middleware
