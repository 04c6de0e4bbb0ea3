"""The named cast and the pipeline's deals (own, teammate's, other team's, shared, won)."""

from __future__ import annotations

from tests.pipeline.conftest import Deals, deals, names  # noqa: F401  (shared fixtures)
from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401  (shared fixtures)
