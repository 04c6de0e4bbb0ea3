"""In a real Chromium: the power map edits a stakeholder and the flags follow; the review draws
its charts in Chinese and English without console errors, prints to PDF, and is photographed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.accounts.models import Role
from dealpilot.engine import assess
from dealpilot.engine.playbook import get_playbook
from dealpilot.review.snapshots import seed_demo_history
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.review.conftest import example_document, write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

DRAWN = "el => el.dataset.drawn && !['error', 'empty'].includes(el.dataset.drawn)"


@pytest.fixture
def people() -> dict[str, Any]:
    team = make_team("华东大区")
    return {"rep": make_user("rep1", team=team), "manager": make_user("manager1", team=team, role=Role.MANAGER)}


def _flag(doc: Any, fid: str, lang: str) -> str:
    result = assess(doc, get_playbook(doc.playbook), as_of=timezone.localdate())
    return next(f.message.get(lang) for f in result.flags if f.id == fid)


def _wait_drawn(page: Any, selector: str) -> None:
    page.wait_for_function(f"() => {{ const el = document.querySelector({selector!r}); return el && ({DRAWN})(el); }}")


def _click_node(page: Any, sid: str) -> None:
    """Click the node itself, where ECharts drew it."""
    spot = page.evaluate("""sid => {
        const el = document.querySelector('[data-powermap]');
        const chart = el.dealpilotChart();
        const node = chart.getOption().series[0].data.find(d => d.id === sid);
        const [x, y] = chart.convertToPixel({seriesIndex: 0}, [node.x, node.y]);
        const box = el.getBoundingClientRect();
        return {x: box.left + x, y: box.top + y};
    }""", sid)
    page.mouse.click(spot["x"], spot["y"])


def _chart_drew(page: Any, selector: str) -> int:
    """How many shapes the chart's SVG (or how many painted pixels its canvas) holds."""
    return page.evaluate("""sel => {
        const el = document.querySelector(sel);
        const svg = el.querySelector('svg');
        if (svg) return svg.querySelectorAll('path, circle, rect, text').length;
        const canvas = el.querySelector('canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
        return painted;
    }""", selector)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "review.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
    # Without poppler: the document title Chromium writes into the PDF (UTF-16 hex) names the deal.
    found = re.search(rb"/Title\s*<FEFF([0-9A-Fa-f]+)>", pdf)
    return bytes.fromhex(found.group(1).decode()).decode("utf-16-be") if found else ""


def test_changing_an_attitude_on_the_power_map_clears_the_flag(browser: Any, people: dict[str, Any]) -> None:
    doc = example_document("zh")
    deal = write_example(people["rep"], doc)
    hostile = _flag(doc, "hostile_influencer", "zh")
    page = browser.open("zh")
    browser.login(page, "rep1")
    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    _wait_drawn(page, "[data-powermap]")
    assert hostile in page.inner_text("#deal-verdict")

    _click_node(page, "s5")  # 赵磊, head of IT: a high-influence skeptic
    form = page.locator("#powermap-panel form")
    form.wait_for()
    form.locator("select[name=attitude]").select_option("supporter")
    form.locator("button[type=submit]").click()

    page.wait_for_function("t => !document.querySelector('#deal-verdict').innerText.includes(t)", arg=hostile)
    page.wait_for_function("""() => {
        const chart = document.querySelector('[data-powermap]').dealpilotChart();
        const node = chart.getOption().series[0].data.find(d => d.id === 's5');
        return node.itemStyle.color === '#43a047';
    }""")  # the map redrew the person in the supporters' green
    assert page.locator("#powermap-panel form").count() == 0
    assert browser.errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_draws_prints_and_is_photographed(browser: Any, people: dict[str, Any], lang: str,
                                                     tmp_path: Path) -> None:
    doc = example_document(lang)
    deal = write_example(people["rep"], doc)
    seed_demo_history([deal], [doc])  # as the demo does: a snapshot from 30 days ago to compare with
    page = browser.open(lang)
    browser.login(page, "manager1")

    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    _wait_drawn(page, "[data-powermap]")
    legend = page.inner_text(".dp-pm-legend")
    assert ("态度" in legend) if lang == "zh" else ("Attitude" in legend)

    page.goto(f"{browser.base_url}/deals/{deal.pk}/review/")
    _wait_drawn(page, "[data-chart=radar]")
    _wait_drawn(page, "[data-powermap]")
    assert _chart_drew(page, "[data-chart=radar]") > 10
    assert _chart_drew(page, "[data-powermap]") > 10
    heading = page.inner_text("h1")
    assert heading == deal.name
    title = page.inner_text("#review-changes h2")
    assert title == ("自上次评审以来的变化" if lang == "zh" else "What changed since the last review")
    result = assess(doc, get_playbook(doc.playbook), as_of=timezone.localdate())
    paths = page.inner_text("#review-call-plan")
    assert all(p.message.get(lang) in paths for p in result.intro_paths)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"review-{lang}.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    (SCREENSHOTS / f"review-{lang}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert deal.name in " ".join(_pdf_text(pdf, tmp_path).split()) or deal.name in _pdf_text(pdf, tmp_path)
    assert browser.errors == []
