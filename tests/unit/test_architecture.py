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


# ---------------------------------------------------------------------------- one folder per capability

COMPOSITION = {"core.app", "core.registry", "core.commands", "core.store"}


def _capabilities() -> set[str]:
    """A capability is a package of ``core`` with a ``feature.py`` (its Feature)."""
    return {p.parent.name for p in (ROOT / "core").glob("*/feature.py")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _core_imports(source: str) -> list[tuple[str, list[str]]]:
    """Every ``core.*`` import in a module (TYPE_CHECKING ones too), as (module, names imported from it)."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.split(".")[0] == "core"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "core":
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def _public_names(capability: str) -> set[str]:
    tree = ast.parse((ROOT / "core" / capability / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return {elt.value for elt in node.value.elts if isinstance(elt, ast.Constant)}  # type: ignore[attr-defined]
    return set()


def layering_violations(module: str, source: str, capabilities: set[str]) -> list[str]:
    """Why ``module`` breaks the direction of imports (empty when it does not)."""

    def capability_of(name: str) -> str | None:
        parts = name.split(".")
        return parts[1] if len(parts) > 1 and parts[0] == "core" and parts[1] in capabilities else None

    own = capability_of(module)
    problems = []
    for target, names in _core_imports(source):
        theirs = capability_of(target)
        if module in COMPOSITION:
            continue
        if target in COMPOSITION or any(f"{target}.{n}" in COMPOSITION for n in names):
            problems.append(f"{module} imports the composition module {target}")
        elif own is None and theirs is not None:
            problems.append(f"shared module {module} imports the capability {target}")
        elif own is not None and theirs is not None and theirs != own:
            if target != f"core.{theirs}":
                problems.append(f"{module} reaches into {target} (use core.{theirs}'s public names or the peers)")
            else:
                hidden = sorted(set(names) - _public_names(theirs))
                if hidden or not names:
                    problems.append(
                        f"{module} imports {hidden or 'the package'} from core.{theirs}, not in its __all__"
                    )
    return problems


def test_dependencies_point_one_way() -> None:
    capabilities = _capabilities()
    assert capabilities >= {"community", "prompts", "checkins", "reflections", "challenges", "guidance", "mydata"}
    problems: list[str] = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        problems += layering_violations(_module_name(path), path.read_text(encoding="utf-8"), capabilities)
    assert problems == []


def test_the_layering_check_catches_each_kind_of_break() -> None:
    caps = {"checkins", "guidance", "prompts"}
    assert layering_violations("core.storage.db", "from core.checkins.store import CheckinRepo", caps)
    assert layering_violations("core.scheduling.runner", "import core.prompts", caps)
    assert layering_violations("core.feature", "from core.store import Store", caps)
    assert layering_violations("core.checkins.feature", "from core.guidance.feature import GuidanceFeature", caps)
    assert layering_violations("core.checkins.feature", "from core.guidance import tips_internal", caps)
    assert layering_violations("core.checkins.feature", "from core import app", caps)
    assert layering_violations("core.checkins.feature", "from core.registry import FEATURE_CLASSES", caps)
    # allowed: own package, shared machinery, another capability's public names, composition importing anything
    assert not layering_violations("core.checkins.feature", "from core.checkins.store import CheckinRepo", caps)
    assert not layering_violations("core.checkins.feature", "from core.storage.db import Database", caps)
    assert not layering_violations("core.checkins.feature", "from core.guidance import detect_danger", caps)
    assert not layering_violations("core.app", "from core.guidance.feature import GuidanceFeature", caps)


def test_storage_never_imports_a_capability() -> None:
    capabilities = _capabilities()
    for path in (ROOT / "core" / "storage").rglob("*.py"):
        for target, _ in _core_imports(path.read_text(encoding="utf-8")):
            assert target.split(".")[1] not in capabilities | {"app", "registry", "store"}, (path, target)


def test_each_package_says_what_it_is_for_in_one_line() -> None:
    for init in (ROOT / "core").rglob("__init__.py"):
        if "migrations" in init.parts:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), f"{init.relative_to(ROOT)} needs a one-line docstring"


def test_inside_a_package_the_prefix_goes() -> None:
    for package in (ROOT / "core").iterdir():
        if package.is_dir() and (package / "__init__.py").exists():
            stem = package.name.rstrip("s")
            repeated = [p.name for p in package.glob("*.py") if p.name.startswith((f"{package.name}_", f"{stem}_"))]
            assert repeated == [], f"{package.name}/ holds {repeated}: drop the prefix"


def test_the_folder_list_names_every_capability() -> None:
    folders = {p.name for p in (ROOT / "core").iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert _capabilities() <= folders
    assert not {"features", "services"} & folders, "layers by kind came back: keep a capability in its own folder"
