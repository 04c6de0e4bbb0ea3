"""The API object: /api/v1/, its authentication, errors and resources (one router each)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from dealpilot.api import errors
from dealpilot.api.auth import TokenAuth
from dealpilot.api.docs import LocalSwagger, signed_in_or_token
from dealpilot.api.routes import (
    assessment,
    deals,
    directory,
    imports,
    lists,
    people,
    pipeline,
    webhooks,
)

DESCRIPTION = """DealPilot (商机领航) JSON API. Authenticate every call with a personal token
(`Authorization: Bearer dp_…`, made on the API tokens page or with `dealpilot token create`).
A token acts with exactly its user's permissions: a deal you may not see answers 404.
Errors are JSON: 401 (no valid token), 403 (read-only token on a write; not allowed), 404,
409 (stale `version`: the body holds the current document), 422 (every problem with its path),
429 (rate limit; see `Retry-After`). See docs/api.md."""

class DealPilotAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # The view's own name ("list_deals"), not its module path.
        return operation.view_func.__name__


api = DealPilotAPI(title="DealPilot API", version="1", description=DESCRIPTION, urls_namespace="api",
               auth=TokenAuth(), docs=LocalSwagger(), docs_url="/docs", openapi_url="/openapi.json",
               docs_decorator=signed_in_or_token)
errors.install(api)
api.add_router("/deals", deals.router, tags=["deals"])
api.add_router("/deals", assessment.router, tags=["assessment"])
api.add_router("/deals", lists.router, tags=["deal lists"])
api.add_router("/", directory.router, tags=["accounts and contacts"])
api.add_router("/", people.router, tags=["users and teams"])
api.add_router("/pipeline", pipeline.router, tags=["pipeline"])
api.add_router("/imports", imports.router, tags=["imports"])
api.add_router("/webhooks", webhooks.router, tags=["webhooks"])
