"""The team's average qualification by dimension over the last 12 weeks, from the assessment
snapshots (dealpilot.review), for the manager's home page chart.

A snapshot is stored only when a deal's verdict moves, so the team's state at the end of a week
is, for each deal, its latest snapshot taken before then. One query: each snapshot row knows
when the next one of its deal was taken (a window function, LEAD over the deal's snapshots by
number: one sort, where a correlated subquery per row took 63 s for 100,000 deals as admin);
the row counts for every week end it stands at, and the averages per week and dimension are
conditional aggregates of the dimension scores read out of the JSON column once per row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Q, QuerySet, Window
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Lead
from django.utils import timezone
from django.utils.translation import gettext as _

from dealpilot.deals.models import Opportunity
from dealpilot.engine.playbook import PlaybookError, get_playbook
from dealpilot.review.models import AssessmentSnapshot

WEEKS = 12


def week_ends(today: dt.date, weeks: int = WEEKS) -> list[dt.date]:
    """The last day of each of the last `weeks` weeks, today's week last (a week ends today)."""
    return [today - dt.timedelta(days=7 * (weeks - 1 - n)) for n in range(weeks)]


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=timezone.get_current_timezone())


def dimensions(deals: QuerySet[Opportunity], lang: str) -> list[tuple[str, str]]:
    """(id, name) of the dimensions of the playbooks the deals use, in playbook order."""
    out: dict[str, str] = {}
    for pid in sorted(deals.order_by().values_list("playbook", flat=True).distinct()):
        try:
            playbook = get_playbook(pid)
        except PlaybookError:
            continue  # a deal on a playbook that is gone: its snapshots still count in the overall line
        for d in playbook.dimensions:
            out.setdefault(d.id, d.name.get(lang))
    return list(out.items())


def score_history(deals: QuerySet[Opportunity], today: dt.date, lang: str) -> dict[str, Any]:
    """{"weeks": [iso dates], "deals": [deals counted each week], "series": [{id, name, values}]}:
    the overall score first, then each dimension; a week without any snapshot is null."""
    ends = week_ends(today)
    dims = dimensions(deals, lang)
    # Each row's values are read out of the JSON once (annotations of the inner query the
    # aggregates over a window are computed around), not once per week.
    values = {"score": Cast("score", FloatField())}
    values.update({f"d_{did}": Cast(KT(f"dimensions__{did}"), FloatField()) for did, _name in dims})
    next_taken = Window(Lead("taken_at"), partition_by=[F("opportunity_id")], order_by=F("seq").asc())
    rows = (AssessmentSnapshot.objects.filter(opportunity__in=deals.order_by().values("pk"))
            .annotate(superseded_at=next_taken, **{f"v_{key}": value for key, value in values.items()}))
    aggregates: dict[str, Any] = {}
    for n, end in enumerate(ends):
        at = _end_of(end)
        stands = Q(taken_at__lt=at) & (Q(superseded_at__isnull=True) | Q(superseded_at__gte=at))
        aggregates[f"n_{n}"] = Count("pk", filter=stands)
        for key in values:
            aggregates[f"{key}_{n}"] = Avg(f"v_{key}", filter=stands)
    result = rows.aggregate(**aggregates)

    def line(key: str) -> list[float | None]:
        return [None if result[f"{key}_{n}"] is None else round(result[f"{key}_{n}"], 1) for n in range(len(ends))]

    series = [{"id": "score", "name": _("Overall score"), "values": line("score")}]
    series += [{"id": did, "name": name, "values": line(f"d_{did}")} for did, name in dims]
    return {"weeks": [e.isoformat() for e in ends], "deals": [result[f"n_{n}"] for n in range(len(ends))],
            "series": series}
