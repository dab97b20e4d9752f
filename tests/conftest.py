"""Shared fixtures: the real site built once per session, and tiny doc trees for the checks."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.settings import settings_config

ROOT = Path(__file__).resolve().parents[1]
TEST_SITE_URL = "https://example.org/asm/"


def build_site(root: Path, site_dir: Path, settings: dict | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` of the tree at `root`. `settings` go under `extra: academy:` in a config that
    INHERITs the tree's mkdocs.yml (e.g. {"handouts": False}), the way a partner would set them."""
    config = settings_config(root, settings) if settings else root / "mkdocs.yml"
    environment = {**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-q",
                           "-f", str(config), "-d", str(site_dir)], cwd=root, env=environment, capture_output=True,
                          text=True, timeout=900)


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


@pytest.fixture(scope="session")
def zim_site(tmp_path_factory) -> Path:
    """The site as the workflow publishes it (`make zim`): with a ZIM file per language in zim/. Built once."""
    out = tmp_path_factory.mktemp("zim-site")
    result = build_site(ROOT, out, settings={"zim": True})
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out
