"""Two app servers on one database behave as one: a session started on one is valid on the other
(and ended by logging out on the other), and failed logins count across both. Nothing a user
depends on lives in a server process."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from tests.ops.conftest import manage
from tests.ops.servers import gunicorn

PASSWORD = "two-servers-pass-word"


def _make_rep(database_url: str) -> None:
    code = ("from tests.web.factories import make_team, make_user; "
            f"make_user('rep1', team=make_team('华东大区'), password={PASSWORD!r})")
    result = manage(database_url, "shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr


def _log_in(browser: requests.Session, base: str, password: str) -> requests.Response:
    page = browser.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return browser.post(f"{base}/accounts/login/", allow_redirects=False,
                        data={"csrfmiddlewaretoken": token.group(1), "username": "rep1", "password": password})


def _signed_in(browser: requests.Session, base: str) -> bool:
    response = browser.get(f"{base}/deals/", allow_redirects=False)
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def _log_out(browser: requests.Session, base: str) -> None:
    page = browser.get(f"{base}/deals/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "the deal list has a logout form"
    response = browser.post(f"{base}/accounts/logout/", data={"csrfmiddlewaretoken": token.group(1)},
                            allow_redirects=False)
    assert response.status_code == 302


def test_a_session_started_on_one_server_is_valid_on_the_other(migrated_database_url: str, tmp_path: Path) -> None:
    _make_rep(migrated_database_url)
    with gunicorn(migrated_database_url, tmp_path / "a.log") as a, gunicorn(migrated_database_url, tmp_path / "b.log") as b:
        browser = requests.Session()
        assert _log_in(browser, a, PASSWORD).status_code == 302
        assert _signed_in(browser, b), "server B did not know the session server A started"
        _log_out(browser, b)
        assert not _signed_in(browser, a), "logging out on B left the session alive on A"


def test_failed_logins_on_one_server_lock_the_other(migrated_database_url: str, tmp_path: Path) -> None:
    _make_rep(migrated_database_url)
    with gunicorn(migrated_database_url, tmp_path / "a.log", LOGIN_MAX_FAILURES="3") as a, \
            gunicorn(migrated_database_url, tmp_path / "b.log", LOGIN_MAX_FAILURES="3") as b:
        guesser = requests.Session()
        assert [_log_in(guesser, a, "wrong").status_code for _ in range(3)] == [400, 400, 400]
        # The fourth try, with the right password, on the other server: locked.
        assert _log_in(requests.Session(), b, PASSWORD).status_code == 429
