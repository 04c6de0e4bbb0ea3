"""Copying, validating, saving and publishing team playbooks."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import ngettext

from dealpilot.engine.errors import PlaybookError, Problem
from dealpilot.engine.playbook import (
    Playbook,
    get_playbook,
    is_shipped,
    list_playbooks,
    parse_playbook,
)
from dealpilot.playbooks.models import PlaybookVersion, TeamPlaybook


def published(pid: str) -> tuple[int, Any] | None:
    """The playbook source the engine asks for ids it does not ship: the latest published version."""
    row = (PlaybookVersion.objects.filter(playbook__pid=pid).order_by("-number")
           .values_list("number", "data").first())
    return None if row is None else (row[0], row[1])


def usable_ids() -> list[str]:
    """The playbooks a deal can be put on: the shipped ones and every team playbook with a
    published version (a draft is not one yet)."""
    team = (TeamPlaybook.objects.filter(versions__isnull=False).distinct().order_by("pid")
            .values_list("pid", flat=True))
    return list_playbooks() + list(team)


def known_ids() -> list[str]:
    return list_playbooks() + list(TeamPlaybook.objects.values_list("pid", flat=True))


def source_data(ref: str) -> dict[str, Any]:
    """The document of a shipped playbook or of a team playbook's draft, as plain data."""
    if is_shipped(ref):
        return get_playbook(ref).model_dump(mode="json", exclude_none=True)
    team = TeamPlaybook.objects.filter(pid=ref).first()
    if team is None:
        raise PlaybookError([Problem("based_on", f"unknown playbook {ref!r}")])
    return copy.deepcopy(team.draft)


def validate(data: Any, pid: str) -> Playbook:
    """Parse a draft; its id must be the team playbook's own (a shipped id is read-only)."""
    pb = parse_playbook(data, pid)
    if pb.id != pid:
        raise PlaybookError([Problem("id", f"the id must stay {pid!r}")], pid)
    return pb


def check_new_id(pid: str) -> None:
    if is_shipped(pid) or TeamPlaybook.objects.filter(pid=pid).exists():
        raise PlaybookError([Problem("id", f"a playbook {pid!r} already exists")])


def create_draft(pid: str, data: dict[str, Any], based_on: str, user: Any) -> TeamPlaybook:
    check_new_id(pid)
    data = dict(data, id=pid)
    validate(data, pid)
    return TeamPlaybook.objects.create(pid=pid, based_on=based_on, draft=data, created_by=user)


def copy_playbook(ref: str, pid: str, user: Any) -> TeamPlaybook:
    return create_draft(pid, source_data(ref), ref, user)


def save_draft(team: TeamPlaybook, data: Any) -> Playbook:
    """Validate and store; an invalid draft raises PlaybookError and nothing is saved."""
    pb = validate(data, team.pid)
    TeamPlaybook.objects.filter(pk=team.pk).update(draft=data, updated_at=timezone.now())
    team.draft = data
    return pb


def current(team: TeamPlaybook) -> Playbook:
    """What deals on this playbook are assessed with now: its latest version, else its origin."""
    found = published(team.pid)
    return get_playbook(team.pid) if found is not None else get_playbook(team.based_on)


def stranded(team: TeamPlaybook, pb: Playbook, adopt: bool) -> list[Problem]:
    """Open deals this publication applies to that sit in a stage the new version does not have:
    publishing would leave them in a stage their playbook does not know, so it is refused."""
    from dealpilot.playbooks.effects import affected

    rows = (affected(team, adopt).exclude(stage__in=pb.stage_ids()).order_by("stage")
            .values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [Problem("stages", ngettext(
        "%(n)s open deal is in stage '%(stage)s', which this version does not have; move it to another "
        "stage or keep the stage.",
        "%(n)s open deals are in stage '%(stage)s', which this version does not have; move them to another "
        "stage or keep the stage.", n) % {"n": n, "stage": sid}) for sid, n in rows]


@transaction.atomic
def publish(team: TeamPlaybook, user: Any, adopt: bool = False) -> PlaybookVersion:
    """A new version of the draft; refused (PlaybookError, nothing written) while open deals it
    applies to (`adopt`: also those on its origin) sit in a stage the draft removes."""
    pb = validate(team.draft, team.pid)
    TeamPlaybook.objects.select_for_update().filter(pk=team.pk).first()
    problems = stranded(team, pb, adopt)
    if problems:
        raise PlaybookError(problems, team.pid)
    last = team.versions.aggregate(n=Max("number"))["n"] or 0
    return PlaybookVersion.objects.create(playbook=team, number=last + 1, data=copy.deepcopy(team.draft),
                                          published_by=user)


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def from_yaml(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PlaybookError([Problem("(file)", f"not valid YAML: {exc}")]) from None
