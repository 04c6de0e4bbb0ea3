"""Deal documents out (YAML/JSON download) and in (upload to create or replace a deal)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dealpilot.audit import record
from dealpilot.deals.access import get_deal_for_user
from dealpilot.deals.convert import MissingVersion, deal_to_document, load_deal, save_document
from dealpilot.deals.forms import UploadForm
from dealpilot.deals.history import StaleVersion
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.deals.problem_text import translated
from dealpilot.engine.document import Deal, dump_document, loads_data, parse_document
from dealpilot.engine.errors import DocumentError, Problem
from dealpilot.engine.playbook import DEFAULT_PLAYBOOK, Playbook, known_playbook

_TYPES = {"yaml": "application/yaml; charset=utf-8", "json": "application/json; charset=utf-8"}


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    opp = get_deal_for_user(request, pk)
    if fmt not in _TYPES:
        raise Http404
    text = dump_document(deal_to_document(load_deal(opp.pk)), fmt=fmt)
    record(request, "export", target=f"deal {opp.pk}: {opp.name}", detail={"format": fmt, "deal": opp.pk})
    response = HttpResponse(text, content_type=_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="deal-{opp.pk}.{fmt}"'
    return response


def _parse(upload: UploadedFile) -> tuple[Deal | None, list[Problem]]:
    """The engine's Deal, or every problem the engine's parser (and the playbook) found."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem("(file)", _("The file is not UTF-8 text. Save it as UTF-8 and upload it again."))]
    fmt = "json" if (upload.name or "").lower().endswith(".json") else None
    try:
        # Read once, within the engine's limits (size, nesting, no aliases), then validate.
        data = loads_data(text, fmt=fmt, source=upload.name or "document", max_bytes=settings.DOCUMENT_MAX_BYTES)
        doc = parse_document(data, playbook=_playbook_named_in(data))
    except DocumentError as exc:
        return None, list(exc.problems)
    return doc, []


def _playbook_named_in(data: Any) -> Playbook | None:
    """The shipped or published team playbook the document names, so the parser also checks stage,
    roles and criteria and reports every problem at once (unknown ids are reported by save_document)."""
    pid = data.get("playbook", DEFAULT_PLAYBOOK) if isinstance(data, dict) else None
    return known_playbook(pid) if isinstance(pid, str) else None


def _upload(request: HttpRequest, opp: Opportunity | None) -> HttpResponse:
    # Bound on every POST: a post without a file must say the file is missing, not show a blank form.
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    context = {"form": form, "deal": opp, "problems": []}
    if request.method != "POST":
        return render(request, "deals/upload.html", context)
    if not form.is_valid():
        return render(request, "deals/upload.html", context, status=400)
    doc, problems = _parse(form.cleaned_data["document"])
    if doc is not None:
        try:
            saved = save_document(doc, request.user, opp)
        except DocumentError as exc:
            problems = list(exc.problems)
        except StaleVersion as exc:
            return _stale(request, context, doc, exc)
        else:
            return redirect(saved)
    context["problems"] = [translated(p) for p in problems]
    return render(request, "deals/upload.html", context, status=400)


_SHOWN_CHANGES = 50


def _stale(request: HttpRequest, context: dict[str, Any], doc: Deal, exc: StaleVersion) -> HttpResponse:
    """409: the deal moved on since the document was downloaded (or the document does not say
    when it was): nothing saved; the changes made since, and the current document to start from."""
    opp = context["deal"]
    based_on = None if isinstance(exc, MissingVersion) else doc.opportunity.version
    changes = ChangeRecord.objects.filter(opportunity=opp).select_related("user").order_by("-version", "-pk")
    if based_on is not None:
        changes = changes.filter(version__gt=based_on)
    context.update(stale={"current": exc.current, "based_on": based_on,
                          "changes": list(changes[:_SHOWN_CHANGES])})
    return render(request, "deals/upload.html", context, status=409)


@login_required
def upload_new(request: HttpRequest) -> HttpResponse:
    return _upload(request, None)


@login_required
def upload_replace(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, get_deal_for_user(request, pk, write=True))
