"""Build the demo company: three teams, thirteen logins, 60+ accounts and a pipeline of deals.

Deterministic: the same seed and day give the same company. Fast: documents are generated in
memory and written with bulk inserts (see dealpilot.deals.bulk).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from dealpilot.accounts.models import LoginFailure, Profile, Role, Team
from dealpilot.deals import models as m
from dealpilot.deals.bulk import NewDeal, write_deals
from dealpilot.deals.demo import names as n
from dealpilot.deals.history import DEMO
from dealpilot.engine.document import Deal
from dealpilot.review.snapshots import REVIEW_WINDOW_DAYS, seed_demo_history

DEMO_PASSWORD = "dealpilot-demo"
CHUNK = 1000  # deals generated and written at a time
TEAMS = [("华东大区", "manager1", ["rep1", "rep2", "rep3"]),
         ("华南大区", "manager2", ["rep4", "rep5", "rep6"]),
         ("大客户部", "manager3", ["rep7", "rep8", "rep9"])]
# (stage, weight in the pipeline, typical qualification 0..1 of a deal at that stage)
STAGES = [("lead", 12, .2), ("qualify", 17, .35), ("develop", 20, .5), ("propose", 15, .6),
          ("negotiate", 10, .7), ("commit", 7, .8), ("won", 11, .85), ("lost", 8, .35)]


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role, team) of every demo login."""
    out = [("admin", Role.ADMIN.value, "")]
    for team, manager, reps in TEAMS:
        out.append((manager, Role.MANAGER.value, team))
        out += [(r, Role.REP.value, team) for r in reps]
    return out


def has_data() -> bool:
    return User.objects.exists() or m.Opportunity.objects.exists()


def reset_data() -> None:
    """Remove all deals, accounts, teams and the demo logins (other users are kept)."""
    with transaction.atomic():
        m.ChangeRecord.objects.all().delete()
        m.Opportunity.objects.update(budget_applicant=None, budget_approver=None)
        for model in (m.Answer, m.Objection, m.PlanStep, m.ValueItem, m.Pain, m.Milestone, m.Competitor,
                      m.DecisionStep):
            model.objects.all().delete()
        m.DealStakeholder.objects.update(reports_to=None)
        m.DealStakeholder.objects.all().delete()
        m.Opportunity.objects.all().delete()
        m.Contact.objects.all().delete()
        m.Account.objects.all().delete()
        User.objects.filter(username__in=[u for u, _r, _t in demo_logins()]).delete()
        Team.objects.all().delete()
        LoginFailure.objects.all().delete()


def _users() -> tuple[dict[str, User], dict[str, Team]]:
    teams = {name: Team.objects.create(name=name) for name, _m, _r in TEAMS}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing per user would take seconds
    users: dict[str, User] = {}
    for username, role, team in demo_logins():
        family, given = n.STAFF.get(username, ("", ""))
        user = User.objects.create(username=username, password=password, is_staff=role == Role.ADMIN,
                                   is_superuser=role == Role.ADMIN, first_name=given, last_name=family)
        Profile.objects.create(user=user, role=role, team=teams.get(team))
        users[username] = user
    return users, teams


class _People:
    """Each account's people: a fixed cast (name, title, roles, level) reused by all its deals."""

    def __init__(self, rng: random.Random, english: bool, industry: str = "") -> None:
        self.industry = industry
        used: set[str] = set()
        self.cast = []
        for title, roles, influence, level in n.TITLES:
            while True:
                name = (rng.choice(n.ENGLISH_PEOPLE) if english and rng.random() < .5
                        else rng.choice(n.SURNAMES) + rng.choice(n.GIVEN))
                if name not in used:
                    used.add(name)
                    break
            self.cast.append((name, title, roles, influence, level))


def _pick(rng: random.Random, options: list[tuple[Any, float]]) -> Any:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


