"""Setting deals up for the home page's blocks, and reading one block of the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dealpilot.deals.models import Milestone, Opportunity, Pain, PlanStep

DEAL_NAMES = ("恒锐精密 排产系统", "苏州 仓储改造", "广州 秘密项目", "深圳 共享项目", "已赢 项目")


def in_every_block(deal: Opportunity, *, step_in: int = 2, pain_age: int = 40, quiet_for: int = 30) -> Opportunity:
    """A plan step due in `step_in` days, a pain confirmed `pain_age` days ago, no change for
    `quiet_for` days: the deal belongs in each block of a rep's week."""
    today = timezone.localdate()
    PlanStep.objects.create(opportunity=deal, step="联合评估工作坊", due=today + dt.timedelta(days=step_in))
    Pain.objects.create(opportunity=deal, text="排产靠手工", category="save_money",
                        confirmed_on=today - dt.timedelta(days=pain_age))
    Opportunity.objects.filter(pk=deal.pk).update(updated_at=timezone.now() - dt.timedelta(days=quiet_for))
    return deal


def with_meeting(deal: Opportunity, days: int, status: str = "pending") -> Milestone:
    return Milestone.objects.create(opportunity=deal, name="方案演示", status=status,
                                    date=timezone.localdate() + dt.timedelta(days=days))


def block(response: Any, section_id: str) -> str:
    """The HTML of the page's <section id=section_id>."""
    text = response.content.decode()
    start = text.index(f'id="{section_id}"')
    return text[start:text.index("</section>", start)]


def names_in(html: str) -> set[str]:
    return {n for n in DEAL_NAMES if n in html}
