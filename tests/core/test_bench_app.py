"""The benchmark is not part of the product: only the bench settings install it, and no product module imports it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # each test starts a Django process
PRODUCT = ["equity", "plans", "tools", "training", "library", "reports"]


def _manage_help(settings_module: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, DJANGO_DEBUG="true")
    return subprocess.run(
        [sys.executable, "manage.py", "help", "seed_scale"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_the_product_settings_do_not_install_bench():
    assert "bench" not in settings.INSTALLED_APPS
    assert _manage_help("equity.settings").returncode != 0


def test_the_bench_settings_install_bench_and_its_seed_scale_command():
    result = _manage_help("bench.settings")
    assert result.returncode == 0, result.stderr
    assert "--factor" in result.stdout


def test_no_product_module_imports_bench():
    offenders = []
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).is_dir() else []:
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                names = (
                    [alias.name for alias in node.names] if isinstance(node, ast.Import)
                    else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                    else []
                )  # fmt: skip
                offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0] == "bench"]
    assert offenders == []
