"""compose.yaml (PostgreSQL, the app, the worker) is checked without Docker: its services, how
they wait for each other, the health checks, and that no secret is written in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ops.conftest import ROOT


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_the_app_the_worker_and_postgresql_are_there(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"db", "web", "worker"}
    assert services["db"]["image"].startswith("postgres:")
    assert "jobs_worker" in services["worker"]["command"]
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "migrate" in " ".join(services["web"]["command"])


def test_both_app_processes_use_postgresql_and_production_settings(compose: dict[str, Any]) -> None:
    for name in ("web", "worker"):
        env = compose["services"][name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["DEBUG"] == "false"
        assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
        assert compose["services"][name]["depends_on"]["db"]["condition"] == "service_healthy"


def test_health_checks_ask_postgresql_and_healthz(compose: dict[str, Any]) -> None:
    assert "pg_isready" in " ".join(compose["services"]["db"]["healthcheck"]["test"])
    web = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in web
    assert "127.0.0.1" in compose["services"]["web"]["environment"]["ALLOWED_HOSTS"]


def test_no_secret_is_written_in_the_file() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    for key in ("SECRET_KEY", "POSTGRES_PASSWORD"):
        values = re.findall(rf"^ *{key}: *(\S+)", text, re.M)
        assert values and all(v.startswith("${") for v in values), (key, values)
    assert re.findall(r"postgres://\w+:(\S*)", text) == ["${POSTGRES_PASSWORD:?set"]


def test_every_setting_it_passes_is_documented(compose: dict[str, Any]) -> None:
    documented = set(re.findall(r"^#? ?([A-Z][A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    passed = set(compose["services"]["web"]["environment"]) | set(compose["services"]["worker"]["environment"])
    assert passed - documented == set()


def test_the_image_it_builds_has_its_dockerfile() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("# ") and "FROM python:3.11" in dockerfile
    assert Path(ROOT / ".dockerignore").read_text().count("data") >= 1
