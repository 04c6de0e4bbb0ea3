"""Forms of the deals pages: a new deal, a document upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dealpilot.deals.stages import choices_for
from dealpilot.engine import limits
from dealpilot.engine.playbook import DEFAULT_PLAYBOOK, known_playbook
from dealpilot.review.labels import lang_of


class NewDealForm(forms.Form):
    account = forms.CharField(label=_("Account"), max_length=limits.NAME_MAX)
    name = forms.CharField(label=_("Deal name"), max_length=limits.NAME_MAX)
    # The deal document's rules (dealpilot.engine.limits): the form and an upload accept the same.
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2, min_value=limits.MONEY_MIN,
                                max_value=limits.MONEY_MAX, required=False)
    currency = forms.RegexField(label=_("Currency"), regex=r"^[A-Za-z]{3}$", initial="CNY",
                                error_messages={"invalid": _("Use a three-letter code such as CNY or USD.")})
    playbook = forms.ChoiceField(label=_("Playbook"), required=False)  # none chosen: the default
    stage = forms.ChoiceField(label=_("Stage"))  # the chosen playbook's stages
    close_date = forms.DateField(label=_("Close date"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dealpilot.playbooks.store import usable_ids

        usable = usable_ids()
        playbook = self.fields["playbook"]
        playbook.choices = [(pid, _playbook_name(pid)) for pid in usable]  # type: ignore[attr-defined]
        playbook.initial = DEFAULT_PLAYBOOK
        playbook.widget.attrs.update({"hx-get": reverse("deal_new"), "hx-target": "#deal-new-form",
                                      "hx-select": "#deal-new-form", "hx-swap": "outerHTML",
                                      "hx-include": "#deal-new-form"})
        # The stages offered are the chosen playbook's (the form is drawn again when it changes).
        chosen = (self.data.get("playbook") if self.is_bound else self.initial.get("playbook")) or DEFAULT_PLAYBOOK
        stage = self.fields["stage"]
        stage.choices = choices_for(chosen if chosen in usable else DEFAULT_PLAYBOOK)  # type: ignore[attr-defined]
        stage.initial = stage.choices[0][0]  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_playbook(self) -> str:
        return self.cleaned_data["playbook"] or DEFAULT_PLAYBOOK

    def clean_account(self) -> str:
        return self.cleaned_data["account"].strip()

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


def _playbook_name(pid: str) -> str:
    pb = known_playbook(pid)
    lang = lang_of(get_language())
    name = pb.name.get(lang) if pb is not None else pid
    return f"{name} ({pid})" if lang == "en" else f"{name}（{pid}）"


class UploadForm(forms.Form):
    document = forms.FileField(label=_("Deal document (YAML or JSON)"))

    def clean_document(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["document"]
        limit = settings.DOCUMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s KB; documents may be at most %(limit)s KB.")
                % {"size": upload.size // 1024, "limit": limit // 1024})
        return upload
