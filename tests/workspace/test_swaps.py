"""Every in-place form lands where its save will swap: after the button's swap puts the form
on the page, the element the form targets (and its Cancel targets) still exists."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from tests.workspace.helpers import HX, furnish

# A row's Edit button swaps as its table says (hx-swap="outerHTML" on the table); the others say it.
_BUTTON = re.compile(r'hx-get="([^"]+)" hx-target="([^"]+)"(?: hx-swap="outerHTML")?>')
_IDS = re.compile(r'\bid="([^"]+)"')


def test_each_edit_form_targets_an_element_that_is_still_on_the_page(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    client = login(cast.rep_a)
    page = client.get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    page_ids = set(_IDS.findall(page))
    buttons = [(url, target) for url, target in _BUTTON.findall(page) if "/section/" not in url]
    assert len(buttons) > 10
    for url, target in buttons:
        form = client.get(url, **HX)
        assert form.status_code == 200, url
        html = form.content.decode()
        replaced = {target[1:]} if target.startswith("#") else set()
        ids_after = (page_ids - replaced) | set(_IDS.findall(html))
        post_target = re.search(r'hx-post="[^"]+" hx-target="#([^"]+)"', html)
        assert post_target and post_target.group(1) in ids_after, (url, post_target and post_target.group(1))
        for cancel in re.findall(r'hx-get="[^"]+" hx-target="#([^"]+)"', html):
            assert cancel in ids_after, (url, cancel)
