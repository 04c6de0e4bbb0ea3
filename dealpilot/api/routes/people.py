"""Users and teams: you see yourself, your team and its members (admins: everyone); admins
create and rename teams and change a user's name, role, team and whether they may sign in."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Router, Status

from dealpilot.accounts.access import (
    get_team_for_user,
    get_user_for_user,
    visible_teams,
    visible_users,
)
from dealpilot.accounts.models import Profile, Role, Team, display_name, profile_of, role_of
from dealpilot.api.admins import require_admin
from dealpilot.api.errors import problems_response
from dealpilot.api.routes.deals import READ, WRITE
from dealpilot.api.schemas import TeamIn, TeamOut, UserOut, UserPatch
from dealpilot.engine.errors import Problem

router = Router()


def _user(user: Any) -> dict[str, Any]:
    profile = profile_of(user)
    return {"id": user.pk, "username": user.get_username(), "name": display_name(user),
            "first_name": user.first_name, "last_name": user.last_name, "role": role_of(user),
            "team_id": profile.team_id if profile else None, "is_active": user.is_active}


@router.get("/users", response={200: list[UserOut], **READ}, summary="List users")
def list_users(request: HttpRequest) -> list[dict[str, Any]]:
    return [_user(u) for u in visible_users(request.user).order_by("pk")]


@router.get("/users/{user_id}", response={200: UserOut, **READ}, summary="Get a user")
def get_user(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return _user(get_user_for_user(request, user_id))


@router.patch("/users/{user_id}", response={200: UserOut, **WRITE}, summary="Change a user (admins)")
def patch_user(request: HttpRequest, user_id: int, payload: UserPatch) -> Any:
    user = get_user_for_user(request, user_id)
    require_admin(request, "change users")
    problems = []
    if payload.role is not None and payload.role not in Role.values:
        problems.append(Problem("body.role", f"{payload.role!r} is not one of {', '.join(Role.values)}"))
    team = None
    if payload.team_id:
        team = Team.objects.filter(pk=payload.team_id).first() if 0 < payload.team_id < 2**63 else None
        if team is None:
            problems.append(Problem("body.team_id", "no such team"))
    if payload.is_active is False and user.pk == request.user.pk:
        problems.append(Problem("body.is_active", "you cannot lock yourself out"))
    if problems:
        return problems_response(problems)
    with transaction.atomic():
        for name in ("first_name", "last_name", "is_active"):
            if getattr(payload, name) is not None:
                setattr(user, name, getattr(payload, name))
        user.save()
        profile = Profile.objects.get_or_create(user=user)[0]
        if payload.role is not None:
            profile.role = payload.role
        if payload.team_id is not None:
            profile.team = team
        profile.save()
    user = get_user_for_user(request, user_id)
    return _user(user)


@router.get("/teams", response={200: list[TeamOut], **READ}, summary="List teams")
def list_teams(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"id": t.pk, "name": t.name} for t in visible_teams(request.user).order_by("pk")]


@router.get("/teams/{team_id}", response={200: TeamOut, **READ}, summary="Get a team")
def get_team(request: HttpRequest, team_id: int) -> dict[str, Any]:
    team = get_team_for_user(request, team_id)
    return {"id": team.pk, "name": team.name}


@router.post("/teams", response={201: TeamOut, **WRITE}, summary="Create a team (admins)")
def create_team(request: HttpRequest, payload: TeamIn) -> Any:
    require_admin(request, "create teams")
    name = payload.name.strip()
    if not name:
        return problems_response([Problem("body.name", "may not be blank")])
    try:
        with transaction.atomic():
            team = Team.objects.create(name=name)
    except IntegrityError:
        return problems_response([Problem("body.name", "another team already has this name")])
    return Status(201, {"id": team.pk, "name": team.name})


@router.patch("/teams/{team_id}", response={200: TeamOut, **WRITE}, summary="Rename a team (admins)")
def patch_team(request: HttpRequest, team_id: int, payload: TeamIn) -> Any:
    team = get_team_for_user(request, team_id)
    require_admin(request, "rename teams")
    name = payload.name.strip()
    if not name:
        return problems_response([Problem("body.name", "may not be blank")])
    team.name = name
    try:
        with transaction.atomic():
            team.save(update_fields=["name"])
    except IntegrityError:
        return problems_response([Problem("body.name", "another team already has this name")])
    return {"id": team.pk, "name": team.name}
