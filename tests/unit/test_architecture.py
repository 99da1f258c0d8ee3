"""The core imports no platform SDK, and the imported ``core``/``bots`` packages are ours."""

from __future__ import annotations

import ast
from pathlib import Path

import bots
import core

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "slack", "apscheduler")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_imports_no_platform_sdk() -> None:
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        allowed = {"apscheduler"} if path.name == "waker.py" else set()
        bad = (_imports(path) & set(FORBIDDEN)) - allowed
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_only_the_scheduling_owner_imports_apscheduler() -> None:
    users = [p.name for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "apscheduler" in _imports(p)]
    assert users == ["waker.py"]


def test_the_imported_packages_are_ours() -> None:
    assert getattr(core, "TRUSTBOT_CORE", False) is True
    assert Path(core.__file__).resolve().parent == ROOT / "core"
    assert Path(bots.__file__).resolve().parent == ROOT / "bots"


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(ROOT))
        for base in ("core", "bots")
        for p in (ROOT / base).rglob("*.py")
        if "migrations" not in p.parts and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
