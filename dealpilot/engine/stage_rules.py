"""What a playbook's stages must be: its own ids, in its order, and the two fixed outcomes.

The product fixes only the closed stages `won` and `lost`: the forecast, the learner and the
webhooks read them as the outcomes. Every other stage is the playbook's own (a team may add a
`poc` between develop and propose, rename an id or drop one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from dealpilot.engine.errors import Problem

WON, LOST = "won", "lost"
OUTCOMES = (WON, LOST)
#: A stage id; at most 20 characters (the deal's stage column).
STAGE_ID = r"^[a-z][a-z0-9_]*$"
STAGE_ID_MAX = 20


class _Stage(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def closed(self) -> bool: ...


def stage_problems(stages: Sequence[_Stage]) -> list[Problem]:
    """Ids unique; exactly the closed stages `won` and `lost`; at least one open stage."""
    out: list[Problem] = []
    seen: set[str] = set()
    for i, s in enumerate(stages):
        if s.id in seen:
            out.append(Problem(f"stages[{i}].id", f"duplicate stage id {s.id!r}"))
        seen.add(s.id)
        if s.id in OUTCOMES and not s.closed:
            out.append(Problem(f"stages[{i}].closed", f"stage {s.id!r} is an outcome and must be closed: true"))
        if s.closed and s.id not in OUTCOMES:
            out.append(Problem(f"stages[{i}].closed", f"only {WON!r} and {LOST!r} are closed; "
                                                      f"{s.id!r} must be an open stage"))
    for sid in OUTCOMES:
        if sid not in seen:
            out.append(Problem("stages", f"missing the closed stage {sid!r}"))
    if not any(not s.closed for s in stages):
        out.append(Problem("stages", "at least one open stage is required"))
    return out
