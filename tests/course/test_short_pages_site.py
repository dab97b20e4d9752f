"""This course served in short parts: every module, every language, the phone budget."""
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

ROOT = Path(__file__).resolve().parents[1]
from course_facts import CUTS, LANGS, MODULES, TRANSLATIONS, glossary_pages, prefix, stem

PREFIXES = [prefix(code) for code in LANGS]
LABELS = PartLabels("Part {number} of {total}", "Parts of this module", "Previous part", "Next part")


def _parts(site: Path, lang_prefix: str, module: str) -> list[Path]:
    pages = [site / lang_prefix / "modules" / module / "index.html"]
    while (nxt := site / lang_prefix / "modules" / f"{module}-{len(pages) + 1}" / "index.html").exists():
        pages.append(nxt)
    return pages


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_cut_into_the_same_parts_in_every_language(site: Path, module: str) -> None:
    name = stem(module)
    counts = {p: len(_parts(site, p, name)) for p in PREFIXES}
    expected = len(CUTS.get(module, (1,)))
    assert counts[""] == expected and len(set(counts.values())) == 1, counts
    english = [re.findall(r'<h2 id="([^"]+)"', p.read_text(encoding="utf-8")) for p in _parts(site, "", name)]
    for lang_prefix in PREFIXES:
        headings = [re.findall(r'<h2 id="([^"]+)"', p.read_text(encoding="utf-8")) for p in _parts(site, lang_prefix, name)]
        assert headings == english, f"{lang_prefix}{module}: part n must hold the same sections in every language"


def test_opening_any_page_after_the_home_page_costs_at_most_10_kb(site: Path) -> None:
    """The phone-first budget for the next page, on every page and part of the site, in every language."""
    over = []
    others = {code for code in TRANSLATIONS}
    for lang_prefix in PREFIXES:
        home = page_weight(site, site / lang_prefix / "index.html", "/asm/")
        for page in sorted((site / lang_prefix).rglob("index.html")):
            if not lang_prefix and page.relative_to(site).parts[0] in others:
                continue
            cost = next_page_bytes(home, page_weight(site, page, "/asm/"))
            if cost > 10 * 1024:
                over.append((page.relative_to(site).as_posix(), cost))
    assert over == []


@pytest.mark.parametrize("glossary", glossary_pages())
def test_the_glossary_is_cut_per_language_and_the_switcher_keeps_the_term(site: Path, glossary: str) -> None:
    name = stem(glossary) if stem(glossary) != "index" else Path(glossary).parent.name
    cut = []
    for lang_prefix in PREFIXES:
        parts = sorted(site.glob(f"{lang_prefix}{name}*/index.html"))
        letters = [re.findall(r'<h2 id="letter-[a-z]+">(\w)', p.read_text(encoding="utf-8")) for p in parts]
        assert all(letters) and sum(letters, []) == sorted(sum(letters, [])), letters
        if len(parts) >= 2:
            cut.append(lang_prefix)
    for lang_prefix in cut:
        page = (site / lang_prefix / f"{name}-2" / "index.html").read_text(encoding="utf-8")
        first_term = re.search(r'<h3 id="([^"]+)"', page).group(1)
        for code in LANGS:
            if prefix(code) == lang_prefix:
                continue
            href = re.search(rf'<a href="([^"]+)" hreflang="{code}"', page).group(1)
            assert href.endswith(f"#{first_term}")
            target = (site / lang_prefix / f"{name}-2" / href.split("#")[0] / "index.html").resolve()
            assert f'id="{first_term}"' in target.read_text(encoding="utf-8"), f"{code}: {href}"


@pytest.mark.skipif(not any(len(c) > 1 for c in CUTS.values()), reason="no module is served in parts")
@pytest.mark.parametrize("lang", LANGS)
def test_search_offline_and_sitemap_know_the_parts(site: Path, lang: str) -> None:
    import json
    from course_facts import TREE
    from asm_academy.source.markdown_scan import scan

    module = next(m for m, c in CUTS.items() if len(c) > 1)
    name = stem(module)
    from search_reference import pages_from_files
    where = {section[1]: page.url for page in pages_from_files(site / prefix(lang) / "search")
             for section in page.sections if section[1] and page.url.startswith(f"modules/{name}")}
    ids = [h.id for h in scan(TREE.english[module].path.read_text(encoding="utf-8")).headings if h.level == 2]
    parts = _parts(site, prefix(lang), name)
    last = parts[-1].read_text(encoding="utf-8")
    assert where[ids[0]] == f"modules/{name}/"
    assert f'id="{ids[-1]}"' in last and where[ids[-1]] == f"modules/{name}-{len(parts)}/"
    offline = json.loads((site / prefix(lang) / "offline.json").read_text(encoding="utf-8"))["urls"]
    assert f"modules/{name}-{len(parts)}/" in offline
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    served_as_translation = lang == TREE.config.default.code or module in TREE.files[lang]
    # the sitemap lists parts of a language's own pages, not of English fallbacks (see test_site)
    assert (f"https://example.org/asm/{prefix(lang)}modules/{name}-{len(parts)}/" in sitemap) == served_as_translation
