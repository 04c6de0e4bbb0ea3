"""Errors of the engine: every problem in an input, each naming where it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dealpilot.engine.limits import EXCERPT_CHARS

#: A problem's message and path never grow past this, whatever a door put into them.
_MESSAGE_MAX = 400


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A bad value as an error message quotes it: repr() of a string or a number, at most `limit`
    characters; a list or a mapping only by its kind and size (never repr() of a big structure)."""
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value)} characters)"
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _cut(text: str) -> str:
    return text if len(text) <= _MESSAGE_MAX else text[:_MESSAGE_MAX] + "…"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __post_init__(self) -> None:
        # The last guard: a message that quoted too much is cut before it reaches a response.
        object.__setattr__(self, "path", _cut(self.path))
        object.__setattr__(self, "message", _cut(self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class EngineError(Exception):
    """Bad input to the engine. Doors (CLI, web, API) show `problems` and change nothing."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.__str__())

    def lines(self) -> list[str]:
        prefix = f"{self.source}: " if self.source else ""
        return [f"{prefix}{p}" for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class DocumentError(EngineError):
    """A deal document is unreadable or invalid."""


class PlaybookError(EngineError):
    """A playbook file is unreadable or invalid."""
