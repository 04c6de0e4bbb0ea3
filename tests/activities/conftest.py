from __future__ import annotations

from tests.web.conftest import Cast, cast, login  # noqa: F401  (the named cast shared with the web tests)
