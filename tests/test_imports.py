"""Imports go one way: read -> clean -> detect -> translate -> write, the command line over all of it.

Read from the source (every import statement, those inside functions too),
so an import that only runs on some path is held to the rule as well.
"""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

PACKAGES = ("ingest", "translate", "babeltext")


def _imports() -> dict[str, set[str]]:
    """Each module of babelwire's packages, and the modules it imports (relative imports resolved)."""
    graph: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            module = ".".join(parts[:-1] if is_package else parts)
            here = module.split(".") if is_package else module.split(".")[:-1]
            found = graph.setdefault(module, set())
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom):
                    base = here[: len(here) - node.level + 1] if node.level else []
                    name = ".".join(base + ([node.module] if node.module else []))
                    found.add(name)
                    found.update(f"{name}.{alias.name}" for alias in node.names)
    return graph


GRAPH = _imports()


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _offenders(importers: str, imported: tuple[str, ...], but: str | None = None) -> list[str]:
    return sorted(f"{module} imports {name}" for module, names in GRAPH.items() for name in names
                  if _within(module, importers) and not (but and _within(module, but)) and any(_within(name, p) for p in imported))


def test_the_graph_is_read():
    assert "ingest.cli.common" in GRAPH["ingest.cli.ingest"] and "translate.engine" in GRAPH["ingest.run"]


def test_nothing_imports_the_command_line_but_the_command_line():
    assert _offenders("ingest", ("ingest.cli",), but="ingest.cli") == []
    assert _offenders("translate", ("ingest.cli",)) == _offenders("babeltext", ("ingest.cli",)) == []


def test_translation_imports_nothing_of_ingest():
    assert _offenders("translate", ("ingest",)) == []


def test_the_text_helpers_import_neither_ingest_nor_translate():
    assert _offenders("babeltext", ("ingest", "translate")) == []


@pytest.mark.parametrize("stage", ["ingest.read", "ingest.clean", "ingest.detect", "ingest.stories"])
def test_stages_before_translation_do_not_import_it(stage):
    assert _offenders(stage, ("translate",)) == []


def test_the_library_imports_neither_click_nor_rich():
    assert _offenders("ingest", ("click", "rich"), but="ingest.cli") == []
    assert _offenders("translate", ("click", "rich")) == []
