"""404, 403 and 500 pages in the site's frame and the visitor's language.

The 500 page is rendered without the request: whatever broke (the database, a context
processor, the session) may break again while the page is drawn, and an error page that
fails shows the visitor Django's bare fallback text instead.
"""

from __future__ import annotations

import sys
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from dealpilot.web.storage import is_storage_fault, storage_fault_response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", {"path": request.path}, status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_storage_fault(sys.exc_info()[1]):
        return storage_fault_response(request)
    context: dict[str, Any] = {"user": None, "request": None, "messages": ()}
    return HttpResponseServerError(loader.get_template("errors/500.html").render(context))
