"""MkDocs hook: per-language search index, offline reading and web app manifest.

Runs after each language's build (static-i18n builds each language in full). The logic is in
asm_academy.web.search_index and asm_academy.offline.
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import write_file

from asm_academy.printing.review_sheets import FOLDER as REVIEW_FOLDER
from asm_academy.web.css_subset import write_site_stylesheet
from asm_academy.web.html_fixes import (focusable_tables, static_checklists, strip_indentation,
                                        without_dead_theme_markup)
from asm_academy.web.home_modules import module_links
from asm_academy.web.lazy_images import lazy_images, svg_sizes_in
from asm_academy.web.minify import minify_files
from asm_academy.checks.site_links import site_path
from asm_academy.web.icon_sprite import overridden_icons, sprite, theme_icons
from asm_academy.web.offline import bundle, manifest_json, mb, service_worker, web_manifest
from asm_academy.web.search_index import IndexedPage, per_part, sections_of
from asm_academy.web.search_tiers import search_files
from asm_academy.web.share_image import share_png
from asm_academy.source.structure import module_pages
from build_context import build_language, file_versions, language_prefix, settings, site_data, site_description

_pages: dict[str, list[IndexedPage]] = {}
_parsed: dict = {}      # built pages parsed for the stylesheet cut, kept across the language builds while unchanged
SHARE_IMAGE = "assets/images/share.png"     # og:image, drawn at build time from the logo and the site's name
SEARCH_INDEX_BUDGET = 60_000      # first tier, bytes before compression; the course's largest is about 20 KB
log = logging.getLogger("mkdocs.hooks.phone_first")


def on_config(config):
    config.extra["asm_share_image"] = SHARE_IMAGE
    return config


@event_priority(-200)
def on_page_content(html: str, page, config, files) -> str:
    html = focusable_tables(static_checklists(html))
    lang = build_language(config)
    url = page.url.removeprefix(language_prefix(config, lang))
    if page.meta.get("template") != "search.html":
        entry = IndexedPage(str(page.meta.get("title") or page.title), url, page.meta.get("asm_notice") == "fallback",
                            sections_of(html))
        parts = getattr(page, "asm_parts", None)   # a long page served in short parts (hooks/short_pages.py)
        prefix = language_prefix(config, lang)
        _pages.setdefault(lang, []).extend(
            per_part(entry, [(p.url.removeprefix(prefix), p.ids) for p in parts]) if parts else [entry])
    return html


def on_page_context(context, page, config, nav):
    """The home page lists the modules (overrides/main.html); every page has been cut into parts by now."""
    context["asm_home"] = page == nav.homepage or page.is_homepage     # each language's home page
    if context["asm_home"]:
        data, lang = site_data(config), build_language(config)
        prefix = language_prefix(config, lang)
        found = {p.file.src_uri.removeprefix(prefix): (str(p.meta.get("title") or p.title), p.url, p.meta.get("duration"),
                                                       len(getattr(p, "asm_parts", None) or []) or 1) for p in nav.pages}
        modules = set(module_pages(data.tree))
        context["asm_modules"] = module_links([rel for rel in found if rel in modules], found, data.ui, lang)
    return context


@event_priority(-200)
def on_post_page(output: str, page, config) -> str:
    return strip_indentation(output)


@event_priority(-210)   # before the ZIM files (hooks/zim.py, -220), which hold the pages as served
def _finished_pages(config) -> None:
    """Search files, icons, the share image and the cut stylesheet: everything a page links to."""
    site = Path(config.site_dir)
    lang = build_language(config)
    prefix = language_prefix(config, lang)
    others = [f"{l}/" for l in config.plugins["i18n"].build_languages if l != lang and language_prefix(config, l)]
    for name, data in search_files(lang, _pages.pop(lang, [])).files.items():
        write_file(data, str(site / prefix / "search" / name))
    _write_icon_sprite(config, site)
    logo = Path(config.docs_dir) / str(config.theme["favicon"])
    write_file(share_png(logo.read_text(encoding="utf-8") if logo.suffix == ".svg" else "", config.site_name,
                         settings(config).brand_colour, settings(config).share_font), str(site / SHARE_IMAGE))
    base_path = urlsplit(config.site_url or "/").path or "/"
    pages = _language_pages(site, prefix, others)
    # every page, the 404 pages too (not rendered as pages), and other languages' pages built before
    # this one, so the stylesheet is cut to the same markup in every language build
    resolve = lambda s, p, url: site_path(s, p, url, base_path)    # noqa: E731
    for page in site.rglob("*.html"):
        _rewrite(page, without_dead_theme_markup)
        _rewrite(page, lambda html, page=page: lazy_images(html, svg_sizes_in(site, page, resolve)))
    # the scripts and drawings as a phone gets them; before the stylesheet cut reads the scripts
    minify_files([p for p in (site / "assets").rglob("*") if p.suffix in (".js", ".svg") and p.is_file()])
    # the review sheets' views have their own stylesheet (printing/review_sheets.py), not the theme's
    themed = [p for p in pages if REVIEW_FOLDER not in p.relative_to(site / prefix).parts[:1]]
    write_site_stylesheet(site, themed, [str(c) for c in config.extra_css],
                          [site / str(getattr(s, "path", s)) for s in config.extra_javascript], base_path, _parsed)


@event_priority(-250)   # after the handouts and 404 pages are written, before the final site check
def _offline_and_search(config) -> None:
    lang = build_language(config)
    site = Path(config.site_dir)
    prefix = language_prefix(config, lang)
    others = [f"{l}/" for l in config.plugins["i18n"].build_languages if l != lang and language_prefix(config, l)]
    description = site_description(config, lang)
    write_file(web_manifest(config.site_name, description, lang, "../assets/favicon.svg" if prefix else
                            "assets/favicon.svg", settings(config).brand_colour).encode("utf-8"),
               str(site / prefix / "manifest.webmanifest"))
    # the size goes into the language's pages; the hashes and the worker's cache name come after,
    # from the files as served. No page carries a build-wide version: an edit changes only its page.
    base_path = urlsplit(config.site_url or "/").path or "/"
    pages = _language_pages(site, prefix, others)
    first = bundle(site, lang, prefix, others, base_path)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        new = text.replace("%%ASM_OFFLINE_MB%%", mb(first.bytes)).replace("%%ASM_OFFLINE_HANDOUTS_MB%%", mb(first.handout_bytes))
        if new != text:
            page.write_text(new, encoding="utf-8")
    final = bundle(site, lang, prefix, others, base_path, file_versions(lang))
    write_file(manifest_json(final).encode("utf-8"), str(site / prefix / "offline.json"))
    write_file(service_worker(final, [] if prefix else others).encode("utf-8"), str(site / prefix / "sw.js"))
    index = site / prefix / "search" / "index.json"
    if index.stat().st_size > SEARCH_INDEX_BUDGET:
        log.info(f"{index.relative_to(site)}: warning SIZE002: the search index is {index.stat().st_size // 1000} KB; "
                    f"every first search in this language downloads this first tier (budget {SEARCH_INDEX_BUDGET // 1000} KB)")


def _language_pages(site: Path, prefix: str, others: list[str]) -> list[Path]:
    """This language's built pages (the default language's folder holds the others' folders)."""
    return [page for page in (site / prefix).rglob("*.html")
            if prefix or not any(page.relative_to(site).as_posix().startswith(o) for o in others)]


def _rewrite(page: Path, fix) -> None:
    text = page.read_text(encoding="utf-8")
    new = fix(text)
    if new != text:
        page.write_text(new, encoding="utf-8")


def _write_icon_sprite(config, site: Path) -> None:
    overrides = Path(config.theme.custom_dir)
    names = overridden_icons(overrides)
    icons = theme_icons(list(config.theme.dirs), overrides, names)
    missing = [n for n in names if n not in icons]
    if missing:
        raise PluginError(f"overrides/.icons/{missing[0]}.svg: the theme has no icon `{missing[0]}`; "
                          "rename the file after an icon the theme has, or delete it.")
    write_file(sprite(icons).encode("utf-8"), str(site / "assets" / "images" / "icons.svg"))


on_post_build = CombinedEvent(_finished_pages, _offline_and_search)
