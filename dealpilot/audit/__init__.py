"""Who did what, when and from where: the audit trail admins read at /audit/.

Recorded here by signals: logins (and failed ones), permission changes (role, team, staff,
superuser, active, groups and permissions — from the admin or anywhere else), deletions of deals
and accounts. Recorded by the doors themselves: exports (pipeline CSV/XLSX, deal documents and
Markdown, the everything-ZIP), backups and restores, API tokens made, revoked and used (once a
minute per token), imports and their reverts.

Any other part records an event with the one public function:

    from dealpilot.audit import record
    record(request, "import", target="deals.csv", detail={"created": 12})
    record(None, "token_used", target="token 7")   # outside a request (CLI, job)

`request_or_none`: the request the event came from (its user and client address — the proxy's
header when TRUSTED_PROXY_HEADER is set); with None, the request being served on this thread if
any (signals have none to pass), else no user and no address (the command line). `action` is a
short name (known ones have a label in both languages, see `dealpilot.audit.actions`); `target`
names what it was done to; `detail` is JSON. `user=` names the user when the request's is not the
one who acted (a login, before the session knows them).
"""

from __future__ import annotations

from typing import Any


def record(request_or_none: Any, action: str, target: str = "", detail: dict[str, Any] | None = None,
           *, user: Any = None) -> Any:
    """Write one audit event and return it (see the module's docstring)."""
    from dealpilot.audit.events import write_event

    return write_event(request_or_none, action, target, detail or {}, user)
