"""Settings come from the environment, fail loudly on bad values, and pass the deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "x" * 30 + "production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "dealpilot.example.com", "SECURE_SSL_REDIRECT": "true", "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true", "DEBUG": "false",
    "SECURE_PROXY_SSL_HEADER": "true", "TRUSTED_PROXY_HEADER": "HTTP_X_FORWARDED_FOR",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    clean = {k: v for k, v in os.environ.items()
             if k not in PRODUCTION and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY_FILE")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings", **env}, timeout=120)


def test_deploy_check_passes_when_configured_for_production() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_check_fails_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY_FILE=str(tmp_path / "absent"), **env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stdout + result.stderr


def test_a_bad_boolean_is_refused_by_name() -> None:
    result = _manage("check", DEBUG="perhaps")
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


def test_without_debug_a_missing_secret_key_stops_the_start(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", SECRET_KEY_FILE=str(tmp_path / "absent"), **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY must be set" in result.stderr


def test_the_secret_key_is_read_from_the_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("k" * 20 + "-from-the-key-file-0123456789-abcdefghijk\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.SECRET_KEY)",
                     SECRET_KEY_FILE=str(key_file), **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k" * 20 + "-from-the-key-file-0123456789-abcdefghijk"


def test_an_empty_key_file_is_no_key(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", SECRET_KEY_FILE=str(key_file), **env)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_settings_hold_no_secret_key() -> None:
    text = (ROOT / "dealpilot" / "web" / "settings.py").read_text()
    assert "django-insecure" not in text


def test_make_setup_writes_a_key_file_once(tmp_path: Path) -> None:
    key_file = tmp_path / "data" / "secret_key"
    make = ["make", "-s", "-C", str(ROOT), "secret-key", f"SECRET_KEY_FILE={key_file}"]
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    first = key_file.read_text()
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    assert key_file.read_text() == first and len(first.strip()) >= 50
    assert key_file.stat().st_mode & 0o077 == 0


def test_every_variable_the_settings_read_is_documented() -> None:
    import re

    settings_text = (ROOT / "dealpilot" / "web" / "settings.py").read_text()
    read = set(re.findall(r'(?:env(?:bool|int|list)|os\.getenv)\("([A-Z_]+)"', settings_text))
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.MULTILINE))
    internal = {"ROOT_URLCONF", "DEALPILOT_BENCH_URLS"}  # for tests and the benchmark, not operators
    assert read - internal - documented == set()
