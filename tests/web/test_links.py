"""Remembered links answer as `reverse` does, also after the URL configuration changes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dealpilot.web import links


def test_a_link_is_the_reversed_url() -> None:
    assert links.url("deal_page", 42) == reverse("deal_page", args=[42]) == "/deals/42/"


def test_links_follow_a_changed_url_configuration(settings: Any) -> None:
    assert links.url("deal_list") == "/deals/"
    settings.ROOT_URLCONF = "tests.web.urls_elsewhere"
    assert links.url("deal_list") == "/elsewhere/deals/"
