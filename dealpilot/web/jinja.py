"""The Jinja2 environment every DealPilot page is rendered with (the admin keeps Django's).

Jinja2 compiles a template to Python once; the deal page has hundreds of values and translated
words, and Django's template engine spent most of the page's time walking its nodes. What the
templates may call lives here, named as in Django's templates so a reader recognises them:
`_()`/`ngettext()` (Django's active language), `url()`, `static()`, and the filters `date`,
`floatformat`, `default_if_none`, `capfirst`, `truncatechars`, `money`, `score_band`, `lang_text`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import jinja2
from django.template import defaultfilters
from django.templatetags.static import static as static_url
from django.utils.translation import get_language, gettext, ngettext
from markupsafe import Markup

from dealpilot.accounts.models import display_name
from dealpilot.review.labels import lang_of
from dealpilot.review.template_text import md, power_map_legend, ratio_percent
from dealpilot.web import links
from dealpilot.web.csrf import csrf
from dealpilot.web.formats import choice_label, short_date
from dealpilot.web.jinja_i18n import PageEnvironment
from dealpilot.web.money import money, score_band
from dealpilot.workspace import page_rows


def _language(context: Any) -> str:
    """The active language as base.html read it once for the page (`LANG`); a fragment rendered
    on its own reads it here. Each read of the active language is a context-local lookup."""
    return context.get("LANG") or get_language() or ""


@jinja2.pass_context
def date(context: Any, value: Any, fmt: str = "DATE_FORMAT") -> str:
    """Django's `date` filter: a date in the active language's format ("" for none)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return short_date(value, fmt, _language(context))
    return defaultfilters.date(value, fmt) or ""


@jinja2.pass_context
def display(context: Any, obj: Any, field: str) -> str:
    """`obj.get_<field>_display()` in the page's language, remembered (see formats.choice_label)."""
    return choice_label(obj, field, _language(context))


@jinja2.pass_context
def url(context: Any, name: str, *args: Any) -> str:
    """`{{ url('deal_page', deal.pk) }}`, as `{% url %}` (see links.request_url)."""
    return links.request_url(context.get("request"), name, *args)


@lru_cache(maxsize=512)
def static(path: str) -> str:
    """`{% static %}`: the file's URL (hashed names come from a manifest read once per process)."""
    return static_url(path)


@jinja2.pass_context
def lang_text(context: Any, text: Any) -> str:
    """An engine Text (zh/en) in the page's language."""
    if text is None:
        return ""
    getter = getattr(text, "get", None)
    return str(getter(lang_of(_language(context)))) if callable(getter) else str(text)


@jinja2.pass_context
def translate(context: Any, message: str, **variables: Any) -> str:
    """`_("…", name=value)`: Jinja's new-style gettext on Django's catalogues, called directly
    (the i18n extension's own `_` goes through two template calls per word)."""
    rv = gettext(message)
    if context.eval_ctx.autoescape:
        rv = Markup(rv)  # the translation is trusted; the values put into it are escaped
    return rv % variables  # type: ignore[no-any-return]


@jinja2.pass_context
def translate_plural(context: Any, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    rv = ngettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        rv = Markup(rv)
    return rv % variables  # type: ignore[no-any-return]


def environment(**options: Any) -> PageEnvironment:
    options.setdefault("keep_trailing_newline", True)  # as Django's engine: files end as written
    extensions = list(options.pop("extensions", [])) + ["jinja2.ext.i18n"]
    env = PageEnvironment(extensions=extensions, **options)
    # The extension compiles `{% trans %}` and extracts messages; the words themselves go
    # through `translate`, which the templates call directly.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_=translate, gettext=translate, ngettext=translate_plural)
    env.globals.update(url=url, display=display, static=static, csrf=csrf, get_language=get_language,
                       display_name=display_name,
                       power_map_legend=power_map_legend, checklist_rows=page_rows.checklist_rows,
                       checklist_row=page_rows.checklist_row, fact_table=page_rows.fact_table,
                       stakeholder_rows=page_rows.stakeholder_rows, stakeholder_row=page_rows.stakeholder_row,
                       add_button=page_rows.add_button)
    env.filters.update(
        date=date, floatformat=defaultfilters.floatformat, default_if_none=defaultfilters.default_if_none,
        capfirst=defaultfilters.capfirst, truncatechars=defaultfilters.truncatechars,
        money=money, score_band=score_band, lang_text=lang_text, md=md, ratio_percent=ratio_percent,
    )
    return env