class _DealMaker:
    """One deal document at a time, coherent with itself: a coach on our side, a decision chain in
    date order, evidence that says what its answer says from someone we reached, and a closed
    deal with nothing dated after its close."""

    def __init__(self, rng: random.Random, today: dt.date, criteria: list[tuple[str, str]]) -> None:
        self.rng, self.today, self.criteria = rng, today, criteria
        self.ref, self.closed = today, False

    def day(self, lo: int, hi: int) -> str:
        # Relative to today for an open deal; a closed deal's dates all fall on or before its close.
        if self.closed:
            hi = min(hi, 0)
            lo = min(lo, hi)
        return (self.ref + dt.timedelta(days=self.rng.randint(lo, hi))).isoformat()

    def days(self, count: int, lo: int, hi: int) -> list[str]:
        return sorted(self.day(lo, hi) for _ in range(count))

    def make(self, account: str, english: bool, people: _People, owner: str) -> dict[str, Any]:
        rng = self.rng
        stage, _w, base = _pick(rng, [((s, w, b), w) for s, w, b in STAGES])
        q = min(1.0, max(0.0, base + rng.uniform(-.25, .25)))
        self.closed, self.ref = False, self.today
        close = self.day(-300, -5) if stage in ("won", "lost") else self.day(10, 200)
        if stage in ("won", "lost"):
            self.closed, self.ref = True, dt.date.fromisoformat(close)
        amount = rng.randint(3, 120) * 50_000
        currency = "USD" if english and rng.random() < .5 else "CNY"
        if english:
            name = f"{account.split(' ')[0]} {rng.choice(n.PRODUCTS_EN)} {rng.choice(n.PHASES_EN)}".strip()
        else:
            name = f"{account[:4]} {rng.choice(n.PRODUCTS)}{rng.choice(n.PHASES)}".strip()
        stakeholders = self.stakeholders(people, q)
        keys = [s["id"] for s in stakeholders]
        reached = [s["id"] for s in stakeholders if s["access"] in ("met", "regular")]
        by_role = {r: s["id"] for s in stakeholders for r in s["roles"]}
        doc: dict[str, Any] = {
            "schema": "dealpilot/1", "playbook": "ppvvcc",
            "opportunity": {"name": name, "account": account, "amount": amount, "currency": currency,
                            "stage": stage, "close_date": close, "owner": owner},
            "stakeholders": stakeholders,
            "decision_chain": self.decision_chain(q, stage, by_role, keys, account in n.STATE_OWNED),
            "budget": self.budget(q, stage, amount, by_role),
            "competitors": [self.competitor() for _ in range(rng.choice([0, 1, 1, 2, 3]))],
            "timeline": self.timeline(q, close),
            "pains": self.pains(q, keys, reached, by_role, n.SECTOR.get(people.industry)),
            "value": self.value(q, keys, amount),
            "mutual_plan": self.plan(q, keys),
            "objections": [{"text": rng.choice(n.OBJECTIONS), "raised_by": rng.choice(keys) if keys else None,
                            "status": rng.choice(["raised", "understood", "root_cause_found", "resolved"])}
                           for _ in range(rng.choice([0, 0, 1, 2]))],
            "answers": self.answers(q, reached, stakeholders),
        }
        return doc

    def stakeholders(self, people: _People, q: float) -> list[dict[str, Any]]:
        rng = self.rng
        count = max(1, min(len(people.cast), round(1 + q * 6 + rng.uniform(-1, 1))))
        chosen = sorted(rng.sample(range(len(people.cast)), count))
        out: list[dict[str, Any]] = []
        keys = {}
        for idx in chosen:
            name, title, roles, influence, level = people.cast[idx]
            key = f"s{idx + 1}"
            keys[idx] = (key, level)
            if "coach" in roles:  # a coach is someone on our side whom we talk to
                attitude = _pick(rng, [("champion", .5), ("supporter", .5)])
                access = _pick(rng, [("regular", .6), ("met", .4)])
            else:
                attitude = _pick(rng, [("champion", q * .6), ("supporter", .2 + q), ("neutral", .6), ("skeptic", .3),
                                       ("opponent", .12), ("unknown", 1.2 - q)])
                access = _pick(rng, [("regular", q), ("met", .5 + q / 2), ("indirect", .3), ("none", 1 - q)])
            person: dict[str, Any] = {"id": key, "name": name, "title": title, "roles": list(roles),
                                      "influence": influence, "attitude": attitude, "access": access}
            if access in ("met", "regular"):
                person["last_contact"] = self.day(-120, -1)
            out.append(person)
        for person, idx in zip(out, chosen, strict=True):
            level = keys[idx][1]
            bosses = [keys[j][0] for j in chosen if keys[j][1] == level - 1]
            if bosses:
                person["reports_to"] = bosses[0] if level == 1 else rng.choice(bosses)
        if len(out) > 2 and rng.random() < .4:
            a, b = rng.sample(out, 2)
            a["relationships"] = [{"with": b["id"], "kind": rng.choice(["knows", "works_closely"])}]
        return out

    def decision_chain(self, q: float, stage: str, by_role: dict[str, str], keys: list[str],
                       state_owned: bool) -> list[dict[str, Any]]:
        if q < .35:
            return []
        bank = n.STATE_OWNED_STEPS if state_owned else n.DECISION_STEPS
        steps = bank[: self.rng.randint(5 if state_owned else 3, len(bank))]
        senior = by_role.get("decider") or keys[0]
        owner_of = {"部门提出需求": "initiator", "信息中心技术评估": "technical_evaluator", "采购比价": "gatekeeper",
                    "公开招标": "gatekeeper", "财务预算审批": "fund_approver"}
        done = len(steps) if stage == "won" else int(q * len(steps) * .7)
        # In the order the customer decides: what is done lies behind us, the rest ahead, in turn.
        dates = self.days(done, -60, 0) + self.days(len(steps) - done, 5, 150)
        return [{"name": s, "owner": by_role.get(owner_of.get(s, "decider")) or senior,
                 "status": "done" if i < done else "pending", "due": dates[i]} for i, s in enumerate(steps)]

    def budget(self, q: float, stage: str, amount: int, by_role: dict[str, str]) -> dict[str, Any]:
        order = ["unknown", "none", "planned", "requested", "approved", "allocated"]
        level = min(5, max(0, round(q * 5 + self.rng.uniform(-1.5, 1))))
        status = "allocated" if stage == "won" else order[level]
        out: dict[str, Any] = {"status": status}
        if status not in ("unknown", "none"):
            out["amount"] = round(amount * self.rng.uniform(.7, 1.3), -4)
            out["deadline"] = self.day(-30, 120)
            if by_role.get("fund_approver"):
                out["approver"] = by_role["fund_approver"]
            if by_role.get("initiator"):
                out["applicant"] = by_role["initiator"]
        return out

    def competitor(self) -> dict[str, Any]:
        rng = self.rng
        return {"name": rng.choice(n.COMPETITORS),
                "position": rng.choice(["incumbent", "preferred", "shortlisted", "mentioned", "mentioned", "eliminated"]),
                "strengths": rng.choice(n.STRENGTHS), "our_differentiation": rng.choice(n.DIFFERENTIATION)}

    def timeline(self, q: float, close: str) -> dict[str, Any]:
        rng = self.rng
        out: dict[str, Any] = {"milestones": []}
        if q > .4 and rng.random() < q:
            month = dt.date.fromisoformat(close).month
            out["compelling_event"] = {"text": rng.choice(n.EVENTS).format(m=month), "date": close}
        count = rng.randint(0, round(q * 5))
        dates = self.days(count, -40, count * 30 + 20)
        for name, date in zip(n.MILESTONES[:count], dates, strict=False):
            milestone: dict[str, Any] = {"name": name, "status": "pending"}
            if rng.random() < .8:
                milestone["date"] = date
                if date <= self.today.isoformat() and (self.closed or rng.random() < .5 + q / 2):
                    milestone["status"] = "done"
            out["milestones"].append(milestone)
        return out

    def pains(self, q: float, keys: list[str], reached: list[str], by_role: dict[str, str],
              sector: str | None) -> list[dict[str, Any]]:
        rng = self.rng
        if q < .1 or not keys:
            return []
        bank = n.PAINS_BY_SECTOR.get(sector or "", n.PAINS)
        out = []
        for text, category, impact in rng.sample(bank, rng.randint(1, min(3, len(bank)))):
            pain: dict[str, Any] = {"text": text, "category": category,
                                    "owner": by_role.get("initiator") or rng.choice(keys)}
            # Only someone we have reached can have confirmed it with us.
            if rng.random() < q and reached:
                pain["confirmed_with"] = pain["owner"] if pain["owner"] in reached and rng.random() < .7 else rng.choice(reached)
                pain["confirmed_on"] = self.day(-260 if rng.random() < .25 else -90, -1)
            if impact:
                pain["impact"] = impact
            out.append(pain)
        return out

    def value(self, q: float, keys: list[str], amount: int) -> list[dict[str, Any]]:
        rng = self.rng
        if q < .45 or not keys:
            return []
        return [{"for": rng.choice(keys), "metric": metric, "amount": round(amount * rng.uniform(.3, 2), -4),
                 "period": period, "agreed": rng.random() < q}
                for metric, period in rng.sample(n.VALUE_METRICS, rng.randint(1, 2))]

    def plan(self, q: float, keys: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        if q < .5 or not keys:
            return []
        steps = n.PLAN_STEPS[: rng.randint(2, len(n.PLAN_STEPS))]
        dues = self.days(len(steps), -30, len(steps) * 25 + 10)
        return [{"step": s, "owner": rng.choice(keys), "due": due,
                 "status": "done" if self.closed or (due < self.today.isoformat() and rng.random() < .5 + q / 2)
                 else "pending"} for s, due in zip(steps, dues, strict=True)]

    def answers(self, q: float, reached: list[str], people: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        names = {p["id"]: p["name"] for p in people}
        out: dict[str, Any] = {}
        for cid, what in self.criteria:
            if rng.random() > q + .1:
                continue
            status = _pick(rng, [("yes", q), ("partly", .35), ("no", .25 * (1 - q) + .05), ("unknown", .05)])
            answer: dict[str, Any] = {"status": status}
            # A source is someone we reached: nobody else can have told us first-hand.
            source = rng.choice(reached) if reached and rng.random() < .5 + q / 2 else None
            date = self.day(-200 if rng.random() < .2 else -60, -1)
            if status != "unknown" and rng.random() < .35 + q * .6:
                if source:
                    answer["evidence"] = rng.choice(n.EVIDENCE[status]).format(who=names[source], d=date, what=what)
                elif status == "yes":
                    answer["evidence"] = rng.choice(n.EVIDENCE_WEAK).format(what=what)
            if source:
                answer["source"] = source
            if status != "unknown":
                answer["date"] = date
            out[cid] = answer
        return out


def _criteria() -> list[tuple[str, str]]:
    try:
        from dealpilot.engine.playbook import get_playbook

        return [(c.id, c.text.zh) for _d, c in get_playbook("ppvvcc").criteria()]
    except Exception:  # without the playbook files the demo still builds, with no checklist answers
        return []


def build_demo(*, deals: int = 240, seed: int = 20261127, today: dt.date | None = None,
               progress: Callable[[str], None] | None = None, assess: bool = True) -> dict[str, int]:
    """Create the demo company in an empty database; returns counts of what was created."""
    say = progress or (lambda _msg: None)
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        users, teams = _users()
        say("users and teams")
        third = len(n.ACCOUNTS) // 3
        pools = [n.ACCOUNTS[:20], n.ACCOUNTS[20:40], n.ACCOUNTS[40:]] if third >= 20 else [n.ACCOUNTS] * 3
        people = {name: _People(rng, not any("\u4e00" <= ch <= "\u9fff" for ch in name), industry)
                  for name, industry, _c in n.ACCOUNTS}
        maker = _DealMaker(rng, today, _criteria())
        details = {name: (industry, city) for name, industry, city in n.ACCOUNTS}
        items: list[NewDeal] = []
        written = 0
        for i in range(deals):
            t = i % 3
            team_name, _manager, reps = TEAMS[t]
            rep = reps[rng.randrange(3)]
            account, _industry, _city = rng.choice(pools[t]) if i >= len(n.ACCOUNTS) else n.ACCOUNTS[i]
            english = not any("\u4e00" <= ch <= "\u9fff" for ch in account)
            data = maker.make(account, english, people[account], rep)
            shared = []
            if rng.random() < .08:  # a few deals shared with a colleague, sometimes across teams
                other = rng.choice([u for u in users if u.startswith("rep") and u != rep])
                shared.append(users[other])
            items.append(NewDeal(doc=Deal.model_validate(data), owner=users[rep], team_id=teams[team_name].pk,
                                 shared_with=shared))
            if len(items) == CHUNK or i == deals - 1:
                # Written a chunk at a time (still one transaction), so memory stays flat
                # however many deals are asked for.
                written += _write(items, details, today, assess)
                say(f"{written} deals written")
                items = []
    if assess:
        from dealpilot.forecast.demo import seed_quotas

        seed_quotas(today)  # this quarter's quotas, from all the deals written
    return {"users": len(users), "teams": len(teams), "accounts": m.Account.objects.count(),
            "deals": written, "stakeholders": m.DealStakeholder.objects.count()}


def _write(items: list[NewDeal], details: dict[str, tuple[str, str]], today: dt.date,
           assess: bool = True) -> int:
    opps = write_deals(items, account_details=details, assess=assess)
    m.ChangeRecord.objects.bulk_create(
        [m.ChangeRecord(opportunity=o, user=None, version=1, field="created", new=DEMO) for o in opps], batch_size=500)
    # The demo's deals have a month of history (the review's first snapshot): their load is dated
    # the day before it, not today, so it stays out of this week's history as it would in a real
    # workspace.
    loaded = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=REVIEW_WINDOW_DAYS + 1), dt.time(9)))
    m.ChangeRecord.objects.filter(field="created", new=DEMO, opportunity__in=[o.pk for o in opps]).update(at=loaded)
    seed_demo_history(opps, [i.doc for i in items], today)  # the review's "30 days ago"
    if assess:
        from dealpilot.forecast.demo import seed as seed_forecast

        seed_forecast(opps, [i.doc for i in items], today)  # calls, evidence, a week of moves
    return len(opps)
