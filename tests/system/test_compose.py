"""docker-compose.yml is valid, and every command it runs exists in the project.

There is no Docker engine here: this is how we keep the file true.
"""

import importlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["migrate", "web", "worker", "beat"]


def test_the_file_is_valid_against_the_compose_specification():
    result = subprocess.run(
        [
            Path(sys.executable).parent / "check-jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            "docker-compose.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_services_are_there():
    assert {"db", "redis", "migrate", "web", "worker", "beat", "mailpit"} <= set(SERVICES)
    assert SERVICES["db"]["image"].startswith("postgres:16")
    assert "healthcheck" in SERVICES["db"] and "healthcheck" in SERVICES["redis"]
    assert SERVICES["mailpit"]["profiles"] == ["dev"]
    assert "db-data" in COMPOSE["volumes"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_the_image_and_the_env_file(name):
    service = SERVICES[name]
    assert service["build"] == "."
    assert service["env_file"] == ".env"


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_processes_wait_for_healthy_services_and_the_migrations(name):
    depends = SERVICES[name]["depends_on"]
    assert depends["db"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_worker_scales_and_beat_is_alone():
    for key in ("container_name", "ports"):
        assert key not in SERVICES["worker"], f"`{key}` would stop `--scale worker=N`"
    assert "replicas" not in SERVICES["beat"].get("deploy", {})


def assert_command_exists(argv):
    program, *args = argv
    if program == "python" and args[0] == "manage.py":
        assert args[1] in get_commands(), f"no management command {args[1]}"
    elif program == "celery":
        assert args[:2] == ["-A", "config"]
        assert args[2] in {"worker", "beat"}
        assert importlib.import_module("config.celery").app.main == "optout"
    elif program == "gunicorn":
        config = args[args.index("-c") + 1]
        assert (ROOT / config).is_file()
        module, attribute = args[-1].split(":")
        assert callable(getattr(importlib.import_module(module), attribute))
    elif program == "python" and args[0] == "-c":
        urls = re.findall(r"http://127\.0\.0\.1:8000(/\w+)", args[1])
        for url in urls:
            assert Client().get(url).status_code in (200, 503), url
    else:
        raise AssertionError(f"unknown program {program}")


@pytest.mark.parametrize("name", APP_SERVICES)
@pytest.mark.django_db
def test_every_command_compose_runs_exists_in_the_project(name):
    service = SERVICES[name]
    assert_command_exists(service["command"])
    if "healthcheck" in service:
        assert_command_exists(service["healthcheck"]["test"][1:])


def test_the_image_default_command_exists():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE).group(1)
    assert_command_exists(yaml.safe_load(cmd))
    for step in re.findall(r"python manage\.py (\w+)", dockerfile):
        assert step in get_commands()
    assert "USER app" in dockerfile and "python:3.11-slim" in dockerfile


def test_the_variables_compose_interpolates_are_documented():
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    used = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "docker-compose.yml").read_text()))
    assert used <= documented


def test_the_makefile_and_procfile_run_the_same_programs():
    procfile = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip())
    assert shlex.split(procfile["worker"])[:4] == ["celery", "-A", "config", "worker"]
    assert shlex.split(procfile["beat"])[:4] == ["celery", "-A", "config", "beat"]
