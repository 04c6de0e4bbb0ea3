"""Every error the API answers, as JSON: 401, 403, 404, 409, 422 (each problem with its path), 429."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from dealpilot.api.auth import RateLimited, ReadOnlyToken
from dealpilot.engine.errors import DocumentError, Problem


def json_response(data: Any, status: int = 200, **headers: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False), status=status,
                            content_type="application/json; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def problems_response(problems: Iterable[Problem], detail: str = "the request is not valid") -> HttpResponse:
    return json_response({"detail": detail, "problems": [{"path": p.path, "message": p.message} for p in problems]},
                         422)


def _path(loc: Iterable[Any]) -> str:
    parts = list(loc)
    # ninja names a body parameter in the location ("body", "payload", "version"): drop the name.
    if len(parts) >= 2 and parts[0] == "body" and isinstance(parts[1], str) and parts[1] in ("payload",):
        parts = ["body", *parts[2:]]
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(request)"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problems_response([Problem(_path(e.get("loc", ())), str(e.get("msg", "is not valid")))
                                  for e in exc.errors])

    @api.exception_handler(DocumentError)
    def document_problems(request: HttpRequest, exc: DocumentError) -> HttpResponse:
        return problems_response(exc.problems, "the document is not valid; nothing was saved")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return json_response({"detail": "a valid API token is needed: Authorization: Bearer <token>"}, 401,
                             WWW_Authenticate="Bearer")

    @api.exception_handler(ReadOnlyToken)
    def read_only(request: HttpRequest, exc: ReadOnlyToken) -> HttpResponse:
        return json_response({"detail": "this token is read-only"}, 403)

    @api.exception_handler(RateLimited)
    def limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        return json_response({"detail": f"too many requests with this token; retry after {exc.seconds} s"}, 429,
                             Retry_After=str(exc.seconds))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The same answer whether the object does not exist or belongs to another team.
        return json_response({"detail": "not found"}, 404)

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return json_response({"detail": str(exc) or "not allowed"}, 403)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return json_response({"detail": str(exc)}, exc.status_code)
