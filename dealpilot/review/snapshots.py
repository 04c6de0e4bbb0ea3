"""Storing assessment snapshots and finding the ones a review compares.

`record_snapshot` is called by the foundation's engine-calling module (dealpilot.deals.verdict)
after every assessment; it writes a row only when a score or the flags moved, so re-opening a
page does not grow the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dealpilot.engine import history
from dealpilot.engine.document import Access
from dealpilot.review.models import AssessmentSnapshot

#: A review compares today's verdict with the one of about this many days ago.
REVIEW_WINDOW_DAYS = 30


def latest(opp: Any) -> AssessmentSnapshot | None:
    return AssessmentSnapshot.objects.for_deal(opp).latest_first().first()


def _row(opp: Any, snap: dict[str, Any], taken_at: dt.datetime, seq: int, cause: str = "") -> AssessmentSnapshot:
    return AssessmentSnapshot(opportunity_id=opp.pk, taken_at=taken_at, seq=seq, playbook=snap["playbook"],
                              score=snap["score"], dimensions=snap["dimensions"], flags=snap["flags"], cause=cause)


def record_snapshot(opp: Any, assessment: Any, when: dt.datetime | None = None,
                    cause: str = "") -> AssessmentSnapshot | None:
    """Store the assessment's snapshot when it differs from the deal's latest one; else None.

    The deal row carries the latest snapshot's fingerprint, so an unchanged verdict costs no
    query; only a different one reads the latest snapshot to decide.
    """
    if assessment is None or opp.pk is None:
        return None
    when = when or timezone.now()
    snap = history.snapshot(assessment, timezone.localtime(when))
    digest = history.fingerprint(snap)
    if getattr(opp, "snapshot_digest", None) == digest:
        return None
    row = None
    for _attempt in range(2):
        last = latest(opp)
        if last is not None and not history.moved(last.to_snapshot(), snap):
            break
        try:
            # Another request may store this deal's next snapshot at the same moment: the
            # unique (deal, seq) constraint keeps one; the savepoint keeps our transaction usable.
            with transaction.atomic():
                row = _row(opp, snap, when, last.seq + 1 if last else 1, cause)
                row.save()
            break
        except IntegrityError:
            row = None  # look again: theirs may already say what ours does
    type(opp)._default_manager.filter(pk=opp.pk).update(snapshot_digest=digest)
    opp.snapshot_digest = digest
    return row


def baseline(opp: Any, now: dt.datetime | None = None) -> AssessmentSnapshot | None:
    """The snapshot a review compares with: the last one at least 30 days old, else the first."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=REVIEW_WINDOW_DAYS)
    qs = AssessmentSnapshot.objects.for_deal(opp)
    return qs.filter(taken_at__lte=cutoff).latest_first().first() or qs.order_by("taken_at", "pk").first()


def trend(opp: Any, limit: int = 60) -> list[AssessmentSnapshot]:
    rows = list(AssessmentSnapshot.objects.for_deal(opp).latest_first()[:limit])
    rows.reverse()
    return rows


def _earlier_document(doc: Any, day: dt.date) -> Any:
    """The deal as it stood on `day`: answers and contacts dated later did not exist yet."""
    answers = {cid: a for cid, a in doc.answers.items() if a.date is None or a.date <= day}
    people = [s if s.last_contact is None or s.last_contact <= day
              else s.model_copy(update={"last_contact": None, "access": Access.indirect}) for s in doc.stakeholders]
    return doc.model_copy(update={"answers": answers, "stakeholders": people})


def seed_demo_history(opps: Iterable[Any], docs: Iterable[Any], today: dt.date | None = None) -> int:
    """Demo deals get a snapshot from 30 days ago (the deal as it stood then) and one of today,
    so the review has something to compare with. Returns the number of rows written."""
    from dealpilot.deals.verdict import assess_document

    today = today or timezone.localdate()
    then = today - dt.timedelta(days=REVIEW_WINDOW_DAYS)
    tz = timezone.get_current_timezone()
    at_then = dt.datetime.combine(then, dt.time(9, 0), tzinfo=tz)
    at_now = dt.datetime.combine(today, dt.time(8, 0), tzinfo=tz)
    rows: list[AssessmentSnapshot] = []
    for opp, doc in zip(opps, docs, strict=True):
        old = assess_document(_earlier_document(doc, then), as_of=then)
        new = assess_document(doc, as_of=today)
        seq = 0
        for assessment, day, at in ((old, then, at_then), (new, today, at_now)):
            if assessment is not None:
                seq += 1
                rows.append(_row(opp, history.snapshot(assessment, day), at, seq))
    AssessmentSnapshot.objects.bulk_create(rows, batch_size=500)
    return len(rows)
