"""The course's workshop programme: the day plan of every language names every module of nav once,
with its title in that language, and shows each field-visit step; a plan broken in a copy stops
`make check` and the build at the data file's line."""
from __future__ import annotations

import html
import posixpath
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.content.generated import PROGRAMME
from asm_academy.content.programme import PROGRAMME_FILE, clock, load_programme
from asm_academy.source.frontmatter import split_page
from conftest import ROOT, build_site, copy_repo
from course_facts import CONFIG, LANGS, MODULES, TREE, built, page_with_marker, url

PAGE = page_with_marker(PROGRAMME)
NAV_MODULES = [rel for rel in CONFIG.nav_pages if rel in MODULES]


def meta(lang: str, rel: str) -> dict:
    served = TREE.resolve(lang, rel)
    return split_page(served.path.read_text(encoding="utf-8"), rel).meta


def day_plan_links(site: Path, lang: str) -> list[tuple[str, str]]:
    """(module page, link text) of every link in the generated day plan; the page has "#anchor" if any."""
    text = built(site, lang, PAGE).read_text(encoding="utf-8")
    block = re.search(r'<div class="asm-programme">(.*?)</div>', text, re.S)
    assert block, f"{lang}: no day plan on {PAGE}"
    assert "<table" in block.group(1)
    here = url(lang, PAGE)
    pages = {url(lang, rel).rstrip("/"): rel for rel in NAV_MODULES}
    out = []
    for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', block.group(1)):
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(here, path))
        # a later part of a module served in parts (modules/safety-5/) is still that module
        rel = pages.get(target) or pages.get(re.sub(r"-\d+$", "", target))
        assert rel, f"{lang}: day plan links {href}, which is no module of nav"
        out.append((rel + (f"#{anchor}" if anchor else ""), html.unescape(label)))
    return out


def test_the_course_plan_passes_the_programme_checks() -> None:
    found = [f.format() for f in check_tree(ROOT).findings if f.code.startswith("PROG")]
    assert not found, "\n".join(found)
    assert load_programme(ROOT).programme is not None


@pytest.mark.parametrize("lang", LANGS)
def test_day_plan_names_every_module_of_nav_once_in_its_language(site: Path, lang: str) -> None:
    links = day_plan_links(site, lang)
    modules = [(rel, label) for rel, label in links if "#" not in rel]
    assert Counter(rel for rel, _ in modules) == Counter(NAV_MODULES)
    for rel, label in modules:
        assert label == str(meta(lang, rel)["title"]), f"{lang}: {rel} is shown as {label!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_day_plan_shows_every_field_visit_step(site: Path, lang: str) -> None:
    text = built(site, lang, PAGE).read_text(encoding="utf-8")
    links = {rel for rel, _ in day_plan_links(site, lang)}
    for rel in NAV_MODULES:
        if meta(CONFIG.default.code, rel).get("site_steps"):
            assert f"{rel}#trainer-activity" in links, f"{lang}: the field visit does not name {rel}"
    assert text.count('<div class="asm-programme">') == 1


def test_a_broken_plan_stops_make_check_and_the_build_at_its_line(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    programme = load_programme(repo).programme
    day = next(sorted(d, key=lambda s: s.start) for d in programme.days if len(d) >= 2)
    first, second = day[0], day[1]
    line = second.at("start")
    path = repo / PROGRAMME_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = re.sub(r'start: "\d\d:\d\d"', f'start: "{clock(first.start)}"', lines[line - 1], count=1)
    path.write_text("\n".join(lines), encoding="utf-8")
    where = f"{PROGRAMME_FILE}\n  line {line}: error PROG004"
    checked = subprocess.run([sys.executable, "-m", "asm_academy", "check"], cwd=repo, capture_output=True, text=True)
    assert checked.returncode == 1 and where in checked.stdout, checked.stdout[-2000:]
    result = build_site(repo, tmp_path / "site", settings={"handouts": False})
    assert result.returncode != 0 and where in result.stdout + result.stderr and "Traceback" not in result.stderr
