"""Issue 19, item 1: what a phone downloads for any page of the built site, counted the way the bench
counts it (asm_academy/web/page_weight.py: the page and every file it loads by itself, gzip as GitHub
Pages sends them). The web app manifest is left out: Chromium fetches it only when the site is installed,
not on a visit (the bench's Chromium figures show it). Images are all counted, lazy or not, since a phone
fetches the ones near the first screen: an upper bound for a page whose drawings are far down.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from asm_academy.web.page_floor import floor_css, page_floor
from asm_academy.web.page_weight import Weight, next_page_bytes, page_weight

FIRST_VISIT_BUDGET = 15_000      # bytes, issue 19: every page, every language, cache empty
NEXT_PAGE_RATIO = 1.3            # the next part against a minimal page with the CSS cached
BASE = "/asm/"                    # the test build's base path (tests/conftest.py, TEST_SITE_URL)


def _visit(site: Path, page: Path) -> Weight:
    weight = page_weight(site, page, BASE)
    weight.files = {path: size for path, size in weight.files.items() if not path.endswith(".webmanifest")}
    return weight


def first_visits(site: Path) -> dict[str, int]:
    """Bytes of a first visit of each built page, by site path."""
    return {page.relative_to(site).as_posix(): _visit(site, page).total for page in sorted(site.rglob("index.html"))}


def next_parts(site: Path) -> dict[str, tuple[int, int]]:
    """Each module part after the first, opened from the part before it: (bytes, the minimal page's bytes)."""
    css = floor_css(next(site.glob("assets/stylesheets/*.css")).read_text(encoding="utf-8"))
    found = {}
    for page in sorted(site.rglob("modules/*-[0-9]*/index.html")):
        number = int(re.search(r"-(\d+)$", page.parent.name).group(1))
        before = page.parent.parent / (re.sub(r"-\d+$", "", page.parent.name) + ("" if number == 2 else f"-{number - 1}"))
        if (before / "index.html").exists():
            cost = next_page_bytes(_visit(site, before / "index.html"), _visit(site, page))
            found[page.relative_to(site).as_posix()] = (cost, page_floor(page, css).minimal_cached_css)
    return found


def test_the_count_sees_the_shared_files(site: Path) -> None:
    """Guards the budget tests below against counting nothing: a page brings its stylesheet and script."""
    weight = _visit(site, site / "index.html")
    assert any(p.endswith(".css") for p in weight.files) and any(p.endswith(".js") for p in weight.files)
    assert not any(p.endswith(".webmanifest") for p in weight.files)


@pytest.mark.xfail(strict=True, reason="issue 19 item 1 is open: the modules list and parts with drawings near "
                                       "the top still cost 15.5-17.5 KB; remove this mark when it passes")
def test_every_first_visit_is_at_most_15_kb(site: Path) -> None:
    over = {page: size for page, size in first_visits(site).items() if size > FIRST_VISIT_BUDGET}
    assert over == {}


@pytest.mark.xfail(strict=True, reason="issue 19 item 1 is open: a next part costs about 1.4x the minimal page")
def test_every_next_part_is_within_1_3_times_the_minimal_page(site: Path) -> None:
    parts = next_parts(site)
    assert parts
    over = {page: (cost, floor) for page, (cost, floor) in parts.items() if cost > NEXT_PAGE_RATIO * floor}
    assert over == {}
