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
        re.findall(
            r"`((?:optout|reminders|accounts|config|templates|bench|tests|docs|static|scripts)/[\w./<>-]*)`", readme
        )
    )
    missing = [path for path in sorted(named) if "<" not in path and not (ROOT / path).exists()]
    assert missing == []


def test_the_rules_are_in_the_repository_and_nothing_points_outside_it():
    assert (ROOT / "docs/rules.md").exists()
    outside = [
        str(path.relative_to(ROOT))
        for folder in ("optout", "reminders", "accounts", "config", "templates", "static", "docs", "tests", "README.md")
        for path in ((ROOT / folder).rglob("*") if (ROOT / folder).is_dir() else [ROOT / folder])
        if path.is_file()
        and path.suffix in {".py", ".md", ".html", ".txt", ".js"}
        and "shared/DOMAIN.md" in path.read_text(errors="ignore")
        and path.name != "test_docs.py"
    ]
    assert outside == []


def test_every_name_the_rules_give_for_the_code_exists():
    """docs/rules.md names the function, constant or file that applies each rule: each must exist."""
    rules = (ROOT / "docs/rules.md").read_text()
    code = "\n".join(
        p.read_text() for folder in ("optout", "reminders", "accounts", "config") for p in (ROOT / folder).rglob("*.py")
    )
    missing = []
    for name in set(re.findall(r"`([^`\s]+)`", rules)):
        if "/" in name:
            if not name.startswith("/") and not (ROOT / name).exists():
                missing.append(name)
        elif re.fullmatch(r"[A-Za-z_][\w.]*", name) and not re.search(rf"\b{re.escape(name.split('.')[-1])}\b", code):
            missing.append(name)
    assert missing == []


def where_to_change_what() -> list[tuple[str, str]]:
    """The README's map: (what to change, where) for each row of its "Where to change what" table."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Where to change what", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| to change")]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ", 1)) for row in rows]


#: `path` then, in brackets, the names it defines: (`name`, `other`).
NAMED = re.compile(r"`([\w./<>*-]+/[\w./<>*-]*|[\w-]+\.(?:md|toml|txt|py|yml))`(?:\s*\(([^)]*)\))?")


def defines(path: Path, name: str) -> bool:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return name in text
    name = name.split(".")[-1].split("(")[0]
    return bool(re.search(rf"^\s*(?:async def|def|class) {re.escape(name)}\b|^\s*{re.escape(name)}\s*[:=]", text, re.M))


def test_the_readme_map_names_for_each_row_files_that_exist_and_the_things_they_define():
    rows = where_to_change_what()
    assert len(rows) >= 30
    wrong = []
    for what, where in rows:
        named = NAMED.findall(where)
        if not named:
            wrong.append(f"{what}: no file")
        for path, names in named:
            targets = list(ROOT.glob(re.sub(r"<[^>]+>", "*", path)))
            target = targets[0] if targets else ROOT / path
            if not target.exists():
                wrong.append(f"{what}: {path} does not exist")
                continue
            for name in re.findall(r"`([^`]+)`", names or ""):
                if target.is_file() and not defines(target, name):
                    wrong.append(f"{what}: {name} is not defined in {path}")
    assert wrong == []
