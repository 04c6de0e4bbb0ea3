"""The named cast (tests/web/conftest.py) and the pipeline's deals over both teams and a share."""

from __future__ import annotations

from tests.pipeline.conftest import Deals, deals  # noqa: F401  (shared fixtures)
from tests.web.conftest import Cast, cast, fast_passwords, login  # noqa: F401
