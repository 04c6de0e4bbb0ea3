"""The web tests' named cast (rep of team A, teammate, manager, rep of team B, admin), reused."""

from __future__ import annotations

from tests.web.conftest import Cast, cast, login  # noqa: F401  (fixtures shared with the web tests)
