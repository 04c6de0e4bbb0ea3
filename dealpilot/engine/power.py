"""Paths of introduction to the deciders and fund approvers we have not reached.

When budgets tighten, power moves up the organisation; existing contacts matter less as deciders
and more as a way in. For each unreached decider or fund approver we look for the best chain
from someone we already reach, over reporting lines (either direction) and known relationships,
preferring champions and supporters as the first link and shorter chains overall.
"""

from __future__ import annotations

import heapq

from dealpilot.engine.compiled import CompiledPlaybook
from dealpilot.engine.facts import REACHED, Facts
from dealpilot.engine.playbook import Text
from dealpilot.engine.results import IntroPath
from dealpilot.engine.wording import text

#: Who makes a good first link: asking a champion for an introduction costs little.
_START = {"champion": 0.0, "supporter": 0.3, "neutral": 1.0, "unknown": 1.2, "skeptic": 2.5, "opponent": 5.0}
#: People in the middle of a chain pass us on more willingly when they are on our side.
_MIDDLE = {"champion": 0.0, "supporter": 0.1, "neutral": 0.4, "unknown": 0.5, "skeptic": 1.5, "opponent": 3.0}
_EDGE = {"reports_to": 1.0, "works_closely": 0.8, "knows": 1.0}
TARGET_KINDS = ("decides", "approves_budget")


def _graph(facts: Facts) -> dict[str, dict[str, float]]:
    g: dict[str, dict[str, float]] = {sid: {} for sid in facts.people}

    def link(a: str, b: str, w: float) -> None:
        if a in g and b in g and a != b:
            g[a][b] = min(w, g[a].get(b, w))
            g[b][a] = g[a][b]

    for s in facts.deal.stakeholders:
        if s.reports_to:
            link(s.id, s.reports_to, _EDGE["reports_to"])
        for r in s.relationships:
            link(s.id, r.with_, _EDGE[r.kind.value])
    return g


def _best_chain(target: str, g: dict[str, dict[str, float]], facts: Facts) -> list[str] | None:
    """Cheapest chain ending at `target`, starting at someone reached (Dijkstra from the target)."""
    people = facts.people
    dist = {target: 0.0}
    prev: dict[str, str] = {}
    heap = [(0.0, target)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, float("inf")):
            continue
        hop = 0.0 if u == target else _MIDDLE[people[u].attitude]
        for v, w in g[u].items():
            nd = d + w + hop
            if nd < dist.get(v, float("inf")):
                dist[v], prev[v] = nd, u
                heapq.heappush(heap, (nd, v))
    best, best_cost = None, float("inf")
    for sid, d in dist.items():
        s = people[sid]
        if sid == target or s.access not in REACHED:
            continue
        cost = d + _START[s.attitude] + (0.2 if s.access == "met" else 0.0)
        if cost < best_cost:
            best, best_cost = sid, cost
    if best is None:
        return None
    chain = [best]
    while prev[chain[-1]] != target:
        chain.append(prev[chain[-1]])
    return chain


def _message(facts: Facts, chain: list[str], target: str, role: Text) -> Text:
    names = [facts.name(s) for s in chain] + [facts.name(target)]
    t = f"{names[-1]}（{role.zh}）"
    te = f"{names[-1]} ({role.en})"
    if len(names) == 2:
        return text(f"请{names[0]}引荐你认识{t}", f"Ask {names[0]} to introduce you to {te}")
    zh = f"请{names[0]}引荐{names[1]}" + "".join(f"，再请{a}引荐{b}" for a, b in zip(names[1:-2], names[2:-1], strict=True))
    en = f"Ask {names[0]} to introduce you to {names[1]}" + "".join(
        f", then {a} to {b}" for a, b in zip(names[1:-2], names[2:-1], strict=True))
    return text(f"{zh}，再请{names[-2]}引荐{t}", f"{en}, then {names[-2]} to {te}")


def intro_paths(cp: CompiledPlaybook, facts: Facts) -> list[IntroPath]:
    targets: dict[str, str] = {}  # stakeholder id -> the role that makes them a target
    for role in (getattr(facts.roles, kind) for kind in TARGET_KINDS):
        for s in facts.role_holders(role):
            if s.access not in REACHED:
                targets.setdefault(s.id, role)
    if not targets:
        return []
    g = _graph(facts)
    out = []
    for sid, role in targets.items():
        name = cp.role_name(role)
        chain = _best_chain(sid, g, facts)
        if chain is None:
            who = facts.name(sid)
            msg = text(f"尚不知道如何接触{who}（{name.zh}）：向已接触的人打听谁与其共事或熟识",
                       f"No known path to {who} ({name.en}): ask the people you reach who works with them")
            out.append(IntroPath(target=sid, via=[], message=msg))
        else:
            out.append(IntroPath(target=sid, via=chain, message=_message(facts, chain, sid, name)))
    return out
