"""A database that cannot be written (read-only file or transaction, full disk) answers 503 with
what the administrator should check, instead of a traceback.

Caught twice: by the middleware for errors in a view (pages as HTML, the API as JSON), and by the
500 handler for errors outside one (e.g. the session written after the view). The write that
failed ran in a transaction that was rolled back: everything saved before stays as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

# SQLite's messages; PostgreSQL's SQLSTATEs: 25006 read_only_sql_transaction, 53100 disk_full,
# 53000 insufficient_resources (e.g. "could not extend file").
_MESSAGES = ("attempt to write a readonly database", "database or disk is full", "disk is full",
             "read-only transaction", "no space left on device", "could not extend file")
_SQLSTATES = ("25006", "53100", "53000")


def is_storage_fault(exc: BaseException | None) -> bool:
    if not isinstance(exc, DatabaseError):
        return False
    cause = exc.__cause__ or exc
    if getattr(cause, "sqlstate", None) in _SQLSTATES or getattr(cause, "pgcode", None) in _SQLSTATES:
        return True
    text = f"{exc} {cause}".lower()
    return any(message in text for message in _MESSAGES)


def storage_fault_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = {"detail": "the database cannot be written (read-only or the disk is full); nothing was saved. "
                          "An administrator should check the free disk space and the database's permissions."}
        return HttpResponse(json.dumps(body), status=503, content_type="application/json; charset=utf-8",
                            headers={"Retry-After": "60"})
    # Rendered without the request, as the 500 page is: the database cannot be asked for anything.
    page = loader.get_template("errors/503.html").render({"user": None, "request": None, "messages": (),
                                                         "title": _("The database cannot be written")})
    return HttpResponse(page, status=503, headers={"Retry-After": "60"})


class StorageFaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return storage_fault_response(request) if is_storage_fault(exception) else None
