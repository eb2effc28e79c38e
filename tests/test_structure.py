"""The shape of the code, checked like behaviour: imports flow one way, and every service guards its own door.

See docs/architecture.md for the layers and why they exist.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "included"
TESTS = ROOT / "tests"

# Calls that change the database. A service that makes one, directly or through a function of its own module, writes.
WRITES = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "record",  # audit.record: a change worth auditing
}

# Services that write without a signed-in actor to check, each with the reason. Keep this list short.
NO_ACTOR_TO_CHECK = {
    "included.invitations.services.accept_invitation": (
        "The invitation is the permission: it checks that the signed-in email is the invited one."
    ),
    "included.joining.services.ask_to_join": (
        "Anyone may ask to join, signed in or not: a request changes nothing until a coordinator accepts it. The "
        "public form is rate-limited and has a trap for robots."
    ),
}


def _service_modules():
    return sorted(PACKAGE.glob("*/services.py"))


def _module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _access_names(tree):
    """Names this module imported from included.access (rules and request helpers)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("included.access"):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _called_names(function):
    called = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Name):
                called.add(target.id)
            elif isinstance(target, ast.Attribute):
                called.add(target.attr)
    return called


def _services():
    """(module, function name, writes, checks access) for every public function of every services.py."""
    found = []
    for path in _service_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        access = _access_names(tree)
        # Imports of other services count too: a service that calls another app's guarded service is guarded.
        guarded_elsewhere = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".services"):
                guarded_elsewhere.update(alias.asname or alias.name for alias in node.names)
        calls = {name: _called_names(node) for name, node in functions.items()}

        def reaches(name, wanted, seen=None, calls=calls):
            seen = seen or set()
            if name in seen:
                return False
            seen.add(name)
            if calls[name] & wanted:
                return True
            return any(reaches(other, wanted, seen) for other in calls[name] & calls.keys())

        for name in functions:
            if name.startswith("_"):
                continue
            writes = reaches(name, WRITES | guarded_elsewhere)
            checks = reaches(name, access | guarded_elsewhere)
            found.append((_module_name(path), name, writes, checks))
    return found


def _writing_services():
    return [(module, name) for module, name, writes, _ in _services() if writes]


def test_the_import_contract_holds():
    """www and demo -> feature apps -> access -> core; core imports nothing of ours; no two apps import each other."""
    result = subprocess.run(  # noqa: S603 - our own tool, from our own virtual environment
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_service_finder_finds_services():
    """Guards the guard: if the finder found nothing, the next test would pass for the wrong reason."""
    writing = _writing_services()
    assert len(writing) >= 30
    assert ("included.assessments.services", "submit_assessment") in writing
    assert ("included.organisations.services", "change_role") in writing


@pytest.mark.parametrize(("module", "name"), _writing_services(), ids=lambda value: value)
def test_every_service_that_writes_asks_access_first(module, name):
    if f"{module}.{name}" in NO_ACTOR_TO_CHECK:
        return
    checks = {(m, n): c for m, n, _, c in _services()}
    assert checks[(module, name)], (
        f"{module}.{name} changes data but never asks included.access whether the person acting may. "
        "Call a rule through access.rules.require(...) before any work."
    )


@pytest.mark.parametrize(("module", "name"), _writing_services(), ids=lambda value: value)
def test_every_service_that_writes_has_a_test_that_it_refuses(module, name):
    """Some test calls the service as someone without the right and expects PermissionDenied.

    Either one test function does both, or a test module built for refusals (one that says PermissionDenied and
    checks nothing changed) lists the call in a table of cases.
    """
    if f"{module}.{name}" in NO_ACTOR_TO_CHECK:
        return
    call = re.compile(r"\b" + re.escape(name) + r"\(")
    for path in TESTS.rglob("test_*.py"):
        source = path.read_text(encoding="utf-8")
        if "PermissionDenied" not in source or not call.search(source):
            continue
        for block in re.split(r"\n(?=def |@pytest)", source):
            if "PermissionDenied" in block and call.search(block):
                return
        if path.name.endswith("_permissions.py") or "refuse" in path.name:
            return
    pytest.fail(f"No test shows that {module}.{name} refuses someone without the right (PermissionDenied).")
