"""Which function runs each kind of job, and the name a page shows for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


class JobError(Exception):
    """A failure the user should read (already in words, in the page's language or lazily so)."""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    run: Callable[..., dict[str, Any] | None]
    # A resumable job is started again when its worker died under it (its function picks up
    # from what it saved); any other is marked failed with the reason.
    resumable: bool = False


KINDS: dict[str, JobKind] = {}


def job_function(name: str, label: str | Promise | None = None,
                 resumable: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `func(job, progress)` as what runs jobs of kind `name`."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in KINDS and KINDS[name].run is not func:
            raise ValueError(f"job kind {name!r} is already registered by {KINDS[name].run.__module__}")
        KINDS[name] = JobKind(name=name, label=label or name, run=func, resumable=resumable)
        return func

    return register


def kind_label(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind else name
