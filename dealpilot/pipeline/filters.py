"""The pipeline's filters as a form read from the query string, and the queryset they select.

Every page of the pipeline (table, board, totals, exports) reads the same query string through
`PipelineFilters`, so a bookmarked or shared link shows the same deals everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.models import Team, display_name
from dealpilot.deals.models import Opportunity
from dealpilot.deals.search_keys import normalise_query
from dealpilot.deals.stages import Stages, workspace_stages
from dealpilot.engine.summary import SCORE_BANDS
from dealpilot.forecast.filters import call_condition, evidence_condition
from dealpilot.forecast.models import CALL_CHOICES
from dealpilot.pipeline.choices import owner_options, team_options
from dealpilot.pipeline.labels import BAND_NAMES, FLAG_NAMES, PERIOD_NAMES, STATUS_NAMES
from dealpilot.pipeline.periods import period
from dealpilot.pipeline.sorting import SORTS

_BLANK = [("", "—")]
_DATE = forms.DateInput(attrs={"type": "date"})


class PipelineFilters(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=list(STATUS_NAMES.items()))
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=_BLANK)  # the workspace's, see __init__
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=get_user_model().objects.none())
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none())
    period = forms.ChoiceField(label=_("Close period"), required=False, choices=_BLANK + list(PERIOD_NAMES.items()))
    close_from = forms.DateField(label=_("Close from"), required=False, widget=_DATE)
    close_to = forms.DateField(label=_("Close to"), required=False, widget=_DATE)
    amount_min = forms.DecimalField(label=_("Amount from"), required=False, min_value=0, max_digits=18,
                                    decimal_places=2)
    amount_max = forms.DecimalField(label=_("Amount to"), required=False, min_value=0, max_digits=18,
                                    decimal_places=2)
    band = forms.ChoiceField(label=_("Score band"), required=False, choices=_BLANK + list(BAND_NAMES.items()))
    flag = forms.ChoiceField(label=_("Red flag"), required=False,
                             choices=_BLANK + [("any", _("Any flag"))] + list(FLAG_NAMES.items()))
    stale = forms.IntegerField(label=_("No change for (days)"), required=False, min_value=1, max_value=3650)
    call = forms.ChoiceField(label=_("Rep's call"), required=False, choices=_BLANK + CALL_CHOICES)
    evidence = forms.ChoiceField(label=_("Evidence category"), required=False, choices=_BLANK + CALL_CHOICES[:3])
    sort = forms.ChoiceField(label=_("Sort order"), required=False, choices=[(k, k) for k in SORTS])
    page = forms.IntegerField(label=_("Page number"), required=False, min_value=1, max_value=10**7)

    def __init__(self, data: Any, *, user: Any, options: bool = True, stages: Stages | None = None,
                 **kw: Any) -> None:
        """`options=False`: the form is only validated, never shown (the API), so the owner and
        team choices are built only for a filter the query names — building both costs more
        than the rest of reading a page of 100 deals."""
        super().__init__(data, **kw)
        # Only people and teams the user can see deals of: the choices themselves must not leak.
        given = data or {}
        if options or given.get("owner"):
            self.fields["owner"].queryset = owner_options(user)
        self.fields["owner"].label_from_instance = display_name
        if options or given.get("team"):
            self.fields["team"].queryset = team_options(user)
        self._stages = stages
        if options or given.get("stage"):
            self.fields["stage"].choices = _BLANK + self.stages.choices()

    @property
    def stages(self) -> Stages:
        """The workspace's stages, read once per request (see dealpilot.deals.stages)."""
        if self._stages is None:
            self._stages = workspace_stages()
        return self._stages

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period") == "custom" and not (data.get("close_from") or data.get("close_to")):
            raise forms.ValidationError(_("A custom close period needs a start or an end date."))
        for low, high, message in (("close_from", "close_to", _("The close range ends before it starts.")),
                                   ("amount_min", "amount_max", _("The amount range ends below its start."))):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                raise forms.ValidationError(message)
        return data


def apply(deals: QuerySet[Opportunity], data: dict[str, Any], today: dt.date | None = None) -> QuerySet[Opportunity]:
    """The deals among `deals` that match the cleaned filters."""
    today = today or timezone.localdate()
    status = data.get("status") or "open"
    if status == "open":
        deals = deals.open()
    elif status in ("won", "lost"):
        deals = deals.filter(stage=status)
    if data.get("stage"):
        deals = deals.filter(stage=data["stage"])
    if data.get("owner"):
        deals = deals.filter(owner=data["owner"])
    if data.get("team"):
        deals = deals.filter(team=data["team"])
    start, end = _close_range(data, today)
    if start:
        deals = deals.filter(close_date__gte=start)
    if end:
        deals = deals.filter(close_date__lte=end)
    if data.get("amount_min") is not None:
        deals = deals.filter(amount__gte=data["amount_min"])
    if data.get("amount_max") is not None:
        deals = deals.filter(amount__lte=data["amount_max"])
    if data.get("band"):
        low, high = SCORE_BANDS[data["band"]]
        deals = deals.filter(score__gte=low, score__lt=high)
    if data.get("flag") == "any":
        deals = deals.filter(flag_count__gt=0)
    elif data.get("flag"):
        deals = deals.filter(flag_ids__contains=f" {data['flag']} ")
    if data.get("stale"):
        deals = deals.filter(updated_at__lt=timezone.now() - dt.timedelta(days=data["stale"]))
    if data.get("call"):
        deals = deals.filter(call_condition(data["call"]))
    if data.get("evidence"):
        deals = deals.filter(evidence_condition(data["evidence"]))
    q = normalise_query(data.get("q") or "")
    if q:
        deals = deals.filter(Q(search_keys__contains=q) | Q(search_keys__contains=q.replace(" ", "")))
    return deals


def _close_range(data: dict[str, Any], today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    name = data.get("period")
    if name and name != "custom":
        return period(name, today)
    if name == "custom" or data.get("close_from") or data.get("close_to"):
        return data.get("close_from"), data.get("close_to")
    return None, None
