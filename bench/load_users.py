"""The load test's people, for locust (run in-process by bench/bench_load.py).

Each rep logs in as one of the demo's reps and works on that rep's deals; each manager reads the
team's. Every request is timed here and classed: success, conflict (409: someone saved the deal
first, as the app should say), or error (5xx, "database is locked", any other refusal, no answer).
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections import defaultdict
from typing import Any

import gevent
from locust import HttpUser, between, task
from locust.env import Environment

VERSION = re.compile(r'name="version" value="(\d+)"')
ANSWER = re.compile(r'<div class="dp-crit dp-crit-(\w+)" id="answer-(\w+)">')
NEW_DEAL = re.compile(r"^/deals/(\d+)/$")
STATUSES = ["yes", "partly", "no", "unknown"]
STAGES = ["lead", "qualify", "develop", "propose", "negotiate", "commit"]


class Run:
    """What every simulated user shares: the plan and what happened."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.reps = itertools.cycle(sorted(plan["reps"]))
        self.managers = itertools.cycle(sorted(plan["managers"]))
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.conflicts = 0
        self.saves: dict[int, int] = defaultdict(int)
        self.created: list[int] = []
        self.logged_in = 0


RUN: Run | None = None


class Person(HttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)
    logins: str = ""

    def on_start(self) -> None:
        assert RUN is not None
        self.username = next(getattr(RUN, self.logins))
        self.deals = list(RUN.plan[self.logins][self.username])
        for _attempt in range(3):  # as a person would try again; each failure is an error
            self.call("GET", "/accounts/login/", "login page")
            if self.call("POST", "/accounts/login/", "login", ok=(302,),
                         data={"username": self.username, "password": RUN.plan["password"]}) is not None:
                break
        RUN.logged_in += 1

    def call(self, method: str, url: str, name: str, ok: tuple[int, ...] = (200,), **kw: Any) -> Any:
        """One request, timed and classed; the response, or None when it was not a success."""
        assert RUN is not None
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")} if method == "POST" else {}
        started = time.perf_counter()
        try:
            response = self.client.request(method, url, name=name, allow_redirects=False, headers=headers,
                                           timeout=60, **kw)
        except Exception as exc:  # the server did not answer
            RUN.errors.append(f"{name} {url}: {type(exc).__name__}: {exc}")
            return None
        RUN.times[name].append((time.perf_counter() - started) * 1000)
        if response.status_code in ok:
            return response
        if response.status_code == 409:
            RUN.conflicts += 1
            return None
        if response.status_code == 0:  # locust's answer for a connection that failed or timed out
            RUN.errors.append(f"{name} {url}: no answer ({response.error})")
            return None
        locked = " (database is locked)" if "database is locked" in response.text else ""
        RUN.errors.append(f"{name} {url}: HTTP {response.status_code}{locked}")
        return None

    def deal(self) -> int:
        return random.choice(self.deals)


class Rep(Person):
    weight = 4
    logins = "reps"

    def open(self) -> tuple[int, str] | None:
        pk = self.deal()
        page = self.call("GET", f"/deals/{pk}/", "deal page")
        return (pk, page.text) if page is not None else None

    def saved(self, pk: int, response: Any) -> None:
        if response is not None:
            assert RUN is not None
            RUN.saves[pk] += 1

    @task(4)
    def answer(self) -> None:
        opened = self.open()
        if opened is None:
            return
        pk, html = opened
        version, answers = VERSION.search(html), ANSWER.findall(html)
        if not (version and answers):
            return
        current, cid = random.choice(answers)
        status = random.choice([s for s in STATUSES if s != current])
        self.saved(pk, self.call("POST", f"/deals/{pk}/answers/{cid}/", "save: answer", ok=(302,),
                                 data={"version": version.group(1), "status": status}))

    @task(2)
    def stakeholder(self) -> None:
        opened = self.open()
        version = VERSION.search(opened[1]) if opened else None
        if opened is None or version is None:
            return
        pk = opened[0]
        data = {"version": version.group(1), "name": f"联系人{random.randrange(10**6)}", "title": "经理",
                "influence": "medium", "attitude": "unknown", "access": "none"}
        self.saved(pk, self.call("POST", f"/deals/{pk}/stakeholders/new/", "save: stakeholder", ok=(302,), data=data))

    def document(self, pk: int) -> dict[str, Any] | None:
        response = self.call("GET", f"/deals/{pk}/document.json", "document")
        return json.loads(response.text) if response is not None else None

    @task(2)
    def stage(self) -> None:
        pk = self.deal()
        doc = self.document(pk)
        if doc is None:
            return
        opp = doc["opportunity"]
        stage = random.choice([s for s in STAGES if s != opp["stage"]])
        self.saved(pk, self.call("POST", f"/pipeline/board/{pk}/stage/", "save: stage",
                                 data={"version": opp["version"], "stage": stage}))

    @task(1)
    def upload(self) -> None:
        pk = self.deal()
        doc = self.document(pk)
        if doc is None:
            return
        doc["opportunity"]["amount"] = (doc["opportunity"].get("amount") or 100_000) + 1000
        body = json.dumps(doc, ensure_ascii=False).encode()
        self.saved(pk, self.call("POST", f"/deals/{pk}/upload/", "save: upload", ok=(302,),
                                 files={"document": (f"deal-{pk}.json", body, "application/json")}))

    @task(1)
    def new_deal(self) -> None:
        n = random.randrange(10**9)
        response = self.call("POST", "/deals/new/", "save: new deal", ok=(302,), data={
            "account": f"负载测试客户 {n} 有限公司", "name": f"负载测试商机 {n}", "amount": "500000",
            "currency": "CNY", "stage": "lead"})
        made = NEW_DEAL.match(response.headers.get("Location", "")) if response is not None else None
        if made:
            assert RUN is not None
            RUN.created.append(int(made.group(1)))
            self.deals.append(int(made.group(1)))


class Manager(Person):
    weight = 1
    logins = "managers"

    @task(3)
    def pipeline(self) -> None:
        self.call("GET", "/pipeline/", "pipeline")

    @task(1)
    def board(self) -> None:
        self.call("GET", "/pipeline/board/", "board")

    @task(2)
    def review(self) -> None:
        self.call("GET", f"/deals/{self.deal()}/review/", "review")

    @task(2)
    def deal_page(self) -> None:
        self.call("GET", f"/deals/{self.deal()}/", "deal page")


def run_load(base: str, plan: dict[str, Any], users: int, seconds: int) -> dict[str, Any]:
    """Log everyone in, then measure `seconds` of work; users finish the task they are in."""
    global RUN
    RUN = Run(plan)
    env = Environment(user_classes=[Rep, Manager], host=base, stop_timeout=60)
    runner = env.create_local_runner()
    # Logins arrive a few a second: each is a deliberately slow password hash.
    runner.start(users, spawn_rate=max(2, users / 20))
    deadline = time.monotonic() + 300
    while RUN.logged_in < users and time.monotonic() < deadline:
        gevent.sleep(0.2)
    # Logging in (a deliberately slow password hash) is not what is measured.
    RUN.times.clear()
    started = time.monotonic()
    gevent.sleep(seconds)
    runner.stop()
    elapsed = time.monotonic() - started
    runner.quit()
    return {"times": dict(RUN.times), "errors": RUN.errors, "conflicts": RUN.conflicts, "seconds": elapsed,
            "logged_in": RUN.logged_in,
            "acknowledged": {"deals": dict(RUN.saves), "versions": plan["versions"], "created": RUN.created}}
