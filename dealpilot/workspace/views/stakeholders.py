"""The deal's people: add, edit, remove. The edit endpoint is reusable by other pages (the
power map): GET answers one stakeholder's edit form, POST saves it and answers with the
table row plus a fresh header and verdict out of band."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dealpilot.deals import models as m
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace import editing
from dealpilot.workspace.context import load_deal, people_of, playbook_of, role_choices
from dealpilot.workspace.forms import StakeholderForm, stakeholder_initial
from dealpilot.workspace.views import respond

FIELDS = ["name", "title", "reports_to", "roles", "influence", "attitude", "access", "last_contact", "relationships"]


def _person(opp: m.Opportunity, sid: int) -> tuple[int, m.DealStakeholder]:
    for index, person in enumerate(people_of(opp)):
        if person.pk == sid:
            return index, person
    raise Http404


def _snapshot(person: m.DealStakeholder, keys: dict[int, str]) -> dict[str, Any]:
    return {"name": person.contact.name, "title": person.title,
            "reports_to": keys.get(person.reports_to_id) if person.reports_to_id else None,
            "roles": list(person.roles), "influence": person.influence, "attitude": person.attitude,
            "access": person.access, "last_contact": editing.plain(person.last_contact),
            "relationships": list(person.relationships)}


def _form(opp: m.Opportunity, data: Any = None, person: m.DealStakeholder | None = None) -> StakeholderForm:
    people = people_of(opp)
    initial = stakeholder_initial(person, people) if person is not None else None
    return StakeholderForm(data, initial=initial, people=people, roles=role_choices(playbook_of(opp)),
                           editing=person)


def _context(opp: m.Opportunity, form: Any, person: m.DealStakeholder | None, version: int) -> dict[str, Any]:
    key = person.pk if person is not None else "new"
    if person is None:
        target, cancel = "deal-work", reverse("workspace_section", args=[opp.pk, "stakeholders"])
    else:
        target, cancel = f"form-stakeholders-{key}", reverse("workspace_stakeholder_row", args=[opp.pk, person.pk])
    return {"deal": opp, "form": form, "version": version, "form_id": f"form-stakeholders-{key}",
            "target": target, "cancel_target": "field-stakeholders" if person is None else target,
            "as_row": person is not None, "noun": _("stakeholder"), "cancel_url": cancel,
            "action": (reverse("workspace_stakeholder", args=[opp.pk, person.pk]) if person is not None
                       else reverse("workspace_stakeholder_new", args=[opp.pk]))}


def _write(opp: m.Opportunity, person: m.DealStakeholder | None, data: dict[str, Any]) -> m.DealStakeholder:
    contact, _created = m.Contact.objects.get_or_create(account_id=opp.account_id, name=data["name"],
                                                       defaults={"title": data["title"]})
    if person is None:
        taken = set(opp.stakeholders.values_list("key", flat=True))
        n = len(taken) + 1
        while f"s{n}" in taken:
            n += 1
        top = opp.stakeholders.aggregate(n=Max("ordinal"))["n"]
        person = m.DealStakeholder(opportunity=opp, key=f"s{n}", ordinal=(top or 0) + 1)
    related = {p.pk: "knows" for p in data["knows"]} | {p.pk: "works_closely" for p in data["works_closely"]}
    everyone = {p.pk: p.key for p in people_of(opp)}
    person.contact = contact
    person.title = data["title"]
    person.reports_to = data["reports_to"]
    person.roles = list(data["roles"])
    person.influence, person.attitude, person.access = data["influence"], data["attitude"], data["access"]
    person.last_contact = data["last_contact"]
    person.relationships = [{"with": everyone[pk], "kind": kind} for pk, kind in related.items()]
    person.save()
    return person


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_new(request: HttpRequest, pk: int) -> HttpResponse:
    opp = load_deal(request, pk)
    if request.method == "GET":
        return respond.fragment(request, "_row_form.html", _context(opp, _form(opp), None, opp.version))
    return _save(request, opp, None, None)


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    opp = load_deal(request, pk)
    try:
        index, person = _person(opp, sid)
    except Http404:
        if request.method == "POST" and respond.removed_since(request, opp):
            form = _form(opp, request.POST)
            form.is_valid()
            ctx = {**_context(opp, form, None, opp.version), "conflict": True, "removed": True,
                   "form_id": f"form-stakeholders-{sid}"}
            return respond.fragment(request, "_row_form.html", ctx, status=409, retarget=ctx["form_id"])
        raise
    if request.method == "GET":
        return respond.fragment(request, "_row_form.html", _context(opp, _form(opp, None, person), person, opp.version))
    return _save(request, opp, index, person)


def _save(request: HttpRequest, opp: m.Opportunity, index: int | None, person: m.DealStakeholder | None) -> HttpResponse:
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    keys = {p.pk: p.key for p in people_of(opp)}
    before = _snapshot(person, keys) if person is not None else None
    form = _form(opp, request.POST, person)
    ctx = _context(opp, form, person, version)
    if not form.is_valid():
        return respond.fragment(request, "_row_form.html", ctx, status=422, retarget=ctx["form_id"])
    previous = opp.score
    saved: list[m.DealStakeholder] = []

    def apply() -> list[editing.Change]:
        written = _write(opp, person, form.cleaned_data)
        saved.append(written)
        if before is None:
            return [(f"stakeholders[{len(keys)}]", None, _snapshot(written, keys | {written.pk: written.key}))]
        return editing.diff(f"stakeholders[{index}]", before, _snapshot(written, keys), {})

    try:
        fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        current = None
        if person is not None:
            current = m.DealStakeholder.objects.select_related("contact").filter(pk=person.pk).first()
        ctx.update(respond.conflict_context(form, current, [f for f in FIELDS if f != "name"], opp))
        if current is not None:
            ctx["newer"].insert(0, (str(form.fields["name"].label), current.contact.name))
        ctx["removed"] = person is not None and current is None
        return respond.fragment(request, "_row_form.html", ctx, status=409, retarget=ctx["form_id"])
    if person is None:
        return respond.saved(request, opp.pk, "_work.html", previous_score=previous, fresh=fresh,
                         from_version=version)
    return respond.saved(request, opp.pk, "_stakeholder_row.html", previous_score=previous, fresh=fresh,
                         from_version=version,
                         extra={"row_pk": person.pk})


@login_required
@require_GET
def stakeholder_row(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    opp = load_deal(request, pk)
    _person(opp, sid)
    context = respond.focus({"deal": opp, "people": people_of(opp), "row_pk": sid, "version": opp.version})
    return respond.fragment(request, "_stakeholder_row.html", context)


@login_required
@require_POST
def stakeholder_delete(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    opp = load_deal(request, pk)
    index, person = _person(opp, sid)
    version = respond.based_on(request)
    if version is None:
        return respond.missing_version(request)
    before = _snapshot(person, {p.pk: p.key for p in people_of(opp)})
    previous = opp.score

    def apply() -> list[editing.Change]:
        # Nobody may keep a relationship with someone who is no longer on the deal.
        for other in people_of(opp):
            kept = [r for r in other.relationships if r.get("with") != person.key]
            if kept != other.relationships:
                m.DealStakeholder.objects.filter(pk=other.pk).update(relationships=kept)
        deleted, _ = m.DealStakeholder.objects.filter(pk=person.pk, opportunity=opp).delete()
        return [(f"stakeholders[{index}]", before, None)] if deleted else []

    try:
        fresh = editing.save(opp, request.user, version, apply)
    except StaleVersion:
        return respond.stale_block(request, opp.pk, "_work.html")
    return respond.saved(request, opp.pk, "_work.html", previous_score=previous, fresh=fresh,
                         from_version=version)
