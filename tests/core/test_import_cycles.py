"""scripts/check-imports: no new import cycle inside an app or between core and an app."""

import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check-imports"


def load_checker():
    loader = importlib.machinery.SourceFileLoader("check_imports", str(SCRIPT))
    spec = importlib.util.spec_from_loader("check_imports", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_portal_has_no_new_import_cycle():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_cycle_through_an_import_inside_a_function_is_found():
    checker = load_checker()
    graph = {
        "religion.models": {"core.access"},
        "religion.services": {"religion.models"},
        "core.access": set(),
        "core.periods": set(),
    }
    assert checker.cycles(graph) == set()

    graph["religion.models"].add("religion.services")  # e.g. ``from .services import today`` in a method

    assert checker.cycles(graph) == {("religion.models", "religion.services")}


def test_a_cycle_between_core_and_an_app_is_found():
    checker = load_checker()
    graph = {"core.access": {"organisations.models"}, "organisations.models": {"core.access"}}

    assert checker.cycles(graph) == {("core.access", "organisations.models")}


def test_imports_inside_functions_count_as_edges(tmp_path):
    checker = load_checker()
    tree = checker.ast.parse("import os\n\ndef f():\n    from .services import today\n")

    found = [(type(node).__name__, local) for node, local in checker.imports(tree)]

    assert found == [("Import", False), ("ImportFrom", True)]
