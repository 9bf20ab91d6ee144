"""Production settings: Django's deployment checks pass, and secrets come only from the
environment (without them the site refuses to start, saying which one is missing)."""

import base64
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import separate_site_env

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "TESTIMONIO_MASTER_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
}


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings.production"},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deployment_checks():
    result = check_deploy(separate_site_env(**SECRETS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_each_secret(missing):
    env = separate_site_env(**SECRETS)
    del env[missing]
    result = check_deploy(env)
    assert result.returncode != 0
    assert f"Set the environment variable {missing}" in result.stderr
