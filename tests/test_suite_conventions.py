"""The suite's own rules: a test file imports no other test file (shared helpers live in conftest.py and the
helper modules, factories*.py and concurrency.py), and tests reach the application through its public names."""

import ast
import importlib
import types
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_test_file(module: str) -> bool:
    return module.rpartition(".")[2].startswith("test_")


def _imports(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (module, name) pairs the file imports, and the (module, attribute) pairs it reads from modules it imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    imported, modules = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                imported.append((node.module, alias.name))
                if isinstance(getattr(importlib.import_module(node.module), alias.name, None), types.ModuleType):
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imported.append((alias.name, ""))
                if alias.asname:
                    modules[alias.asname] = alias.name
    read = [
        (modules[node.value.id], node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
    ]
    return imported, read


def _files():
    return sorted(TESTS.rglob("*.py"))


def test_no_test_file_imports_another():
    offending = [
        f"{path.relative_to(TESTS.parent)}: {module}"
        for path in _files()
        for module, name in _imports(path)[0]
        if module.startswith("tests") and (_is_test_file(module) or _is_test_file(f"{module}.{name}"))
    ]
    assert offending == []


def test_tests_use_no_private_names():
    offending = []
    for path in _files():
        imported, read = _imports(path)
        for module, name in [*imported, *read]:
            private = name.startswith("_") and not name.startswith("__")
            ours = module.startswith(("servicefirst", "tests"))
            if private and ours:
                offending.append(f"{path.relative_to(TESTS.parent)}: {module}.{name}")
    assert offending == []
