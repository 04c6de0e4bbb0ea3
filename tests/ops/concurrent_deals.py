"""Run as a program against the file database DATABASE_URL names: USERS reps each create DEALS
deals, all starting at the same moment, through the app's own new-deal form (one thread and one
database connection per rep, as gunicorn's workers would have). Prints one JSON line:
{"created": n, "failed": n, "errors": [first few messages]}.
"""

from __future__ import annotations

import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tests.web.factories import make_team, make_user  # noqa: E402


def main(users: int, deals: int) -> dict[str, object]:
    team = make_team()
    reps = [make_user(f"rep-at-once-{n}", team=team) for n in range(users)]
    connection.close()
    start = threading.Barrier(users)
    lock = threading.Lock()
    outcome: dict[str, object] = {"created": 0, "failed": 0, "errors": []}

    def rep(n: int) -> None:
        client = Client()
        client.force_login(reps[n])
        start.wait()
        for i in range(deals):
            try:
                response = client.post("/deals/new/", {
                    "account": f"同时客户 {n}-{i} 有限公司", "name": f"同时商机 {n}-{i}",
                    "amount": "100000", "currency": "CNY", "stage": "lead"})
                ok, error = response.status_code == 302, f"HTTP {response.status_code}"
            except Exception as exc:  # the test client re-raises the view's error
                ok, error = False, f"{type(exc).__name__}: {exc}"
            with lock:
                outcome["created" if ok else "failed"] += 1  # type: ignore[operator]
                if not ok and len(outcome["errors"]) < 5:  # type: ignore[arg-type]
                    outcome["errors"].append(error)  # type: ignore[union-attr]
        connection.close()

    threads = [threading.Thread(target=rep, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2])), ensure_ascii=False))
