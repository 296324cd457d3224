"""The production set-up: what docker-compose.yml and the Dockerfile name exists, and production settings
pass Django's deployment checks and refuse to start half-configured."""

import importlib
import importlib.util
import ipaddress
import os
import re
import runpy
import secrets
import shlex
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery.app.utils import find_app
from django.core.exceptions import ImproperlyConfigured

import danvan.celery

BASE_DIR = Path(__file__).resolve().parents[2]
PORTAL_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


def words(service):
    """The service's command as the words a shell would see (a `sh -c` script is split too)."""
    command = service.get("command") or []
    if isinstance(command, str):
        command = [command]
    return [word for part in command for word in shlex.split(part)]


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: str(value) for key, value in env.items()}


def mounts(service):
    """(source, target) of each volume of the service, short or long syntax."""
    result = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            result.append((volume.get("source"), volume["target"]))
        else:
            source, target = volume.split(":")[:2]
            result.append((source, target))
    return result


def option(argv, *names):
    """The value of a command-line option given as `--name value` or `--name=value`."""
    for index, word in enumerate(argv):
        for name in names:
            if word == name and index + 1 < len(argv):
                return argv[index + 1]
            if word.startswith(f"{name}="):
                return word.split("=", 1)[1]
    return None


def celery_argv(service):
    argv = words(service)
    return argv[argv.index("celery"):] if "celery" in argv else []


def test_compose_runs_the_five_services(compose):
    services = compose["services"]

    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    assert services["db"]["image"].split(":")[1].startswith("16")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:7")


def test_web_serves_the_real_wsgi_application_after_migrating(compose):
    argv = words(compose["services"]["web"])

    target = argv[argv.index("gunicorn") + 1]
    module_name, attribute = target.split(":")
    module = importlib.import_module(module_name)
    assert getattr(module, attribute) is importlib.import_module("danvan.wsgi").application
    assert argv.index("migrate") < argv.index("gunicorn")
    assert argv.index("collectstatic") < argv.index("gunicorn")


@pytest.mark.parametrize("name, subcommand", [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_the_real_celery_app(compose, name, subcommand):
    argv = celery_argv(compose["services"][name])

    assert argv, f"{name} does not run celery"
    app_name = option(argv, "-A", "--app")
    assert find_app(app_name) is danvan.celery.app
    assert subcommand in argv


def test_worker_recycles_its_children_for_pdf_memory(compose):
    argv = celery_argv(compose["services"]["worker"])

    assert int(option(argv, "--max-tasks-per-child")) > 0


def test_exactly_one_beat_runs(compose):
    services = compose["services"]
    beats = [name for name, service in services.items() if "beat" in celery_argv(service)]
    embedded = [name for name, service in services.items()
                if {"-B", "--beat"} & set(celery_argv(service))]

    assert beats == ["beat"]
    assert embedded == [], "a worker with an embedded beat is a second beat"
    beat = services["beat"]
    assert beat.get("container_name") or beat.get("deploy", {}).get("replicas") == 1, "beat could be scaled"
    assert (beat.get("deploy") or {}).get("replicas", 1) == 1


@pytest.mark.parametrize("name", PORTAL_SERVICES)
def test_portal_services_run_production_settings_from_the_environment(compose, name):
    env = environment(compose["services"][name])

    assert env["DJANGO_ENV"] == "production"
    for key in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        assert env.get(key), f"{name} lacks {key}"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:" in env["DATABASE_URL"]
    assert env["CELERY_BROKER_URL"].startswith("redis://redis:")
    settings_module = env.get("DJANGO_SETTINGS_MODULE", "danvan.settings")
    assert importlib.util.find_spec(settings_module) is not None, f"no settings module {settings_module}"
    # The secret never lives in the file: it is interpolated from the environment or .env.
    assert env["DJANGO_SECRET_KEY"].startswith("${")


@pytest.mark.parametrize("name", ["web", "worker"])
def test_uploaded_files_live_on_a_named_volume(compose, name):
    service = compose["services"][name]
    media_root = environment(service)["DJANGO_MEDIA_ROOT"]

    sources = [source for source, target in mounts(service) if target == media_root]
    assert sources, f"nothing mounted at {media_root} in {name}"
    assert sources[0] in compose["volumes"], "the media volume must be a named volume"


def test_services_have_health_checks(compose):
    services = compose["services"]

    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz/" in web_check
    for name in ("worker", "db", "redis"):
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["worker"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_image_installs_what_weasyprint_needs():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split() for line in dockerfile.splitlines() if line.strip() and not line.startswith("#")]

    assert instructions[0] == ["FROM", "python:3.12-slim-bookworm"]
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-liberation2",
                    "fonts-dejavu-core"):
        assert package in dockerfile
    assert "pip install ." in dockerfile
    users = [parts[1] for parts in instructions if parts[0] == "USER"]
    assert users and users[-1] not in {"root", "0"}
    ignored = (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "var", ".env", ".git"} <= set(ignored)


# --- Production settings ------------------------------------------------------------------------

def _random_secret_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def _production_env(tmp_path, **overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DANVAN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="danvan.settings",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="danvan.example.vn",
        DANVAN_VAR_DIR=str(tmp_path),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _manage(tmp_path, *args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=_production_env(tmp_path, **env),
        capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(tmp_path, "check", DJANGO_SECRET_KEY=None)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY phải được đặt khi chạy production" in result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_raise_without(monkeypatch, tmp_path, missing):
    for key, value in _production_env(tmp_path).items():
        if key.startswith(("DJANGO_", "DANVAN_")):
            monkeypatch.setenv(key, value)
    monkeypatch.delenv(missing)

    with pytest.raises(ImproperlyConfigured, match=f"{missing} phải được đặt"):
        runpy.run_path(str(BASE_DIR / "danvan" / "settings.py"))


def test_email_links_point_at_the_production_host_unless_told_otherwise(monkeypatch, tmp_path):
    for key, value in _production_env(tmp_path).items():
        if key.startswith(("DJANGO_", "DANVAN_")):
            monkeypatch.setenv(key, value)

    default = runpy.run_path(str(BASE_DIR / "danvan" / "settings.py"))["DANVAN_SITE_URL"]
    monkeypatch.setenv("DANVAN_SITE_URL", "https://dv.phuong.vn/")
    chosen = runpy.run_path(str(BASE_DIR / "danvan" / "settings.py"))["DANVAN_SITE_URL"]

    assert default == "https://danvan.example.vn"
    assert chosen == "https://dv.phuong.vn"


def with_defaults(value):
    """A compose value with every ${NAME:-default} replaced by its default, as when .env does not set NAME."""
    pattern = re.compile(r"\$\{[A-Z_]+:-([^${}]*)\}")
    while pattern.search(value):
        value = pattern.sub(r"\1", value)
    return value


def test_web_trusts_the_forwarded_address_only_from_the_gateway_the_host_proxy_comes_through(compose):
    trusted = with_defaults(environment(compose["services"]["web"])["DANVAN_TRUSTED_PROXIES"])
    network = compose["networks"]["default"]["ipam"]["config"][0]
    gateway, subnet = with_defaults(network["gateway"]), with_defaults(network["subnet"])

    assert trusted == gateway
    assert ipaddress.ip_address(gateway) in ipaddress.ip_network(subnet)
    # gunicorn is published on the host's loopback only: nobody else reaches it through that gateway.
    assert compose["services"]["web"]["ports"][0].startswith("${DANVAN_HTTP_BIND:-127.0.0.1}:")
