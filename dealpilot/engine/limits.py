"""How big a deal document may be: every cap in one place, shared by the parser and the forms.

The caps are far above any real deal (the largest demo deal has 14 stakeholders) and low enough
that a document within them parses, validates and saves in well under a second. Text caps match
the database columns (`CharField(max_length=…)`), or a generous bound for unlimited text.
"""

from __future__ import annotations

from decimal import Decimal

#: The engine's own cap on a document's size; the web app caps uploads lower (DOCUMENT_MAX_BYTES).
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
#: Nesting of lists and mappings; a real document is at most 5 deep (stakeholders[i].relationships[j]).
MAX_DEPTH = 20
MAX_STAKEHOLDERS = 500
#: Any other list of a document (decision chain, pains, milestones, …) and a stakeholder's roles.
MAX_ROWS = 500
MAX_ANSWERS = 200
MAX_RELATIONSHIPS = 100

#: Names of deals, accounts, people, owners (CharField(max_length=200) columns).
NAME_MAX = 200
#: Stakeholder ids and criterion ids (CharField(max_length=100) columns).
KEY_MAX = 100
#: A stakeholder's title on a deal.
TITLE_MAX = 500
#: Free text: titles, pains, evidence, strengths… (text columns; the forms' evidence cap).
TEXT_MAX = 4000

#: Money: never negative, at most 10^15 (the columns hold 16 integer digits; the forms say the same).
MONEY_MIN = Decimal(0)
MONEY_MAX = Decimal(10**15)

#: How much of a bad value an error message quotes.
EXCERPT_CHARS = 60
#: An activity's note: a few pages of visit notes.
NOTE_MAX = 20_000
