"""The project's own promises about how it is built and configured."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def run_django(code_or_args, env_overrides, *, manage=False):
    # Only what a shell needs: none of the test run's own settings leak in.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    args = [sys.executable, "manage.py", *code_or_args] if manage else [sys.executable, "-c", code_or_args]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def production_env(**extra):
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k3Jx9-q2Lm7Vw0Zr5Tn8Bp4Yc6Hd1Gf3Sa2Qe7Wu9Io0Pl5Kj8Mn4Bv6Cx1Za3Sd",
        "ALLOWED_HOSTS": "a-temps.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/optout",
        "OPERATOR_NAME": "Association À temps",
        "OPERATOR_ADDRESS": "12 rue des Lilas, 33000 Bordeaux",
        "OPERATOR_EMAIL": "contact@a-temps.fr",
        "OPERATOR_DIRECTOR": "Camille Martin",
        "HOST_NAME": "Hébergeur SAS",
        "HOST_ADDRESS": "3 quai de la Gare, 69002 Lyon",
        **extra,
    }


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.RedisWithFallback"
    cache.set("ping", "pong")
    assert cache.get("ping") == "pong"


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A model change has no migration:\n{out.getvalue()}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("CONN_MAX_AGE", "soon", "CONN_MAX_AGE='soon' is not a whole number"),
        ("DJANGO_ENV", "staging", "DJANGO_ENV='staging' must be one of"),
        ("DATABASE_URL", "mongodb://x/y", "unknown database scheme"),
        ("REDIS_URL", "localhost:6379", "must start with redis://"),
        ("EMAIL_URL", "pigeon://loft", "not a usable email URL"),
        ("HEARTBEAT_SECONDS", "1", "below the minimum 5"),
    ],
)
def test_a_bad_environment_value_stops_the_start_up_with_a_clear_message(variable, value, message):
    result = run_django("import django; django.setup()", {variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_requires_its_secrets(missing):
    env = production_env()
    del env[missing]
    result = run_django("import django; django.setup()", env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


@pytest.mark.slow
def test_production_reads_its_secrets_from_files_as_docker_secrets_give_them(tmp_path):
    (tmp_path / "secret_key").write_text("k3Jx9-q2Lm7Vw0Zr5Tn8Bp4Yc6Hd1Gf3Sa2Qe7Wu9Io0Pl5Kj8Mn4Bv6Cx1Za3Sd-file\n")
    (tmp_path / "database_url").write_text("postgres://postgres@127.0.0.1:5432/from_a_file")
    env = production_env(SECRET_KEY_FILE=str(tmp_path / "secret_key"), DATABASE_URL_FILE=str(tmp_path / "database_url"))
    del env["SECRET_KEY"], env["DATABASE_URL"]
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY[-5:], settings.DATABASES['default']['NAME'])"
    )
    result = run_django(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["-file", "from_a_file"]


@pytest.mark.slow
def test_a_secret_file_that_cannot_be_read_or_doubles_the_variable_stops_the_start_up(tmp_path):
    missing = run_django("import django; django.setup()", {"SECRET_KEY_FILE": str(tmp_path / "nowhere")})
    assert "SECRET_KEY_FILE=" in missing.stderr and "cannot be read" in missing.stderr
    (tmp_path / "key").write_text("x" * 60)
    both = run_django(
        "import django; django.setup()", {"SECRET_KEY": "y" * 60, "SECRET_KEY_FILE": str(tmp_path / "key")}
    )
    assert "SECRET_KEY and SECRET_KEY_FILE are both set" in both.stderr


def test_production_refuses_debug():
    result = run_django("import django; django.setup()", production_env(DEBUG="true"))
    assert "DEBUG must be off" in result.stderr


@pytest.mark.slow
def test_the_deployment_check_is_clean_with_production_settings():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], production_env(), manage=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.slow
def test_no_environment_at_all_gives_a_working_development_setup(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.EMAIL_BACKEND, s.CELERY_BROKER_URL, "
        "s.CACHES['default']['BACKEND'], s.TIME_ZONE, s.USE_TZ, s.LANGUAGE_CODE)"
    )
    result = run_django(code, {"VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "config.mail.ConsoleAndFileBackend",
        "filesystem://",
        "django.core.cache.backends.db.DatabaseCache",
        "Europe/Paris",
        "True",
        "fr",
    ]


@pytest.mark.slow
def test_migrate_alone_leaves_a_working_cache_without_redis(tmp_path):
    env = {"VAR_DIR": str(tmp_path)}
    assert run_django(["migrate", "-v0"], env, manage=True).returncode == 0

    result = run_django(
        "import django; django.setup(); from django.core.cache import cache; cache.set('k', 41); print(cache.get('k') + 1)",
        env,
    )

    assert result.stdout.strip() == "42", result.stderr


def test_the_deadline_functions_import_without_django():
    code = (
        "from datetime import date; from optout.deadlines import act_by, last_call_day; "
        "print(act_by(date(2022, 1, 3), date(2022, 1, 5)), last_call_day(date(2022, 2, 5)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={"PATH": os.environ["PATH"]}
    )
    assert result.stdout.split() == ["2022-02-05", "2022-02-04"], result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_while_the_operator_is_a_placeholder():
    result = run_django(["check"], production_env(OPERATOR_NAME="Association Exemple", HOST_ADDRESS=""), manage=True)

    assert result.returncode != 0
    assert "optout.E001" in result.stderr
    assert "OPERATOR_NAME is empty or a placeholder" in result.stderr and "HOST_ADDRESS" in result.stderr
    assert "OPERATOR_DIRECTOR" not in result.stderr
