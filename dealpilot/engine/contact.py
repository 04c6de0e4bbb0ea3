"""What an activity does to our standing with the people who took part.

Seeing someone brings their last contact up to the activity's day (never back: an old visit
logged late does not hide a newer one) and raises our access: a visit, meeting or call means we
have met them, a message or email that we reach them at least indirectly, and a third contact
within the freshness of regular contact makes it regular. Access is never lowered by an activity.
"""

from __future__ import annotations

import datetime as dt

ACCESS_ORDER = ("none", "indirect", "met", "regular")
#: What one activity of each kind proves about our access.
ACCESS_BY_KIND = {"visit": "met", "meeting": "met", "call": "met", "message": "indirect", "email": "indirect"}
#: Direct contacts within this many days that make access regular.
REGULAR_CONTACTS = 3
REGULAR_WINDOW_DAYS = 60
#: The kinds of activity where we spoke with the person ourselves.
DIRECT_KINDS = tuple(kind for kind, access in ACCESS_BY_KIND.items() if access == "met")


def direct_recent(kind: str, day: dt.date, earlier_direct_days: list[dt.date]) -> int:
    """How many direct contacts (this activity included) fall within the regular window up to
    `day`, given the days of the person's earlier direct contacts; 0 for an indirect activity."""
    if kind not in DIRECT_KINDS:
        return 0
    since = day - dt.timedelta(days=REGULAR_WINDOW_DAYS)
    return 1 + sum(1 for d in earlier_direct_days if since <= d <= day)


def raised_access(current: str, kind: str, direct_recent: int = 0) -> str:
    """The access after an activity of `kind`, given how many direct contacts (this one included)
    fall within the regular window. Never lower than `current`."""
    reached = ACCESS_BY_KIND.get(kind, "indirect")
    if reached == "met" and direct_recent >= REGULAR_CONTACTS:
        reached = "regular"
    rank = {a: i for i, a in enumerate(ACCESS_ORDER)}
    return current if rank.get(current, 0) >= rank[reached] else reached


def later_contact(current: dt.date | None, day: dt.date) -> dt.date:
    return day if current is None or day > current else current
