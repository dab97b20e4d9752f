"""The content checks against an independent crawl of the built site.

The crawl knows nothing of Markdown or of our checker: it starts at each language's home page,
follows every link, and records each href whose file or #anchor does not exist.
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from asm_academy.checks.tree_checks import check_tree
from conftest import TEST_SITE_URL, build_site, copy_repo


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key])


def crawl(site: Path, base: str = urlsplit(TEST_SITE_URL).path) -> set[tuple[str, str]]:
    """(page, href) pairs whose target file or anchor is missing."""
    parsed: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = parser
        return parsed[path]

    broken: set[tuple[str, str]] = set()
    from course_facts import LANGS, prefix
    todo = [site / prefix(code) / "index.html" for code in LANGS]
    seen: set[Path] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for href in page(current).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:")) or (not parts.path and not parts.fragment):
                continue
            if parts.path.startswith("/"):
                target = site / unquote(parts.path)[len(base):]
            elif parts.path:
                target = Path(posixpath.normpath((current.parent / unquote(parts.path)).as_posix()))
            else:
                target = current
            if target.is_dir() or href.endswith("/"):
                target = target / "index.html"
            where = current.relative_to(site).as_posix()
            if not target.exists():
                broken.add((where, href))
                continue
            if target.suffix == ".html":
                if parts.fragment and parts.fragment not in page(target).ids:
                    broken.add((where, href))
                todo.append(target)
    return broken


def test_real_site_has_no_broken_links(site: Path) -> None:
    assert crawl(site) == set()


def planted_defects() -> dict[str, tuple[str, str]]:
    """Three broken links, in pages of this course: a misspelt page, a missing anchor, a wrong path."""
    from course_facts import CONFIG, MODULES, TREE
    from asm_academy.source.markdown_scan import scan

    def first_link(rel: str, with_anchor: bool = False) -> str:
        for link in scan(TREE.english[rel].path.read_text(encoding="utf-8")).links:
            path, _, anchor = link.target.partition("#")
            if path.endswith(".md") and not link.is_image and "://" not in path and bool(anchor) == with_anchor:
                return link.target
        raise AssertionError(f"{rel} has no link to plant a defect in")

    one, two = MODULES[0], MODULES[-1]
    home = CONFIG.nav_pages[0]          # the home page
    target = first_link(one)
    anchored = first_link(two, with_anchor=True)
    home_target = first_link(home)
    return {
        f"docs/{one}": (f"]({target})", f"]({target[:-3]}x.md)"),
        f"docs/{two}": (f"]({anchored})", f"]({anchored}-gone)"),
        f"docs/{home}": (f"]({home_target})", f"](no-such-folder/{home_target})"),
    }


def test_every_broken_link_the_crawl_finds_the_checker_reports(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    defects = planted_defects()
    for name, (old, new) in defects.items():
        path = repo / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name}: fixture text moved"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # MkDocs' strict mode stops at the first language; the crawl needs all of them, so build leniently
    result = build_site(repo, tmp_path / "site", settings={"checks": False, "handouts": False}, strict=False)
    assert result.returncode == 0, result.stderr
    broken = crawl(tmp_path / "site")
    assert broken, "the crawl should find the broken links we planted"
    findings = check_tree(repo).findings
    reported = {(f.path, f.code) for f in findings if f.severity == "error"}
    for page, href in broken:
        from course_facts import DEFAULT, TRANSLATIONS
        lang = page.split("/")[0] if page.split("/")[0] in TRANSLATIONS else DEFAULT
        rel = page[len(lang) + 1:] if lang != DEFAULT else page
        source = rel.removesuffix("index.html").rstrip("/") or "index"
        sources = {source, re.sub(r"-\d+$", "", source)}     # modules/safety-3/ is a part of modules/safety.md
        candidates = {c for s in sources for c in (f"docs/{s}.md", f"docs/{s}/index.md",
                                                   f"docs/{lang}/{s}.md", f"docs/{lang}/{s}/index.md")}
        assert any((c, code) in reported for c in candidates for code in ("LINK001", "LINK002")), \
            f"crawl found {href} broken on {page}; the checker did not report it"
