"""Errors of the engine: every problem in an input, each naming where it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

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
