"""MkDocs hook: the download page's "no data" block, and with `zim: true` a ZIM file per language.

The ZIM is written after the language's pages and handouts, and before the offline list is made
(phone_first, -250): its true size goes into the download page, and the page's hash in the
offline list is that of the page as served. The ZIM's own copy of the page leaves the block out,
so the file does not have to hold its own size. The logic is in asm_academy.web.kiwix and
asm_academy.tools.zim_export.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from asm_academy.content import generated
from asm_academy.source.findings import ContentError
from asm_academy.tools.zim_export import ZIM_FOLDER, export_language, zim_file_name
from asm_academy.web.kiwix import ZIM_SIZE, no_data_markdown
from asm_academy.web.offline import mb
from build_context import build_language, language_prefix, site_data, site_description

log = logging.getLogger("mkdocs.hooks.zim")


@event_priority(-150)    # before language_pages expands the other markers
def on_page_markdown(markdown: str, page, config, files) -> str:
    if generated.NO_DATA not in markdown:
        return markdown
    data = site_data(config)
    lang = build_language(config)
    href = name = ""
    if data.settings.zim:
        name = zim_file_name(config.site_name, lang)
        href = get_relative_url(f"{ZIM_FOLDER}/{name}", page.url)
    return markdown.replace(generated.NO_DATA, no_data_markdown(data.ui, lang, href, name))


@event_priority(-220)    # after the handouts are written (-200), before the offline list (-250)
def on_post_build(config) -> None:
    data = site_data(config)
    if not data.settings.zim:
        return
    lang = build_language(config)
    site = Path(config.site_dir)
    prefix = language_prefix(config, lang)
    others = [f"{l}/" for l in config.plugins["i18n"].build_languages if l != lang and language_prefix(config, l)]
    try:
        zim = export_language(site, lang, prefix, others, site_name=config.site_name,
                              language_name=data.site.language(lang).name, description=site_description(config, lang),
                              ui=data.ui, settings=data.settings, site_url=config.site_url or "http://127.0.0.1:8000/",
                              favicon=site / str(config.theme["favicon"]))
    except ContentError as exc:
        raise PluginError(exc.finding.format()) from None
    log.info(f"{zim.path.relative_to(site)}: {zim.files} files, {zim.bytes / 1e6:.2f} MB in {zim.seconds:.1f} s")
    for page in (site / prefix).rglob("*.html"):
        if not prefix and any(page.relative_to(site).as_posix().startswith(o) for o in others):
            continue
        text = page.read_text(encoding="utf-8")
        if ZIM_SIZE in text:
            page.write_text(text.replace(ZIM_SIZE, mb(zim.bytes)), encoding="utf-8")
