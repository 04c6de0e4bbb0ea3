"""The everything-ZIP, written member by member into any writable stream.

What a user may see is what the doors let them open: their visible deals
(`Opportunity.objects.visible_to`), the accounts those deals are on and those accounts' contacts
(`dealpilot.deals.access`) — the same rules as the deal, account and contact pages.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dealpilot.deals.access import visible_accounts
from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.loading import with_lists
from dealpilot.deals.models import Account, Contact, Opportunity
from dealpilot.engine.document import dump_document
from dealpilot.pipeline import export as pipeline_export

_CHUNK = 200  # deals read with all their lists at once: a fixed number of queries per chunk

# The whole workspace (`dealpilot export` without --user). A named marker rather than None:
# a caller that passes no user by mistake gets what nobody may see (nothing), not everything.
EVERYONE = object()


def visible_deals(user: Any) -> QuerySet[Opportunity]:
    deals = Opportunity.objects.all() if user is EVERYONE else Opportunity.objects.visible_to(user)
    return deals.order_by("pk")


def _visible_accounts(user: Any) -> QuerySet[Account]:
    return Account.objects.all() if user is EVERYONE else visible_accounts(user)


def deal_member(opp: Opportunity) -> str:
    slug = slugify(opp.name, allow_unicode=True)[:60] or "deal"
    return f"deals/{opp.pk}-{slug}.yaml"


def _documents(user: Any) -> Iterator[tuple[str, str]]:
    ids = list(visible_deals(user).values_list("pk", flat=True))
    for start in range(0, len(ids), _CHUNK):
        for opp in with_lists(Opportunity.objects.filter(pk__in=ids[start:start + _CHUNK]).order_by("pk")):
            yield deal_member(opp), dump_document(deal_to_document(opp), fmt="yaml")


def _csv(header: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """CSV bytes, a few thousand rows at a time (a large table is never held whole)."""
    out = io.StringIO()
    out.write("\ufeff")  # the BOM: Excel reads UTF-8 Chinese as mojibake without it
    writer = csv.writer(out)
    writer.writerow(header)
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 2000 == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def _accounts(user: Any) -> Iterator[bytes]:
    t = pipeline_export.as_text
    rows = ([a.pk, t(a.name), t(a.industry), t(a.city)]
            for a in _visible_accounts(user).order_by("pk").iterator(chunk_size=2000))
    return _csv([_("ID"), _("Account"), _("Industry"), _("City")], rows)


def _contacts(user: Any) -> Iterator[bytes]:
    contacts = (Contact.objects.filter(account__in=_visible_accounts(user)).select_related("account")
                .order_by("account_id", "pk"))
    t = pipeline_export.as_text
    rows = ([c.pk, c.account_id, t(c.account.name), t(c.name), t(c.title), t(c.email), t(c.phone)]
            for c in contacts.iterator(chunk_size=2000))
    return _csv([_("ID"), _("Account ID"), _("Account"), pgettext("person", "Name"), _("Title"), _("Email"), _("Phone")], rows)


def _deals(user: Any) -> Iterator[bytes]:
    # The pipeline export's own columns, for every visible deal (closed ones too).
    return _csv(pipeline_export.header(), pipeline_export.lines(visible_deals(user)))


def members(user: Any, progress: Callable[[int], None] | None = None) -> Iterator[tuple[str, Iterable[bytes]]]:
    """(name in the ZIP, its bytes in pieces) for everything `user` may see; `progress(n)` after
    each n-th deal document."""
    yield "deals.csv", _deals(user)
    yield "accounts.csv", _accounts(user)
    yield "contacts.csv", _contacts(user)
    for n, (name, text) in enumerate(_documents(user), 1):
        yield name, (text.encode("utf-8"),)
        if progress is not None:
            progress(n)


def zip_chunks(user: Any, progress: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The ZIP as it is written, piece by piece: for a streamed download, memory stays flat."""
    stream = ChunkStream()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as book:
        for name, pieces in members(user, progress):
            with book.open(name, "w", force_zip64=True) as member:
                for piece in pieces:
                    member.write(piece)
            yield stream.take()
    yield stream.take()


def write_bundle(out: IO[bytes], user: Any, progress: Callable[[int], None] | None = None) -> None:
    """The same ZIP into a file (`dealpilot export`)."""
    for chunk in zip_chunks(user, progress):
        out.write(chunk)


def filename(day: Any = None) -> str:
    return f"dealpilot-export-{(day or timezone.localdate()).isoformat()}.zip"


class ChunkStream(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come (for a streamed response)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out
