from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dealpilot.audit.actions import choices


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    target = forms.CharField(label=_("Target"), required=False, max_length=300)
    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *choices()]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> dict[str, object]:
        d = self.cleaned_data
        return {"action": d.get("action") or "", "username": d.get("user") or "", "target": d.get("target") or "",
                "since": d.get("since"), "until": d.get("until")}
