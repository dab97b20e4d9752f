"""Shared fixtures: the real site built once per session, and tiny doc trees for the checks."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_SITE_URL = "https://example.org/asm/"


def build_site(root: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1",
                   "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(site_dir)], cwd=root, env=environment, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole trilingual site, built once with the same command as `make site`."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


def copy_repo(dest: Path) -> Path:
    """A throwaway copy of the repository (without its build output) for tests that change it."""
    ignore = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__", ".pytest_cache")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
