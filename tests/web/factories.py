"""Plain factories: every argument has a sensible default (`kw.setdefault`)."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.models import User

from dealpilot.accounts.models import Profile, Role, Team
from dealpilot.deals.models import Account, Contact, DealStakeholder, Opportunity

_seq = itertools.count(1)


def make_team(name: str | None = None) -> Team:
    return Team.objects.create(name=name or f"Team {next(_seq)}")


def make_user(username: str | None = None, *, team: Team | None = None, role: str = Role.REP,
              password: str = "s3cret-pass-word", language: str = "") -> User:
    user = User.objects.create_user(username=username or f"user{next(_seq)}", password=password,
                                    is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    Profile.objects.create(user=user, team=team, role=role, language=language)
    return user


def make_account(**kw: Any) -> Account:
    kw.setdefault("name", f"测试客户 {next(_seq)} 有限公司")
    return Account.objects.create(**kw)


def make_deal(**kw: Any) -> Opportunity:
    if "owner" not in kw:
        kw["owner"] = make_user()
    if "account" not in kw:
        kw["account"] = make_account()
    kw.setdefault("name", f"商机 {next(_seq)}")
    kw.setdefault("amount", 1_200_000)
    kw.setdefault("stage", "develop")
    if "team" not in kw:
        kw["team"] = kw["owner"].profile.team
    shared = kw.pop("shared_with", [])
    deal = Opportunity.objects.create(**kw)
    deal.shared_with.set(shared)
    return deal


def make_stakeholder(deal: Opportunity, **kw: Any) -> DealStakeholder:
    name = kw.pop("name", f"联系人{next(_seq)}")
    contact = kw.pop("contact", None) or Contact.objects.get_or_create(account=deal.account, name=name)[0]
    kw.setdefault("key", f"s{next(_seq)}")
    return DealStakeholder.objects.create(opportunity=deal, contact=contact, **kw)
