"""MkDocs hook: serve long pages (modules, the glossary) as short parts. The logic is in
asm_academy.short_pages.

Runs in every language build. Part pages are written beside the module page while it is written,
so the search index, the offline bundle and the site checks of later events see them.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from asm_academy.content import generated
from asm_academy.source.doctree import load_tree
from asm_academy.web.short_pages import (Part, PartLabels, cut_content, part_dest, part_html, part_url, plan_page_per_language,
                                     plan_parts, rewrite_links, same_place, sitemap_with_parts)
from asm_academy.source.site_config import load_site_config
from asm_academy.source.structure import module_pages
from asm_academy.content.termbase import load_termbase
from asm_academy.content.ui_strings import load_ui
from build_language import build_language, is_last_event, language_prefix, switched_on

_plan: dict = {"shared": {}, "each": {}}   # the cut of every page, for the whole build
_build: dict = {"plans": {}, "parts": {}, "labels": None}   # the language build in progress
_sitemap: dict[str, int] = {}   # address of each cut page, in every language -> number of parts
_sitemap_alone: dict[str, int] = {}   # the same for pages cut per language (no alternates)


@event_priority(-200)   # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    root = Path(config.config_file_path).parent
    site = load_site_config(root)
    lang = build_language(config)
    ui = load_ui(root, site.default.code)
    if not config.plugins["i18n"].building:
        # planned once, in the default language's build: the plan reads every language's source
        # and is the same for the language builds static-i18n runs inside it
        _plan.clear()
        _plan.update(_plan_site(root, site, ui) if switched_on("ASM_SHORT_PAGES") else {"shared": {}, "each": {}})
    plans = dict(_plan["shared"])
    plans.update({page: counts[lang] for page, (counts, _) in _plan["each"].items() if lang in counts})
    labels = PartLabels(*(ui.get(lang, key) for key in ("part_number", "parts_list", "previous_part", "next_part")))
    _build.update(plans=plans, each={page: ids for page, (_, ids) in _plan["each"].items()}, parts={},
                  labels=labels, lang=lang, prefix=language_prefix(config, lang))


def _plan_site(root: Path, site, ui) -> dict:
    tree = load_tree(site)
    # modules: one cut for every language; one that cannot be cut is served whole and the
    # content checks say why (PART001/PART002)
    shared = plan_parts(tree, module_pages(tree))[0]
    # the glossary files terms by each language's alphabet: a cut per language, and the switcher
    # finds the same term (a level-3 heading) in the other language
    terms, _ = load_termbase(root, [l.code for l in site.languages], site.default.code)
    each = {page: plan_page_per_language(tree, page, lambda text, code: generated.expand(text, code, terms=terms, ui=ui),
                                         id_level=3)
            for page in (f.rel for f in tree.pages(site.default.code)
                         if generated.GLOSSARY in f.path.read_text(encoding="utf-8"))}
    return {"shared": shared, "each": each}


@event_priority(-100)   # before the search index reads the content (phone_first, -200)
def on_page_content(html: str, page, config, files) -> str:
    rel = page.file.src_uri.removeprefix(_build["prefix"])
    counts = _build["plans"].get(rel)
    if not counts:
        return html
    html, parts = cut_content(html, counts, page.url)
    if parts:
        page.asm_parts = parts
        page.asm_rel = rel
        _build["parts"][page.url] = parts
        (_sitemap_alone if rel in _build["each"] else _sitemap)[page.canonical_url] = len(parts)
    return html


@event_priority(-300)   # last: the page is complete
def on_post_page(output: str, page, config) -> str:
    by_url: dict[str, list[Part]] = _build["parts"]
    parts = getattr(page, "asm_parts", None)
    if not by_url:
        return output
    if not parts:
        return rewrite_links(output, page.url, by_url)
    for part in parts[1:]:
        text = part_html(rewrite_links(output, page.url, by_url, part.url), parts, part.number, _build["labels"],
                         _switch(page.asm_rel, part.number))
        write_file(text.encode("utf-8"), str(Path(config.site_dir) / part_dest(page.file.dest_uri, part.number)))
    return part_html(rewrite_links(output, page.url, by_url), parts, 1, _build["labels"], _switch(page.asm_rel, 1))


def _switch(rel: str, number: int):
    """For a page cut per language, the switcher leads to the part of the other language's page
    that holds the same first heading (in the glossary: the same term)."""
    ids = _build["each"].get(rel)
    if ids is None:
        return None

    def to(language: str, href: str) -> str:
        found = same_place(ids[_build["lang"]][number - 1], ids.get(language, []))
        return f"{part_url(href, found[0])}#{found[1]}" if found else href
    return to


@event_priority(-500)   # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config) -> None:
    """Once every language is written: the sitemap announces the parts too."""
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if is_last_event(config) and (_sitemap or _sitemap_alone) and sitemap.exists():
        xml = sitemap_with_parts(sitemap.read_text(encoding="utf-8"), _sitemap, _sitemap_alone)
        sitemap.write_text(xml, encoding="utf-8")
        sitemap.with_suffix(".xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
        _sitemap.clear()
        _sitemap_alone.clear()
