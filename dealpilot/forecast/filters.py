"""Forecast categories as query conditions on deals, for the pipeline's filters and the
forecast's own sums: a deal without a call (or never assessed) counts as pipeline."""

from __future__ import annotations

from django.db.models import Q

from dealpilot.engine import forecast as fc


def call_condition(call: str) -> Q:
    if call == fc.PIPELINE:
        return Q(forecast__call__in=["", fc.PIPELINE]) | Q(forecast__isnull=True)
    return Q(forecast__call=call)


def evidence_condition(category: str) -> Q:
    if category == fc.PIPELINE:
        return Q(forecast__evidence=fc.PIPELINE) | Q(forecast__isnull=True)
    return Q(forecast__evidence=category)
