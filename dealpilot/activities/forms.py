"""The activity form (log a visit, call, …) and the form that edits a proposal before saving it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealpilot.activities.models import ActivityKind
from dealpilot.deals import models as m
from dealpilot.engine import limits
from dealpilot.workspace.forms import PeopleField, PersonField

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_NAMES = re.compile(r"[,，、;；]")
MAX_OURS = 20


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices, initial=ActivityKind.VISIT)
    date = forms.DateField(label=_("date"), widget=_DATE)
    ours = forms.CharField(label=_("our people"), required=False, max_length=2000,
                           help_text=_("Names separated by commas."))
    note = forms.CharField(label=_("note"), required=False, max_length=limits.NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Paste the visit notes as written, in Chinese or English: proposals are "
                                       "worked out on this server, nothing is sent anywhere."))
    next_step = forms.CharField(label=_("next step"), required=False, max_length=limits.TEXT_MAX,
                                widget=forms.Textarea(attrs={"rows": 2}))
    next_step_due = forms.DateField(label=_("next step due"), required=False, widget=_DATE)
    plan_step = forms.BooleanField(label=_("Add the next step to the mutual plan"), required=False)

    def __init__(self, *args: Any, people: list[m.DealStakeholder], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["stakeholders"] = PeopleField(people, label=_("their people"))
        self.order_fields(["kind", "date", "stakeholders", "ours", "note", "next_step", "next_step_due", "plan_step"])

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("An activity is logged after it happens: pick today or an earlier day."))
        return day

    def clean_ours(self) -> list[str]:
        names = [n.strip() for n in _NAMES.split(self.cleaned_data.get("ours") or "") if n.strip()]
        if len(names) > MAX_OURS:
            raise forms.ValidationError(_("At most %(n)s names.") % {"n": MAX_OURS})
        if any(len(n) > limits.NAME_MAX for n in names):
            raise forms.ValidationError(_("A name may have at most %(n)s characters.") % {"n": limits.NAME_MAX})
        return list(dict.fromkeys(names))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("plan_step") and not data.get("next_step"):
            self.add_error("next_step", _("Write the next step to add it to the mutual plan."))
        return data


STATUS_CHOICES = [("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))]


class ProposalForm(forms.Form):
    """A proposal as the rep corrects it: another criterion, status, wording, source or date."""

    criterion = forms.ChoiceField(label=_("criterion"))
    status = forms.ChoiceField(label=_("status"), choices=STATUS_CHOICES)
    evidence = forms.CharField(label=_("evidence"), max_length=limits.TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(label=_("date"), widget=_DATE)

    def __init__(self, *args: Any, people: list[m.DealStakeholder], criteria: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["criterion"].choices = criteria
        self.fields["source"] = PersonField(people, label=_("source"))
        self.order_fields(["criterion", "status", "evidence", "source", "date"])
