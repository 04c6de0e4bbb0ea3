"""Names of flags, bands and filter choices as people read them (wording only, no rules)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FLAG_NAMES = {
    "pain_unconfirmed": _("Pain unconfirmed"),
    "pain_stale": _("Pain evidence stale"),
    "no_decider_access": _("No decider reached"),
    "no_fund_access": _("No fund approver reached"),
    "no_supporter": _("No supporter"),
    "hostile_influencer": _("Hostile influencer"),
    "single_threaded": _("Single-threaded"),
    "budget_unconfirmed": _("Budget unconfirmed"),
    "no_compelling_event": _("No compelling event"),
    "competitor_favoured": _("Competitor favoured"),
    "value_unquantified": _("Value unquantified"),
    "no_mutual_plan": _("No mutual plan"),
    "open_objections_near_close": _("Open objections near close"),
    "close_date_unreachable": _("Close date unreachable"),
    "stage_ahead_of_evidence": _("Stage ahead of the evidence"),
}

BAND_NAMES = {"weak": _("Weak (below 40)"), "fair": _("Fair (40–69)"), "strong": _("Strong (70 and up)")}

STATUS_NAMES = {"open": _("Open"), "won": _("Won"), "lost": _("Lost"), "all": _("All")}

PERIOD_NAMES = {"this_month": _("This month"), "this_quarter": _("This quarter"),
                "next_quarter": _("Next quarter"), "custom": _("Custom range")}

SEVERITY_NAMES = {"high": _("high"), "medium": _("medium"), "low": _("low")}


def flag_name(flag_id: str) -> str:
    return str(FLAG_NAMES.get(flag_id, flag_id))
