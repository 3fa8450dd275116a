"""Dependencies run one way: `reminders` (the mail side) → `optout` (the domain) → `accounts`.

Every module of each app is read, and every import in it — at the top, inside a function,
under `if TYPE_CHECKING:` — is checked: a module may import its own app and the apps below it,
never one above. What the layer below has to tell the one above goes through a signal it
defines (accounts/signals.py, optout/signals.py).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: From the bottom up.
LAYERS = ["accounts", "optout", "reminders"]


def imported(source: str, module: str) -> set[str]:
    """Every module `source` imports, anywhere in it, relative imports resolved from `module`."""
    names = set()
    package = module.split(".")[:-1]  # a.b.c and a.b.__init__ both sit in package a.b
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names |= {f"{target}.{alias.name}" for alias in node.names}
    return names


def upward_imports(layers: list[str], files: dict[str, str]) -> list[str]:
    """`module imports higher` for each import of a higher layer; `files` maps a module to its source."""
    rank = {name: index for index, name in enumerate(layers)}
    found = []
    for module, source in sorted(files.items()):
        own = rank[module.split(".")[0]]
        for name in sorted(imported(source, module)):
            top = name.split(".")[0]
            if top in rank and rank[top] > own:
                found.append(f"{module} imports {name}")
    return found


def modules() -> dict[str, str]:
    files = {}
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            files[module] = path.read_text()
    return files


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports(LAYERS, modules()) == []


def test_every_layer_has_modules_to_check():
    assert {module.split(".")[0] for module in modules()} == set(LAYERS)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("accounts.forms", "from optout.schedule import LEAD_DAY_CHOICES\n"),
        ("accounts.models", "import optout.vocabulary\n"),
        ("optout.services.privacy", "def goodbye():\n    from reminders.mail import build_email\n"),
        ("optout.views.account", "def view():\n    if True:\n        import reminders.tasks\n"),
        ("optout.services.delivery", "from ...reminders import mail\n"),
    ],
)
def test_an_import_of_a_higher_layer_is_found_wherever_it_is(module, source):
    assert upward_imports(LAYERS, {module: source}) != []


def test_imports_of_the_same_or_a_lower_layer_pass():
    sources = {
        "reminders.dispatch": "from optout.models import Reminder\nfrom accounts.models import User\n",
        "optout.services.people": "from accounts.models import User\nfrom . import common\n",
        "accounts.views": "def view():\n    from accounts import services\n",
    }
    assert upward_imports(LAYERS, sources) == []


def test_the_mail_sides_speed_tricks_live_in_one_module():
    """reminders/speed.py holds every trick, each measured (bench/RESULTS.md); no other module of the
    mail side or of config plays with the interpreter, the email package's internals or placeholders."""
    tricks = ("setswitchinterval", "def _fold", "\\ue000", "_Compat32")
    found = [
        f"{path.relative_to(ROOT)}: {trick}"
        for folder in ("reminders", "config")
        for path in (ROOT / folder).rglob("*.py")
        for trick in tricks
        if trick in path.read_text() and path != ROOT / "reminders" / "speed.py"
    ]
    assert found == []
