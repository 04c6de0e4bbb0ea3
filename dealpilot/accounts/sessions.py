"""Session lifetime: logged out after SESSION_IDLE_TIMEOUT without a request, and after
SESSION_COOKIE_AGE since signing in however busy the session is.

A middleware keeping the time last seen, rather than SESSION_SAVE_EVERY_REQUEST with a short
cookie age: that would turn the absolute age into a sliding one and write the session on every
request. Here the session is written at most once a minute (LAST_SEEN_STEP), and both limits are
checked against times stored in the session, so they hold whatever the cookie says.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_SEEN_STEP = 60


def session_timeout(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            _check(request, int(time.time()))
        return get_response(request)

    return middleware


def _check(request: HttpRequest, now: int) -> None:
    session = request.session
    last_seen = session.get("last_seen", now)
    signed_in_at = session.get("signed_in_at", now)
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT or now - signed_in_at > settings.SESSION_COOKIE_AGE:
        logout(request)  # the request goes on as anonymous: login_required sends it to log in
        return
    if "signed_in_at" not in session:
        session["signed_in_at"] = now
    if now - session.get("last_seen", 0) >= LAST_SEEN_STEP:
        session["last_seen"] = now
