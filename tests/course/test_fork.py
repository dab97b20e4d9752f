"""What a partner does to their fork, done in a copy: remove a module, add one, add a language with
`make language`, rename the site. Then `make check`, `make site` and the course tests must pass with
no change to code or tests, and the site must carry the new name and language."""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.content.programme import PROGRAMME_FILE, clock, load_programme
from asm_academy.settings import settings_from_file
from asm_academy.source.frontmatter import split_page
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
    programme = repo / PROGRAMME_FILE     # its sessions and field-visit steps go too
    if programme.exists():
        programme.write_text("".join(l for l in programme.read_text(encoding="utf-8").splitlines(keepends=True)
                                     if rel not in l), encoding="utf-8")
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
    add_day_for(repo, NEW_MODULE, split_page(text, NEW_MODULE).meta)
    config = repo / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, l in enumerate(lines) if re.search(r"modules/(?!index)[\w-]+\.md\s*$", l))
    lines.insert(last + 1, lines[last].replace(Path(lines[last].strip()).name, Path(NEW_MODULE).name))
    config.write_text("".join(lines), encoding="utf-8")


def add_day_for(repo: Path, rel: str, meta: dict) -> None:
    """A day more in the programme: the module's `duration` from the day's start, then a field visit
    for its `site_steps`, and a date for it in the workshop settings, as a partner would plan it."""
    path = repo / PROGRAMME_FILE
    if not path.exists():
        return
    programme = load_programme(repo).programme
    start, end = programme.day_start, programme.day_start + int(meta["duration"])
    day = f'  - sessions:\n      - {{start: "{clock(start)}", end: "{clock(end)}", module: {rel}}}\n'
    if meta.get("site_steps"):
        visit = next(s.activity for s in programme.sessions if s.place == "site" and s.activity)
        day += (f'      - {{start: "{clock(end)}", end: "{clock(end + 60)}", activity: {visit}, place: site, '
                f'steps: {{{rel}: {list(meta["site_steps"])}}}}}\n')
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + day, encoding="utf-8")
    dates = settings_from_file(repo).workshop.dates     # and the workshop's date for the new day
    if dates:
        config = repo / "mkdocs.yml"
        after = (datetime.date.fromisoformat(dates[-1]) + datetime.timedelta(days=1)).isoformat()
        listed = ", ".join(f'"{d}"' for d in (*dates, after))
        config.write_text(re.sub(r"(?m)^(\s*dates:\s*)\[[^\]]*\]", lambda m: f"{m.group(1)}[{listed}]",
                                 config.read_text(encoding="utf-8"), count=1), encoding="utf-8")


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
