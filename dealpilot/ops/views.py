from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dealpilot.ops.health import report


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when healthy, 503 naming the failing check. No login."""
    body = report()
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
