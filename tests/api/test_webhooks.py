"""Webhooks: an admin registers a receiver; deals created, changed, won or flagged through any door
are delivered to it signed, retried with backoff, each attempt logged with its answer. The
receiver is a real HTTP server on loopback, in a thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dealpilot.api.models import Webhook, WebhookDelivery
from dealpilot.api.webhooks.signing import verify
from tests.api.factory import example_data
from tests.web.conftest import Cast


class Receiver:
    """Answers each POST with the next status of `answers` (then 200), keeping what it got."""

    def __init__(self) -> None:
        self.got: list[dict[str, Any]] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.got.append({"headers": self.headers, "body": body})  # names case-insensitive
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"thanks" if status == 200 else b"busy")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self) -> list[str]:
        return [g["headers"]["X-DealPilot-Event"] for g in self.got]


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.WEBHOOK_RETRY_SECONDS = 0  # backoff waits of 0 s: the doubling is tested below
    r = Receiver()
    yield r
    r.server.shutdown()


def _register(api_as: Any, url: str, events: list[str]) -> dict[str, Any]:
    response = api_as("admin").post("webhooks", {"url": url, "events": events})
    assert response.status_code == 201, response.content
    return response.json()


def test_a_won_deal_is_delivered_signed(api_as: Any, cast: Cast, receiver: Receiver,
                                        django_capture_on_commit_callbacks: Any) -> None:
    hook = _register(api_as, receiver.url, ["deal.won", "deal.stage_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "stage": "won"})
    assert response.status_code == 200
    assert sorted(receiver.events()) == ["deal.stage_changed", "deal.won"]
    for got in receiver.got:
        headers = got["headers"]
        assert verify(hook["secret"], headers["X-DealPilot-Timestamp"], got["body"], headers["X-DealPilot-Signature"])
        assert not verify("another secret", headers["X-DealPilot-Timestamp"], got["body"],
                          headers["X-DealPilot-Signature"])
    payload = json.loads(receiver.got[0]["body"])
    assert payload["deal"]["id"] == cast.deal.pk and payload["deal"]["stage"] == "won" and payload["by"] == "rep_a"
    delivery = WebhookDelivery.objects.filter(event="deal.won").get()
    assert delivery.status == "delivered" and delivery.attempts[0]["status"] == 200
    assert delivery.attempts[0]["body"] == "thanks"


def test_a_delivery_is_retried_until_the_receiver_takes_it(api_as: Any, cast: Cast, receiver: Receiver,
                                                           django_capture_on_commit_callbacks: Any) -> None:
    _register(api_as, receiver.url, ["deal.created"])
    receiver.answers = [503, 500]
    with django_capture_on_commit_callbacks(execute=True):
        assert api_as("rep_a").post("deals", example_data()).status_code == 201
    assert receiver.events() == ["deal.created"] * 3
    ids = {g["headers"]["X-DealPilot-Delivery"] for g in receiver.got}
    assert len(ids) == 1  # the same delivery each time: a receiver can drop repeats
    delivery = WebhookDelivery.objects.get()
    assert [a["status"] for a in delivery.attempts] == [503, 500, 200]
    assert delivery.status == "delivered"


def test_a_receiver_that_never_answers_well_fails_after_the_attempts_with_each_logged(
        api_as: Any, cast: Cast, receiver: Receiver, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    from dealpilot.jobs.models import Job

    settings.WEBHOOK_MAX_ATTEMPTS = 3
    _register(api_as, receiver.url, ["deal.updated"])
    receiver.answers = [500, 500, 500, 500]
    with django_capture_on_commit_callbacks(execute=True):
        api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "name": "新名字"})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and [a["status"] for a in delivery.attempts] == [500, 500, 500]
    assert Job.objects.get(kind="webhook").status == "failed"


def test_retries_wait_longer_each_time(cast: Cast, settings: Any) -> None:
    from dealpilot.api.webhooks.delivery import deliver

    settings.WEBHOOK_RETRY_SECONDS, settings.WEBHOOK_MAX_ATTEMPTS = 10, 4
    hook = Webhook.objects.create(url="http://127.0.0.1:9/nothing-listens", events=["deal.updated"])
    delivery = WebhookDelivery.objects.create(webhook=hook, event="deal.updated", payload={})
    waits: list[float] = []
    done = deliver(delivery.pk, sleep=waits.append)
    assert waits == [10, 20, 40]
    assert done.status == "failed" and all(a["error"] for a in done.attempts)


def test_a_change_on_the_deal_page_is_delivered_too(cast: Cast, receiver: Receiver, api_as: Any,
                                                    django_capture_on_commit_callbacks: Any) -> None:
    from tests.security.world import browser, csrf_post

    _register(api_as, receiver.url, ["deal.stage_changed"])
    page = browser(cast.rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        csrf_post(page, f"/pipeline/board/{cast.deal.pk}/stage/", {"version": 1, "stage": "negotiate"})
    assert receiver.events() == ["deal.stage_changed"]


def test_a_new_flag_is_delivered(api_as: Any, cast: Cast, receiver: Receiver,
                                 django_capture_on_commit_callbacks: Any) -> None:
    _register(api_as, receiver.url, ["deal.flag_raised"])
    with django_capture_on_commit_callbacks(execute=True):
        assert api_as("rep_a").post("deals", example_data()).status_code == 201
    assert receiver.events() and set(receiver.events()) == {"deal.flag_raised"}
    assert json.loads(receiver.got[0]["body"])["flags"]


def test_nothing_is_sent_for_a_refused_change(api_as: Any, cast: Cast, receiver: Receiver,
                                              django_capture_on_commit_callbacks: Any) -> None:
    _register(api_as, receiver.url, ["deal.updated", "deal.stage_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 7, "stage": "won"})
        api_as("rep_a").patch(f"deals/{cast.deal.pk}", {"version": 1, "currency": "yuan"})
    assert receiver.got == [] and not WebhookDelivery.objects.exists()


def test_only_admins_manage_webhooks_and_bad_events_are_refused(api_as: Any, cast: Cast) -> None:
    assert api_as("manager_a").post("webhooks", {"url": "http://127.0.0.1:1/", "events": ["deal.won"]}).status_code == 403
    assert api_as("manager_a").get("webhooks").status_code == 403
    bad = api_as("admin").post("webhooks", {"url": "http://127.0.0.1:1/", "events": ["deal.won", "deal.sold"]})
    assert bad.status_code == 422 and bad.json()["problems"][0]["path"] == "body.events[1]"
    assert api_as("admin").post("webhooks", {"url": "not a url", "events": ["deal.won"]}).status_code == 422
    assert not Webhook.objects.exists()
