"""The Jinja2 environment every DealPilot page is rendered with (the admin keeps Django's).

What the templates may call, named as in Django's templates so a reader recognises them:
`_()`/`gettext()`/`ngettext()` (the stock `jinja2.ext.i18n` extension on Django's catalogues,
looked up in the language active when the template renders), `url()` (`reverse`), `static()`,
`display(obj, field)`, `row_kinds` (the fact lists, by key), `purpose_label(p)` (what a question is for), and the filters `date`, `floatformat`, `default_if_none`, `capfirst`,
`truncatechars`, `money`, `score_band`, `lang_text`, `md`, `ratio_percent`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext, npgettext, pgettext

from dealpilot.accounts.models import display_name
from dealpilot.deals.rowkinds import FACTS_BY_KEY
from dealpilot.review.labels import lang_of
from dealpilot.review.labels import purpose as purpose_text
from dealpilot.review.template_text import md, power_map_legend, ratio_percent
from dealpilot.web.formats import choice_label, short_date
from dealpilot.web.money import money, score_band


def date(value: Any, fmt: str = "DATE_FORMAT") -> str:
    """Django's `date` filter: a date in the active language's format ("" for none)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return short_date(value, fmt)
    return defaultfilters.date(value, fmt) or ""


def url(name: str, *args: Any) -> str:
    """`{{ url('deal_page', deal.pk) }}`, as `{% url 'deal_page' deal.pk %}`."""
    return reverse(name, args=args or None)


def lang_text(text: Any) -> str:
    """An engine Text (zh/en) in the active language."""
    if text is None:
        return ""
    getter = getattr(text, "get", None)
    return str(getter(lang_of(get_language()))) if callable(getter) else str(text)


def purpose_label(purpose: str | None) -> str:
    """What a coach's question is for, in the active language."""
    return purpose_text(purpose, lang_of(get_language()))


def environment(**options: Any) -> jinja2.Environment:
    options.setdefault("keep_trailing_newline", True)  # as Django's engine: files end as written
    extensions = list(options.pop("extensions", [])) + ["jinja2.ext.i18n"]
    env = jinja2.Environment(extensions=extensions, **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext)  # type: ignore[attr-defined]
    env.globals.update(url=url, display=choice_label, static=static, get_language=get_language,
                       display_name=display_name, power_map_legend=power_map_legend, row_kinds=FACTS_BY_KEY,
                       purpose_label=purpose_label)
    env.filters.update(
        date=date, floatformat=defaultfilters.floatformat, default_if_none=defaultfilters.default_if_none,
        capfirst=defaultfilters.capfirst, truncatechars=defaultfilters.truncatechars,
        money=money, score_band=score_band, lang_text=lang_text, md=md, ratio_percent=ratio_percent,
    )
    return env
