"""The named cast of the web tests."""

from __future__ import annotations

from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401  (shared fixtures)
