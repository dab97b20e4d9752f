"""MkDocs hook: serve long module pages as short parts. The logic is in asm_academy.short_pages.

Runs in every language build. Part pages are written beside the module page while it is written,
so the search index, the offline bundle and the site checks of later events see them.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from asm_academy.doctree import load_tree
from asm_academy.short_pages import (Part, PartLabels, cut_content, part_dest, part_html, plan_parts, rewrite_links,
                                     sitemap_with_parts)
from asm_academy.site_config import load_site_config
from asm_academy.structure import module_pages
from asm_academy.ui_strings import load_ui
from build_language import build_language, is_last_event, language_prefix, switched_on

_build: dict = {"plans": {}, "parts": {}, "labels": None}
_sitemap: dict[str, int] = {}   # address of each cut page, in every language -> number of parts


@event_priority(-200)   # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    root = Path(config.config_file_path).parent
    site = load_site_config(root)
    tree = load_tree(site)
    # a module that cannot be cut is served whole; the content checks report why (PART001/PART002)
    plans = plan_parts(tree, module_pages(tree))[0] if switched_on("ASM_SHORT_PAGES") else {}
    lang = build_language(config)
    ui = load_ui(root, site.default.code)
    labels = PartLabels(*(ui.get(lang, key) for key in ("part_number", "parts_list", "previous_part", "next_part")))
    _build.update(plans=plans, parts={}, labels=labels, prefix=language_prefix(config, lang))


@event_priority(-100)   # before the search index reads the content (phone_first, -200)
def on_page_content(html: str, page, config, files) -> str:
    rel = page.file.src_uri.removeprefix(_build["prefix"])
    counts = _build["plans"].get(rel)
    if not counts:
        return html
    html, parts = cut_content(html, counts, page.url)
    if parts:
        page.asm_parts = parts
        _build["parts"][page.url] = parts
        _sitemap[page.canonical_url] = len(parts)
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
        text = part_html(rewrite_links(output, page.url, by_url, part.url), parts, part.number, _build["labels"])
        write_file(text.encode("utf-8"), str(Path(config.site_dir) / part_dest(page.file.dest_uri, part.number)))
    return part_html(rewrite_links(output, page.url, by_url), parts, 1, _build["labels"])


@event_priority(-500)   # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config) -> None:
    """Once every language is written: the sitemap announces the parts too."""
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if is_last_event(config) and _sitemap and sitemap.exists():
        xml = sitemap_with_parts(sitemap.read_text(encoding="utf-8"), _sitemap)
        sitemap.write_text(xml, encoding="utf-8")
        sitemap.with_suffix(".xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
        _sitemap.clear()
