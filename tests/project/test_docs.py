import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def variables_read_by_settings():
    source = (ROOT / "config/settings.py").read_text()
    return set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', source)) | set(re.findall(r'is_set\("([A-Z_]+)"\)', source))


def test_every_setting_read_from_the_environment_is_explained_in_env_example():
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert variables_read_by_settings() - documented == set()


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    head = readme[:1500]
    assert "make run" in head and "make test" in head


def test_ci_runs_make_test_and_nothing_else():
    lines = [
        line
        for line in (ROOT / ".ci/run").read_text().splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert lines == ["exec make test"]


def test_every_file_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text()
    named = set(
        re.findall(r"`((?:optout|accounts|config|templates|bench|tests|docs|static|scripts)/[\w./<>-]*)`", readme)
    )
    missing = [path for path in sorted(named) if "<" not in path and not (ROOT / path).exists()]
    assert missing == []
