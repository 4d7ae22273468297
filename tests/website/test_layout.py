"""The one-way import rule of docs/ARCHITECTURE.md, checked on the source: the kernel
imports no domain app, partners (which every app may import) imports no other one,
only the project package imports website, and no domain model is fetched through
the app registry outside migrations."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("partners", "projects", "events", "living_lab", "news", "newsletter")


def _sources(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imported_top_levels(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("finest/core", {*DOMAIN_APPS, "searchindex", "website", "demo"}),
        # The domain apps register with the search index, so it may import none of them.
        ("searchindex", {*DOMAIN_APPS, "website", "demo"}),
        ("partners", {*(app for app in DOMAIN_APPS if app != "partners"), "website", "demo"}),
        *((app, {"website", "demo"}) for app in DOMAIN_APPS if app != "partners"),
    ],
)
def test_imports_go_one_way(package, forbidden):
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_top_levels(path) & forbidden) for path in _sources(package)
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_model_is_fetched_through_the_app_registry_outside_migrations():
    packages = ("finest", "website", "demo", "searchindex", *DOMAIN_APPS)
    offenders = [
        str(path.relative_to(ROOT))
        for package in packages
        for path in _sources(package)
        if "apps.get_model" in path.read_text()
    ]
    assert offenders == []
