"""Edit forms of the workspace: one per block, each validating against the deal it edits.

Stakeholder pickers take their choices from the deal's own (already prefetched) stakeholders,
so a stakeholder id from another deal is an invalid choice (a form error), never a lookup.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dealpilot.accounts.models import display_name
from dealpilot.deals import models as m
from dealpilot.deals.stages import choices_for
from dealpilot.engine import limits
from dealpilot.engine.reporting import reporting_loop

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The deal document's rules (dealpilot.engine.limits), so a form never saves what an upload refuses.
_MONEY = {"max_digits": 18, "decimal_places": 2, "min_value": limits.MONEY_MIN, "max_value": limits.MONEY_MAX}
_TEXT = forms.Textarea(attrs={"rows": 2})


# The models' stakeholder references carry no label of their own.
_OWNER_LABELS = {"owner": _("owner")}


class PersonField(forms.ChoiceField):
    """One of the deal's stakeholders (or nobody), cleaned to the DealStakeholder itself."""

    def __init__(self, people: list[m.DealStakeholder], **kw: Any) -> None:
        self.people = {str(p.pk): p for p in people}
        kw.setdefault("required", False)
        choices = [("", "—")] + [(str(p.pk), p.contact.name) for p in people]
        super().__init__(choices=choices, **kw)

    def clean(self, value: Any) -> m.DealStakeholder | None:  # type: ignore[override]
        key = super().clean(value)
        return self.people[key] if key else None


class PeopleField(forms.MultipleChoiceField):
    """Several of the deal's stakeholders."""

    def __init__(self, people: list[m.DealStakeholder], **kw: Any) -> None:
        self.people = {str(p.pk): p for p in people}
        kw.setdefault("required", False)
        kw.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(choices=[(str(p.pk), p.contact.name) for p in people], **kw)

    def clean(self, value: Any) -> list[m.DealStakeholder]:  # type: ignore[override]
        return [self.people[k] for k in super().clean(value)]


class DealForm(forms.ModelForm):
    """A ModelForm whose stakeholder fields pick among the deal's people."""

    person_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, people: list[m.DealStakeholder], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:  # text columns
                field.max_length = limits.TEXT_MAX
                field.validators.append(MaxLengthValidator(limits.TEXT_MAX))
        for name in self.person_fields:
            label = (self._meta.labels or {}).get(name) or _OWNER_LABELS.get(name)
            self.fields[name] = PersonField(people, label=label or self._meta.model._meta.get_field(name).verbose_name)
            current = getattr(self.instance, f"{name}_id", None)
            if current is not None and not self.is_bound:
                self.initial[name] = str(current)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Blank text in a nullable column is stored as "not known" (None), as the document has it.
        for name, value in data.items():
            if isinstance(value, str):
                value = data[name] = value.strip()
            if value == "" and name in self._meta.fields and self._meta.model._meta.get_field(name).null:
                data[name] = None
        return data


class DecisionStepForm(DealForm):
    person_fields = ("owner",)

    class Meta:
        model = m.DecisionStep
        fields = ["name", "owner", "status", "due"]
        widgets = {"name": forms.TextInput, "due": _DATE}


class CompetitorForm(DealForm):
    class Meta:
        model = m.Competitor
        fields = ["name", "position", "strengths", "our_differentiation"]
        widgets = {"name": forms.TextInput, "strengths": _TEXT, "our_differentiation": _TEXT}


class MilestoneForm(DealForm):
    class Meta:
        model = m.Milestone
        fields = ["name", "date", "status"]
        widgets = {"name": forms.TextInput, "date": _DATE}


