from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from dealpilot.pipeline.models import SavedView


class SavedViewForm(forms.ModelForm):
    class Meta:
        model = SavedView
        fields = ["name", "query", "shared_with_team"]

    def __init__(self, *args: Any, owner: Any, may_share: bool, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.owner = owner
        if not may_share:
            del self.fields["shared_with_team"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("A saved view needs a name."))
        if SavedView.objects.filter(owner=self.owner, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("You already have a view with this name."))
        return name

    def clean_query(self) -> str:
        # Stored re-encoded: whatever was posted, opening the view redirects to a well-formed URL.
        return QueryDict(self.cleaned_data["query"].lstrip("?")).urlencode()
