"""A document's problems in the page's language.

The engine and the document checks word their problems in English, for every door (the CLI
prints them as they are). The web door shows them in the visitor's language: each known
message shape maps to a translated one, its values (ids, line numbers) carried over.
A message of an unknown shape stays as the engine wrote it.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dealpilot.engine.errors import Problem

SHAPES: list[tuple[re.Pattern[str], Promise]] = [(re.compile(p), t) for p, t in (
    (r"^required$", _("required")),
    (r"^unknown key$", _("unknown key")),
    (r"^(?P<value>.+) is not one of (?P<options>.+)$", _("%(value)s is not one of %(options)s")),
    (r"^(?P<value>.+) is not a date \(use YYYY-MM-DD\)$", _("%(value)s is not a date (use YYYY-MM-DD)")),
    (r"^duplicate stakeholder id (?P<value>.+)$", _("duplicate stakeholder id %(value)s")),
    (r"^no stakeholder (?P<value>.+)$", _("no stakeholder %(value)s")),
    (r"^a stakeholder cannot report to themself$", _("a stakeholder cannot report to themself")),
    (r"^a deal document must be a mapping of keys to values$",
     _("a deal document must be a mapping of keys to values")),
    (r"^(?P<value>.+) is not supported \(expected (?P<expected>.+)\)$",
     _("%(value)s is not supported (expected %(expected)s)")),
    (r"^(?P<source>.+) is not valid (?P<fmt>JSON|YAML/JSON) at line (?P<line>\d+): (?P<detail>.+)$",
     _("%(source)s is not valid %(fmt)s at line %(line)s: %(detail)s")),
    (r"^(?P<source>.+) is not valid (?P<fmt>JSON|YAML/JSON): (?P<detail>.+)$",
     _("%(source)s is not valid %(fmt)s: %(detail)s")),
    (r"^no criterion (?P<value>.+) in playbook (?P<playbook>.+)$", _("no criterion %(value)s in playbook %(playbook)s")),
    (r"^is not a number$", _("is not a number")),
    (r"^is too large$", _("is too large")),
    (r"^is longer than (?P<limit>\d+) characters$", _("is longer than %(limit)s characters")),
    (r"^contains a NUL character$", _("contains a NUL character")),
    (r"^must be three letters, like CNY$", _("must be three letters, like CNY")),
    (r"^unknown playbook (?P<value>.+) \(built in: (?P<known>.+)\)$",
     _("unknown playbook %(value)s (built in: %(known)s)")),
)]


def translated(problem: Problem) -> Problem:
    for shape, words in SHAPES:
        match = shape.match(problem.message)
        if match:
            return Problem(problem.path, str(words) % match.groupdict())
    return problem
