"""gunicorn's settings come from the environment like the app's, and refuse bad values by name."""

from __future__ import annotations

import runpy
import socket
from typing import Any

import pytest

from dealpilot.ops.hosts import lan_hosts
from tests.ops.conftest import ROOT

CONF = str(ROOT / "dealpilot" / "web" / "gunicorn_conf.py")


def _conf(monkeypatch: Any, **env: str) -> dict[str, Any]:
    for name in ("HOST", "PORT", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(CONF)


def test_workers_are_two_per_core_plus_one_at_most_nine(monkeypatch: Any) -> None:
    conf = _conf(monkeypatch)
    assert conf["default_workers"](2) == 5 and conf["default_workers"](8) == 9
    assert conf["default_workers"](None) == 3
    assert conf["bind"] == "0.0.0.0:8000"


def test_the_environment_sets_address_port_and_workers(monkeypatch: Any) -> None:
    conf = _conf(monkeypatch, HOST="127.0.0.1", PORT="8123", WEB_CONCURRENCY="2", GUNICORN_TIMEOUT="90")
    assert (conf["bind"], conf["workers"], conf["timeout"]) == ("127.0.0.1:8123", 2, 90)


@pytest.mark.parametrize("name,value", [("PORT", "eighty"), ("WEB_CONCURRENCY", "0"), ("GUNICORN_TIMEOUT", "-5")])
def test_a_bad_value_is_refused_by_name(monkeypatch: Any, name: str, value: str) -> None:
    with pytest.raises(SystemExit, match=f"{name} must be a whole number of 1 or more, not '{value}'"):
        _conf(monkeypatch, **{name: value})


def test_make_serve_answers_to_this_machine_on_the_lan() -> None:
    hosts = lan_hosts()
    assert hosts[:3] == ["localhost", "127.0.0.1", "[::1]"]
    assert socket.gethostname() in hosts
    assert len(hosts) == len(set(hosts))
