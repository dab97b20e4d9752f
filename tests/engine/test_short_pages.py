"""Long module pages served as short parts: the plan, the cut, the links and the built site."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from asm_academy.source.doctree import load_tree
from asm_academy.web.page_weight import next_page_bytes, page_weight
from asm_academy.web.short_pages import (Part, PartLabels, cut_content, group, part_dest, part_html, part_ids, part_url,
                                     plan_each_language, plan_parts, relative_url, resolve_url, rewrite_links,
                                     same_place, section_sizes)
from asm_academy.source.site_config import load_site_config
from asm_academy.checks.site_links import broken_links

from doctrees import clean_files, write_tree

LABELS = PartLabels("Part {number} of {total}", "Parts of this module", "Previous part", "Next part")


def test_group_starts_a_new_part_when_the_next_section_would_go_over_budget() -> None:
    assert group([1000, 1000, 1000], budget=2500) == [2, 1]
    assert group([3000, 500, 500], budget=2500) == [1, 2]       # too big for any part: a part of its own
    assert group([100, 100], budget=2500) == [2]                # fits: one part, the page is not cut
    assert group([], budget=2500) == []


def test_section_sizes_count_level_2_headings_outside_code_and_add_images() -> None:
    text = ("Intro line.\n\n## One {#one}\n\nText.\n\n![a](pic.svg)\n\n```\n## not a heading\n```\n\n"
            "### Sub\n\nMore.\n\n## Two {#two}\n\nEnd.\n")
    sizes = section_sizes(text, lambda target: 7000 if target == "pic.svg" else 0)
    assert len(sizes) == 2
    assert sizes[0] > 7000 > sizes[1]


def test_part_addresses_sit_beside_the_page_at_the_same_depth() -> None:
    assert part_url("modules/safety/", 1) == "modules/safety/"
    assert part_url("sn/modules/safety/", 3) == "sn/modules/safety-3/"
    assert part_url("modules/safety.html", 2) == "modules/safety-2.html"
    assert part_dest("sn/modules/safety/index.html", 2) == "sn/modules/safety-2/index.html"
    assert resolve_url("../safety/#dust", "modules/glossary/") == ("modules/safety/", "dust")
    assert resolve_url("#dust", "modules/safety/") == ("modules/safety/", "dust")
    assert resolve_url("https://example.org/", "modules/safety/") is None
    assert relative_url("modules/safety-2/", "modules/safety/") == "../safety-2/"
    assert relative_url("modules/safety/", "modules/safety/") == "./"


PAGE = """<!doctype html><html><head><link rel="canonical" href="https://example.org/modules/safety/">
<title>Safety - ASM Academy</title></head><body><a href="#one" class="md-skip">Skip</a>
<a href="./" hreflang="en" class="md-select__link">English</a>
<a href="../../sn/modules/safety/" hreflang="sn" class="md-select__link">chiShona</a>
<nav><a href="#one">One</a><a href="#two">Two</a><a href="#two-sub">Two sub</a></nav>
<article>{content}</article></body></html>"""
CONTENT = ('<p>Intro</p><h2 id="one">One &amp; all</h2><p>a <a href="#two-sub">see below</a></p>'
           '<h2 id="two">Two</h2><h3 id="two-sub">Sub</h3><p>b <a href="#one">back</a></p>'
           '<h2 id="three">Three</h2><p>c</p>')


def _cut() -> tuple[str, list[Part]]:
    content, parts = cut_content(CONTENT, (1, 2), "modules/safety/")
    return PAGE.replace("{content}", content), parts


def test_cut_content_marks_parts_with_their_ids_and_titles() -> None:
    page, parts = _cut()
    assert [(p.number, p.title, p.url) for p in parts] == [(1, "One & all", "modules/safety/"),
                                                          (2, "Two", "modules/safety-2/")]
    assert parts[1].ids == {"two", "two-sub", "three"} and "one" in parts[0].ids
    assert cut_content(CONTENT, (1, 1), "modules/safety/") == (CONTENT, [])   # headings changed: not cut


def test_each_part_page_holds_only_its_part_with_navigation_and_working_links() -> None:
    page, parts = _cut()
    by_url = {"modules/safety/": parts}
    first = part_html(rewrite_links(page, "modules/safety/", by_url), parts, 1, LABELS)
    second = part_html(rewrite_links(page, "modules/safety/", by_url, "modules/safety-2/"), parts, 2, LABELS)
    assert "<p>Intro</p>" in first and "<p>c</p>" not in first
    assert "<p>Intro</p>" not in second and "<p>b" in second and "<p>c</p>" in second
    assert "Part 1 of 2" in first and "Part 2 of 2" in second
    # a link to an anchor in the other part goes there; one in the same part stays on the page
    assert '<a href="../safety-2/#two-sub">see below</a>' in first
    assert '<a href="../safety/#one">back</a>' in second
    assert '<a href="#two">Two</a>' in second and '<a href="../safety-2/#two">Two</a>' in first
    assert 'rel="next" href="../safety-2/"' in first and 'rel="prev" href="../safety/"' in second
    assert "<title>Two · Safety - ASM Academy</title>" in second
    assert 'href="https://example.org/modules/safety-2/"' in second
    assert '<a href="#two" class="md-skip">' in second
    assert 'href="../../sn/modules/safety-2/" hreflang="sn"' in second and 'href="./" hreflang="en"' in second


def test_links_from_other_pages_go_to_the_part_that_holds_the_anchor() -> None:
    _, parts = _cut()
    glossary = '<a href="../modules/safety/#three">x</a><a href="../modules/safety/">y</a><a href="#three">z</a>'
    out = rewrite_links(glossary, "glossary/", {"modules/safety/": parts})
    assert out == '<a href="../modules/safety-2/#three">x</a><a href="../modules/safety/">y</a><a href="#three">z</a>'


def test_a_translation_with_other_headings_is_an_error_naming_the_line(tmp_path: Path) -> None:
    long = "\n\n".join(f"## Section {n} {{#s{n}}}\n\n" + " ".join(f"word{n}x{i}" for i in range(900)) for n in range(4))
    root = write_tree(tmp_path, {
        **clean_files(),
        "docs/modules/long.md": f"---\ntitle: Long\n---\n\n{long}\n",
        "docs/sn/modules/long.md": f"---\ntitle: Long\n---\n\n{long}\n\n## Extra {{#extra}}\n\nMore.\n",
    })
    tree = load_tree(load_site_config(root))
    plans, problems = plan_parts(tree, ["modules/long.md"])
    assert plans == {}
    assert [(p.code, p.severity, p.path) for p in problems] == [("PART001", "error", "docs/sn/modules/long.md")]
    extra = (root / "docs/sn/modules/long.md").read_text(encoding="utf-8").splitlines().index("## Extra {#extra}") + 1
    assert problems[0].line == extra and "part addresses would break" in problems[0].message
    (root / "docs/sn/modules/long.md").write_text(f"---\ntitle: Long\n---\n\n{long}\n", encoding="utf-8")
    plans, problems = plan_parts(load_tree(load_site_config(root)), ["modules/long.md"])
    assert problems == [] and len(plans["modules/long.md"]) > 1
    # a page whose name a part would take keeps the module whole, with a warning naming it
    (root / "docs/modules/long-2.md").write_text("---\ntitle: Other\n---\n\nText.\n", encoding="utf-8")
    plans, problems = plan_parts(load_tree(load_site_config(root)), ["modules/long.md"])
    assert plans == {} and [p.code for p in problems] == ["PART002"] and "long-2.md" in problems[0].message


def test_site_check_reports_a_link_to_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a>\n<a href="a/#gone">bad</a>\n<a href="#top">bad</a>',
                                         encoding="utf-8")
    found = broken_links(tmp_path)
    assert [(f.path, f.line, f.code) for f in found] == [("site/index.html", 2, "SITE004"),
                                                        ("site/index.html", 3, "SITE004")]


def test_plan_each_language_and_same_place() -> None:
    entries = "\n\n".join(f"### term{n} {{#t{n}}}\n\n" + " ".join(f"w{n}x{i}" for i in range(300)) for n in range(6))
    en = "Intro.\n\n## A {#letter-a}\n\n" + entries.replace("### term3", "## B {#letter-b}\n\n### term3")
    sn = "## A {#letter-a}\n\n" + entries
    plans = plan_each_language({"en": en, "sn": sn}, budget=3000)
    assert len(plans["en"]) > 1 and "sn" not in plans         # sn has one letter: one part, not cut
    ids = part_ids(en, plans["en"])
    assert ids[0][:2] == ("letter-a", "t0") and "letter-b" in sum(map(list, ids), [])
    assert part_ids(en, plans["en"], level=3)[0][0] == "t0"    # the terms only, not the letters
    assert same_place(("letter-b", "t3"), part_ids(sn, (1,))) == (1, "t3")
    assert same_place(("t9",), part_ids(sn, (1,))) is None


def test_search_sends_each_section_to_its_part() -> None:
    from asm_academy.web.search_index import IndexedPage, per_part

    page = IndexedPage("Safety", "modules/safety/", False, [("", "", "intro"), ("One", "one", "a"), ("Two", "two", "b")])
    parts = per_part(page, [("modules/safety/", frozenset({"one"})), ("modules/safety-2/", frozenset({"two"}))])
    assert [(p.url, [s[1] for s in p.sections]) for p in parts] == [("modules/safety/", ["", "one"]),
                                                                   ("modules/safety-2/", ["two"])]
