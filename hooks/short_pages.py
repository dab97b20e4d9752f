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
from asm_academy.web.short_pages import (NO_PLAN, Part, PartLabels, SitePlan, cut_content, part_dest, part_html, part_url,
                                         plan_site, rewrite_links, same_place, sitemap_with_parts)
from asm_academy.source.structure import module_pages
from build_context import build_language, is_last_event, language_prefix, site_data

_plan: dict = {}   # the cut of every page, for the whole build ("site": SitePlan)
_build: dict = {"plans": {}, "parts": {}, "labels": None}   # the language build in progress
_sitemap: dict[str, int] = {}   # address of each cut page, in every language -> number of parts
_sitemap_alone: dict[str, int] = {}   # the same for pages cut per language (no alternates)


@event_priority(-200)   # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    data = site_data(config)
    lang = build_language(config)
    if not config.plugins["i18n"].building:
        # planned once, in the default language's build: the plan reads every language's source
        # and is the same for the language builds static-i18n runs inside it
        _plan["site"] = _plan_site(data) if data.settings.short_pages else NO_PLAN
    plan: SitePlan = _plan["site"]
    labels = PartLabels(*(data.ui.get(lang, key) for key in ("part_number", "parts_list", "previous_part", "next_part")))
    _build.update(plans=plan.for_language(lang), each={page: ids for page, (_, ids) in plan.each.items()}, parts={},
                  labels=labels, lang=lang, prefix=language_prefix(config, lang))


def _plan_site(data) -> SitePlan:
    tree, default = data.tree, data.site.default.code
    glossaries = [f.rel for f in tree.pages(default) if generated.GLOSSARY in f.path.read_text(encoding="utf-8")]
    return plan_site(tree, module_pages(tree), glossaries,
                     lambda text, code: generated.expand(text, code, terms=data.terms, ui=data.ui),
                     data.settings.part_budget)


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
