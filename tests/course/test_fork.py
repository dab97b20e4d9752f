"""What a partner does to their fork, done in a copy: remove a module, add one, add a language with
`make language`, rename the site. Then `make check`, `make site` and the course tests must pass with
no change to code or tests, and the site must carry the new name and language."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_repo
from course_facts import LANGS, MODULES, prefix, stem

NEW_NAME = "Hwange Small Miners School"
NEW_LANGUAGE = ("nmq", "Nambya")          # ISO 639-3 only: spoken around Kamativi, Hwange district
NEW_MODULE = "modules/mine-rescue.md"


def run(cwd: Path, *command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, env=env, timeout=1200)


def remove_module(repo: Path, rel: str) -> None:
    """Delete the module in every language, take it out of the nav, and turn links to it into plain text."""
    for lang in LANGS:
        (repo / "docs" / prefix(lang) / rel).unlink(missing_ok=True)
    name = Path(rel).name
    config = repo / "mkdocs.yml"
    config.write_text("".join(l for l in config.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not l.strip().endswith(rel)), encoding="utf-8")
    link = re.compile(rf"\[([^\]]*)\]\((?:\.\./|\./)?(?:modules/)?{re.escape(name)}(?:#[^)]*)?\)")
    for page in (repo / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if name in text:
            page.write_text(link.sub(r"\1", text), encoding="utf-8")


def add_module(repo: Path, template: str) -> None:
    """A new module written from an existing one (a partner would write their own text), added to the nav."""
    source = (repo / "docs" / template).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {stem(NEW_MODULE)}", source, count=1)
    text = re.sub(r"(?m)^title: .*$", "title: Mine rescue", text, count=1)
    (repo / "docs" / NEW_MODULE).write_text(text, encoding="utf-8")
    config = repo / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, l in enumerate(lines) if re.search(r"modules/(?!index)[\w-]+\.md\s*$", l))
    lines.insert(last + 1, lines[last].replace(Path(lines[last].strip()).name, Path(NEW_MODULE).name))
    config.write_text("".join(lines), encoding="utf-8")


@pytest.mark.slow
def test_a_partners_fork_builds_and_passes_the_course_tests_unchanged(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "fork")
    (repo / ".venv").symlink_to(ROOT / ".venv")        # the same pinned tools; `make` sees them installed
    if (ROOT / ".cache" / "handouts").exists():
        shutil.copytree(ROOT / ".cache" / "handouts", repo / ".cache" / "handouts")
    code_before = {p.relative_to(repo): p.read_bytes() for p in [*repo.glob("asm_academy/**/*.py"),
                                                                *repo.glob("hooks/*.py"), *repo.glob("tests/**/*.py")]}

    remove_module(repo, MODULES[-1])
    add_module(repo, MODULES[0])
    made = run(repo, "make", "language", f"CODE={NEW_LANGUAGE[0]}", f"NAME={NEW_LANGUAGE[1]}")
    assert made.returncode == 0, made.stdout + made.stderr
    config = repo / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_name: .*$", f"site_name: {NEW_NAME}", config.read_text(encoding="utf-8")),
                      encoding="utf-8")

    checked = run(repo, "make", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run(repo, "make", "site")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    site = repo / "site"
    home = (site / NEW_LANGUAGE[0] / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{NEW_LANGUAGE[0]}"' in home and NEW_NAME in home
    assert NEW_NAME in (site / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / NEW_LANGUAGE[0] / "manifest.webmanifest").read_text())["name"] == NEW_NAME
    assert (site / "modules" / stem(NEW_MODULE) / "index.html").exists()
    assert not (site / "modules" / stem(MODULES[-1]) / "index.html").exists()
    assert (site / NEW_LANGUAGE[0] / "handouts" / f"hwange-small-miners-school-handouts-{NEW_LANGUAGE[0]}.pdf").exists()

    tests = run(repo, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/course",
                "-m", "not browser and not slow")
    assert tests.returncode == 0, tests.stdout[-5000:] + tests.stderr[-2000:]
    code_after = {p.relative_to(repo): p.read_bytes() for p in [*repo.glob("asm_academy/**/*.py"),
                                                               *repo.glob("hooks/*.py"), *repo.glob("tests/**/*.py")]}
    assert code_after == code_before, "the fork needed a change to code or tests"
