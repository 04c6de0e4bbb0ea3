"""The mapping form of the wizard: a heading or a constant per field, value tables as lines
(`张伟 = zhangwei`), mode, unit, all or nothing; the upload form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dealpilot.imports.mapping import FIELDS, MODES, TABLE_FIELDS, Mapping

MAX_UPLOAD = 50 * 1024 * 1024
SHOWN_TABLES = ("stage", "owner", "currency", "team", "budget_status", "contact_role")


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or Excel file"))
    saved = forms.TypedChoiceField(label=gettext_lazy("Mapping"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, saved: list[tuple[int, str]] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["saved"].choices = [("", _("Match the columns by their names"))] + list(saved or [])

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


def parse_value_table(text: str) -> tuple[dict[str, str], list[str]]:
    """`file value = our value`, one a line ("→" works too); the lines it cannot read."""
    table: dict[str, str] = {}
    bad: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        for sep in ("=", "→", "->"):
            if sep in line:
                raw, ours = (p.strip() for p in line.split(sep, 1))
                if raw and ours:
                    table[raw] = ours
                    break
        else:
            bad.append(line.strip())
    return table, bad


def value_table_text(table: dict[str, str]) -> str:
    return "\n".join(f"{raw} = {ours}" for raw, ours in table.items())


def mapping_from_post(data: Any, headings: list[str], previous: Mapping) -> tuple[Mapping | None, list[str]]:
    """The corrected mapping, or None and what is wrong with the form (nothing is saved then)."""
    errors: list[str] = []
    columns, constants = {}, {}
    for name in FIELDS:
        heading = str(data.get(f"col_{name}", "")).strip()
        constant = str(data.get(f"const_{name}", "")).strip()
        if heading:
            if heading not in headings:
                errors.append(_("The file has no column %(column)s.") % {"column": heading})
            else:
                columns[name] = heading
        elif constant:
            constants[name] = constant[:200]
    values = {}
    for name in TABLE_FIELDS:
        table, bad = parse_value_table(str(data.get(f"values_{name}", "")))
        if bad:
            errors.append(_("Write each line of a value table as “file value = our value”: %(line)s")
                          % {"line": bad[0][:80]})
        if table:
            values[name] = table
    mode = str(data.get("mode", previous.mode))
    if mode not in MODES:
        errors.append(_("Choose whether to create, update or both."))
    unit = str(data.get("amount_unit", previous.amount_unit))
    if unit not in ("1", "10000"):
        errors.append(_("Amounts are in yuan or in 万元."))
    if errors:
        return None, errors
    return Mapping(columns=columns, constants=constants, values=values, amount_unit=int(unit), mode=mode,
                   skip_bad=data.get("skip_bad") == "on", preset=previous.preset), []
