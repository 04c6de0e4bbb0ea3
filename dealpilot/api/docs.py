"""The interactive docs at /api/v1/docs: Swagger UI from the app's own static files (npm
`swagger-ui-dist`, copied into static/vendor by the Makefile), no CDN, no inline script."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from markupsafe import Markup
from ninja.openapi.docs import DocsBase

from dealpilot.api.auth import bearer


class LocalSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout", "deepLinking": True,
                    "persistAuthorization": False}
        # JSON inside a <script> element: "<" escaped so no value can close the element.
        text = Markup(json.dumps(settings).replace("<", "\\u003c"))
        return render(request, "api/docs.html", {"api": api, "swagger_settings": text})


def signed_in_or_token(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The docs page and the schema: for a signed-in user or a request with a valid token."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated or bearer(request) is not None:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapped
