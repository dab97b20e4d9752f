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

from asm_academy.web.html_fixes import focusable_tables, static_checklists, strip_indentation
from asm_academy.web.icon_sprite import overridden_icons, sprite, theme_icons
from asm_academy.web.offline import bundle, manifest_json, mb, service_worker, web_manifest
from asm_academy.web.search_index import IndexedPage, per_part, sections_of
from asm_academy.web.search_tiers import search_files
from build_context import build_language, file_versions, language_prefix, settings, site_description

_pages: dict[str, list[IndexedPage]] = {}
SEARCH_INDEX_BUDGET = 60_000      # first tier, bytes before compression; the course's largest is about 20 KB
log = logging.getLogger("mkdocs.hooks.phone_first")


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


@event_priority(-200)
def on_post_page(output: str, page, config) -> str:
    return strip_indentation(output)


@event_priority(-210)   # before the ZIM files (hooks/zim.py, -220), which hold the icons and the search index
def _icons_and_search_index(config) -> None:
    site = Path(config.site_dir)
    lang = build_language(config)
    for name, data in search_files(lang, _pages.pop(lang, [])).files.items():
        write_file(data, str(site / language_prefix(config, lang) / "search" / name))
    _write_icon_sprite(config, site)


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
    first = bundle(site, lang, prefix, others, base_path)
    for page in (site / prefix).rglob("*.html"):
        if not prefix and any(page.relative_to(site).as_posix().startswith(o) for o in others):
            continue
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


def _write_icon_sprite(config, site: Path) -> None:
    overrides = Path(config.theme.custom_dir)
    names = overridden_icons(overrides)
    icons = theme_icons(list(config.theme.dirs), overrides, names)
    missing = [n for n in names if n not in icons]
    if missing:
        raise PluginError(f"overrides/.icons/{missing[0]}.svg: the theme has no icon `{missing[0]}`; "
                          "rename the file after an icon the theme has, or delete it.")
    write_file(sprite(icons).encode("utf-8"), str(site / "assets" / "images" / "icons.svg"))


on_post_build = CombinedEvent(_icons_and_search_index, _offline_and_search)
