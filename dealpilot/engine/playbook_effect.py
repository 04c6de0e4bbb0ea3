"""What changing a playbook does to a set of deals: scores that move and flags gained or lost.

Both sides are assessed by the engine on the same day; nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dealpilot.engine.assess import assess
from dealpilot.engine.document import Deal
from dealpilot.engine.playbook import Playbook


@dataclass
class Effect:
    deals: int = 0
    scores_changed: int = 0
    total_change: float = 0.0  # sum of (new - old) over the deals whose score changed
    total_abs_change: float = 0.0
    flags_changed: int = 0  # deals that gain or lose at least one flag
    gained: Counter[str] = field(default_factory=Counter)  # flag id -> deals that gain it
    lost: Counter[str] = field(default_factory=Counter)

    @property
    def mean_change(self) -> float:
        return self.total_change / self.scores_changed if self.scores_changed else 0.0

    @property
    def mean_abs_change(self) -> float:
        return self.total_abs_change / self.scores_changed if self.scores_changed else 0.0


def effect(pairs: Iterable[tuple[Deal, Playbook]], new: Playbook, as_of: dt.date) -> Effect:
    """Each deal with the playbook it is assessed with now, against `new`."""
    out = Effect()
    for deal, old in pairs:
        before = assess(deal, old, as_of=as_of)
        after = assess(deal.model_copy(update={"playbook": new.id}), new, as_of=as_of)
        out.deals += 1
        if after.score != before.score:
            out.scores_changed += 1
            out.total_change += after.score - before.score
            out.total_abs_change += abs(after.score - before.score)
        was, now = {f.id for f in before.flags}, {f.id for f in after.flags}
        if was != now:
            out.flags_changed += 1
            out.gained.update(now - was)
            out.lost.update(was - now)
    return out
