"""Security headers on every response the app itself writes (WhiteNoise answers static files
before this middleware runs, so they keep their own caching).

- Content-Security-Policy without inline script: every script is a static file.
  Styles: the stylesheets are files; htmx adds one fixed <style> for its request indicators,
  allowed by its hash (tests/web/test_headers.py recomputes it from the vendored htmx, so an
  upgrade that changes the text fails there); `style="..."` attributes (bar widths, legend
  colours, ECharts tooltips) are allowed by style-src-attr — they cannot run code.
- Cache-Control: private, no-store: pages, fragments, chart data, exports and document
  downloads hold a team's deals; no browser history cache or shared proxy may keep them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HTMX_INDICATOR_STYLE = "'sha256-bsV5JivYxvGywDAZ22EZJKBFip65Ng9xoJVLbBg7bdo='"

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    f"style-src 'self' {HTMX_INDICATOR_STYLE}",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",  # Bootstrap draws its form controls' icons as data: SVGs
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response["Cache-Control"] = "private, no-store"
        return response

    return middleware
