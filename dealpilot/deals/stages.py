"""Which stages exist, in which order, and what each is called in the page's language.

A playbook's stages are its own (dealpilot.engine.playbook); the workspace's stage list is the
stages of the playbooks in use: the shipped ones and the latest published version of each team
playbook. The default playbook's order comes first; a stage only a team playbook has is placed
after its predecessor in that playbook. A shipped id reads as the glossary; any other stage by
the `name` its playbook gives it. `won` and `lost` always close the list.

The list depends only on which (playbook id, version) pairs are published, so it is computed
once per such set: one small query per call finds the set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Case, IntegerField, Max, Value, When
from django.utils.translation import get_language

from dealpilot.engine import glossary
from dealpilot.engine.playbook import (
    DEFAULT_PLAYBOOK,
    LOST,
    OUTCOMES,
    WON,
    Playbook,
    Text,
    custom_playbook,
    get_playbook,
    known_playbook,
    list_playbooks,
)
from dealpilot.review.labels import lang_of

__all__ = ["LOST", "WON", "StageInfo", "Stages", "choices_for", "name_in", "workspace_stages"]


def _lang() -> str:
    return lang_of(get_language())


@dataclass(frozen=True, slots=True)
class StageInfo:
    id: str
    name: Text
    closed: bool
    rank: int

    @property
    def label(self) -> str:
        """The name in the active language."""
        return self.name.get(_lang())


@dataclass(frozen=True, slots=True)
class Stages:
    """The workspace's stages in order; look-ups by id, labels in the active language."""

    all: tuple[StageInfo, ...]

    def __iter__(self) -> Iterator[StageInfo]:
        return iter(self.all)

    def ids(self) -> list[str]:
        return [s.id for s in self.all]

    def open_ids(self) -> list[str]:
        return [s.id for s in self.all if not s.closed]

    def get(self, sid: str) -> StageInfo | None:
        return next((s for s in self.all if s.id == sid), None)

    def label(self, sid: str) -> str:
        """A stage's name; an id no playbook in use has any more reads as itself."""
        found = self.get(sid)
        return found.label if found is not None else sid

    def labels(self) -> dict[str, str]:
        return {s.id: s.label for s in self.all}

    def choices(self, closed: bool = True) -> list[tuple[str, str]]:
        return [(s.id, s.label) for s in self.all if closed or not s.closed]

    def rank_of(self, column: str = "stage") -> Case:
        """An SQL expression ordering rows by the stage in `column`; unknown ids sort last."""
        return Case(*[When(**{column: s.id}, then=Value(s.rank)) for s in self.all],
                    default=Value(len(self.all)), output_field=IntegerField())


def _name(pb: Playbook, sid: str) -> Text:
    if pb.id in list_playbooks() and sid in glossary.STAGE:
        return glossary.STAGE[sid]
    stage = pb.stage(sid)
    return stage.name if stage is not None else Text(zh=sid, en=sid)


def merge(playbooks: Iterable[Playbook]) -> Stages:
    """The stages of these playbooks: the first one's in its order; a stage only a later one has
    right after its predecessor in that playbook (after the extra stages earlier playbooks put
    there), or first when it has none; the outcomes last."""
    order: list[str] = []
    names: dict[str, Text] = {}
    extra: set[str] = set()  # stages the first playbook does not have
    for n, pb in enumerate(playbooks):
        previous: str | None = None
        for s in pb.open_stages():
            if s.id not in order:
                at = order.index(previous) + 1 if previous is not None else 0
                while previous is not None and at < len(order) and order[at] in extra:
                    at += 1
                order.insert(at, s.id)
                names[s.id] = _name(pb, s.id)
                if n:
                    extra.add(s.id)
            previous = s.id
        for sid in OUTCOMES:
            names.setdefault(sid, _name(pb, sid))
    ids = order + list(OUTCOMES)
    return Stages(tuple(StageInfo(sid, names[sid], sid in OUTCOMES, n) for n, sid in enumerate(ids)))


Published = tuple[tuple[str, int, dt.datetime], ...]


def _published() -> Published:
    """(id, latest version, when it was published) of each team playbook: a version never
    changes, and the time tells a version apart from one of the same number in a database
    restored or rebuilt since."""
    from dealpilot.playbooks.models import PlaybookVersion

    rows = (PlaybookVersion.objects.values_list("playbook__pid")
            .annotate(n=Max("number"), at=Max("published_at")).order_by("playbook__pid"))
    return tuple((pid, n, at) for pid, n, at in rows)


@lru_cache(maxsize=8)
def _stages_of(published: Published) -> Stages:
    from dealpilot.playbooks.models import PlaybookVersion

    shipped = [DEFAULT_PLAYBOOK] + [p for p in list_playbooks() if p != DEFAULT_PLAYBOOK]
    team = []
    for pid, n, _at in published:  # the versions of the key, read on a miss only
        data = PlaybookVersion.objects.filter(playbook__pid=pid, number=n).values_list("data", flat=True).first()
        if data is not None:
            team.append(custom_playbook(pid, n, data))
    return merge([get_playbook(p) for p in shipped] + team)


def workspace_stages() -> Stages:
    """Every stage of the playbooks in use, in order (for filters, columns, totals, exports)."""
    return _stages_of(_published())


def choices_for(playbook: str) -> list[tuple[str, str]]:
    """The stages a deal on this playbook may be in, in its order and the active language."""
    pb = known_playbook(playbook)
    if pb is None:
        return []
    return [(s.id, _name(pb, s.id).get(_lang())) for s in pb.stages]


def name_in(playbook: str, sid: str) -> str:
    """What a deal's stage is called by the deal's own playbook; else by the workspace list."""
    pb = known_playbook(playbook)
    if pb is not None and pb.stage(sid) is not None:
        return _name(pb, sid).get(_lang())
    return workspace_stages().label(sid)
