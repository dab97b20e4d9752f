"""The site's one stylesheet: the theme's rules the built pages use, cut at build time (web/css_subset)."""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2

from asm_academy.web.css_subset import read_pages

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _theme_stylesheet(site: Path) -> Path:
    """Material's own stylesheet, as the theme ships it (still copied into the site by MkDocs)."""
    import material
    return next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))


def _selector_classes(css: str) -> set[str]:
    classes: set[str] = set()

    def walk(rules: list) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                classes.update(_CLASS.findall(tinycss2.serialize(rule.prelude)))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return classes


def _stylesheets(site: Path) -> dict[Path, list[str]]:
    found: dict[Path, list[str]] = {}
    for page in site.rglob("*.html"):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)">', page.read_text(encoding="utf-8")):
            found.setdefault(page, []).append(href)
    return found


def test_every_page_loads_one_stylesheet_that_exists(site: Path) -> None:
    for page, hrefs in _stylesheets(site).items():
        assert len(hrefs) == 1, f"{page.relative_to(site)} loads {hrefs}"
        assert (page.parent / hrefs[0]).resolve().is_file(), f"{page.relative_to(site)}: {hrefs[0]} missing"


def _pages_by_sheet(site: Path) -> dict[Path, list[Path]]:
    """Each stylesheet with the pages that load it (review sheets load their own print stylesheet)."""
    by_sheet: dict[Path, list[Path]] = {}
    for page, hrefs in _stylesheets(site).items():
        by_sheet.setdefault((page.parent / hrefs[0]).resolve(), []).append(page)
    return by_sheet


def test_every_class_the_theme_styles_on_a_built_page_is_still_styled(site: Path) -> None:
    """A class used on a page that Material's stylesheet has rules for keeps at least one of them in the sheet that page loads."""
    theme = _selector_classes(_theme_stylesheet(site).read_text(encoding="utf-8"))
    for sheet, users in _pages_by_sheet(site).items():
        pages = read_pages(p.read_text(encoding="utf-8") for p in users)
        ours = _selector_classes(sheet.read_text(encoding="utf-8"))
        lost = sorted((pages.classes & theme) - ours)
        assert not lost, f"{sheet.name} (loaded by {users[0].relative_to(site)}) lost the theme's rules for classes the pages use: {lost}"


def test_the_stylesheet_is_a_fraction_of_the_theme(site: Path) -> None:
    """The cut happened: rules for what the site never shows (code, tabs, Material's search box) are gone."""
    home = site / "index.html"
    sheet = (site / _stylesheets(site)[home][0]).resolve()
    ours = _selector_classes(sheet.read_text(encoding="utf-8"))
    assert not ours & {"md-tabs", "md-search", "md-code__button", "tabbed-set"}, ours & {"md-tabs", "md-search"}
