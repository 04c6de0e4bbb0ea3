"""The engine's commands (assess, playbook list/show/validate) run without Django, as `dealpilot`
does outside the app: here the test process has the app set up, so its team-playbook source
(which reads the database) is taken away for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dealpilot.engine.playbook import playbook_source, set_playbook_source


@pytest.fixture(autouse=True)
def _engine_without_the_app() -> Iterator[None]:
    source = playbook_source()
    set_playbook_source(None)
    yield
    set_playbook_source(source)