class PainForm(DealForm):
    person_fields = ("owner", "confirmed_with")

    class Meta:
        model = m.Pain
        fields = ["text", "category", "owner", "confirmed_with", "confirmed_on", "impact"]
        labels = {"owner": _("owner of the pain"), "confirmed_with": _("confirmed with")}
        widgets = {"text": _TEXT, "impact": _TEXT, "confirmed_on": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("confirmed_on") and not data.get("confirmed_with"):
            self.add_error("confirmed_with", _("Say whom the pain was confirmed with on that date."))
        return data


class ValueItemForm(DealForm):
    person_fields = ("for_stakeholder",)

    class Meta:
        model = m.ValueItem
        fields = ["for_stakeholder", "metric", "amount", "period", "agreed"]
        labels = {"for_stakeholder": _("for")}
        widgets = {"metric": forms.TextInput, "period": forms.TextInput}

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["amount"] = forms.DecimalField(label=_("amount"), required=False, **_MONEY)


class PlanStepForm(DealForm):
    person_fields = ("owner",)

    class Meta:
        model = m.PlanStep
        fields = ["step", "owner", "due", "status"]
        widgets = {"step": forms.TextInput, "due": _DATE}


class ObjectionForm(DealForm):
    person_fields = ("raised_by",)

    class Meta:
        model = m.Objection
        fields = ["text", "raised_by", "status"]
        labels = {"raised_by": _("raised by")}
        widgets = {"text": _TEXT}


class BudgetForm(DealForm):
    person_fields = ("budget_applicant", "budget_approver")

    class Meta:
        model = m.Opportunity
        fields = ["budget_status", "budget_amount", "budget_applicant", "budget_approver", "budget_deadline"]
        labels = {"budget_applicant": _("who applies for it"), "budget_approver": _("who approves it")}
        widgets = {"budget_deadline": _DATE}

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["budget_amount"] = forms.DecimalField(label=_("budget amount"), required=False, **_MONEY)


class EventForm(DealForm):
    class Meta:
        model = m.Opportunity
        fields = ["compelling_event", "compelling_event_date"]
        widgets = {"compelling_event": _TEXT, "compelling_event_date": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("compelling_event_date") and not (data.get("compelling_event") or "").strip():
            self.add_error("compelling_event", _("Describe the event that forces the date."))
        return data


class HeaderForm(DealForm):
    """Name, amount, currency, stage, close date and owner of the opportunity."""

    class Meta:
        model = m.Opportunity
        fields = ["name", "amount", "currency", "stage", "close_date", "owner"]
        widgets = {"close_date": _DATE}

    def __init__(self, *args: Any, owners: Any = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["amount"] = forms.DecimalField(label=_("amount"), required=False, **_MONEY)
        self.fields["currency"] = forms.RegexField(
            label=_("currency"), regex=r"^[A-Za-z]{3}$",
            error_messages={"invalid": _("Use a three-letter code such as CNY or USD.")})
        self.fields["owner"].queryset = owners if owners is not None else get_user_model().objects.none()
        self.fields["owner"].label_from_instance = display_name
        # The stages of the deal's own playbook; a stage it no longer has stays choosable for this
        # deal only, so the header of a deal left in it still saves.
        choices = choices_for(self.instance.playbook)
        if self.instance.stage not in [c[0] for c in choices]:
            choices.append((self.instance.stage, self.instance.stage_name()))
        self.fields["stage"] = forms.ChoiceField(label=_("stage"), choices=choices)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("A deal needs a name."))
        return name

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].upper()


class AnswerForm(forms.Form):
    """One checklist criterion: status, evidence, its source (a stakeholder), the date."""

    status = forms.ChoiceField(label=_("status"), choices=m.AnswerStatus.choices)
    evidence = forms.CharField(label=_("evidence"), required=False, max_length=limits.TEXT_MAX, widget=_TEXT)
    source = forms.ChoiceField(label=_("source"), required=False)
    date = forms.DateField(label=_("date"), required=False, widget=_DATE)

    def __init__(self, *args: Any, people: list[m.DealStakeholder], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["source"] = PersonField(people, label=_("source"))

    def clean_evidence(self) -> str | None:
        return self.cleaned_data["evidence"].strip() or None


class StakeholderForm(forms.Form):
    """A person on the deal: the contact's name and their place in this deal."""

    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=limits.NAME_MAX)
    title = forms.CharField(label=_("title"), required=False, max_length=limits.TITLE_MAX)
    reports_to = forms.ChoiceField(label=_("reports to"), required=False)
    roles = forms.MultipleChoiceField(label=_("roles"), required=False, widget=forms.CheckboxSelectMultiple)
    influence = forms.ChoiceField(label=_("influence"), choices=m.Influence.choices, initial=m.Influence.MEDIUM)
    attitude = forms.ChoiceField(label=_("attitude"), choices=m.Attitude.choices, initial=m.Attitude.UNKNOWN)
    access = forms.ChoiceField(label=_("access"), choices=m.Access.choices, initial=m.Access.NONE)
    last_contact = forms.DateField(label=_("last contact"), required=False, widget=_DATE)

    def __init__(self, *args: Any, people: list[m.DealStakeholder], roles: list[tuple[str, str]],
                 editing: m.DealStakeholder | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        others = [p for p in people if editing is None or p.pk != editing.pk]
        self.editing = editing
        self.everyone = {p.pk: p for p in people}
        self.fields["reports_to"] = PersonField(others, label=_("reports to"))
        self.fields["roles"].choices = roles
        self.fields["knows"] = PeopleField(others, label=_("knows"))
        self.fields["works_closely"] = PeopleField(others, label=_("works closely with"))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("A stakeholder needs a name."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        boss = data.get("reports_to")
        if self.editing is not None and boss is not None:
            # The document's rule: a reporting line has a top (a new person cannot close a loop).
            bosses = {pk: p.reports_to_id for pk, p in self.everyone.items()}
            bosses[self.editing.pk] = boss.pk
            if reporting_loop(bosses) is not None:
                self.add_error("reports_to", _("This would make a reporting loop."))
        return data


def stakeholder_initial(person: m.DealStakeholder, people: list[m.DealStakeholder]) -> dict[str, Any]:
    """The edit form's starting values; relationships point at document keys, the form at ids."""
    pk_of = {p.key: str(p.pk) for p in people}
    related: dict[str, list[str]] = {"knows": [], "works_closely": []}
    for rel in person.relationships:
        target = pk_of.get(rel.get("with"))
        if target and rel.get("kind", "knows") in related:
            related[rel.get("kind", "knows")].append(target)
    return {
        "name": person.contact.name, "title": person.title,
        "reports_to": str(person.reports_to_id) if person.reports_to_id else "",
        "roles": list(person.roles), "influence": person.influence, "attitude": person.attitude,
        "access": person.access, "last_contact": person.last_contact, **related,
    }
