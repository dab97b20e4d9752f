"""MkDocs hook: a review sheet (PDF and HTML view) for every translated page, in `<lang>/review/`.

Made with the handouts (the same `handouts` setting and render cache), linked from the page's
draft or outdated notice, written into site/ after the language's build.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from asm_academy.printing.review_sheets import FOLDER, SheetExport, export_sheets, sheet_name, write_sheets
from build_context import build_language, language_prefix, site_data

_state: dict = {}       # the language build in progress


@event_priority(-200)    # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    _state.clear()
    data = site_data(config)
    lang = build_language(config)
    if not data.settings.handouts or lang == data.site.default.code:
        return
    _state.update(lang=lang, export=export_sheets(
        data.tree, data.statuses, data.terms, data.ui, lang, config.site_url or "http://127.0.0.1:8000/",
        data.settings.handout_cache, pdf=data.settings.pdf))


@event_priority(-150)
def on_page_markdown(markdown: str, page, config, files) -> str:
    export: SheetExport | None = _state.get("export")
    if export is None:
        return markdown
    lang = _state["lang"]
    rel = page.file.src_uri.removeprefix(f"{lang}/")
    if any(sheet.rel == rel for sheet in export.sheets):
        folder = f"{language_prefix(config, lang)}{FOLDER}/"
        page.meta["asm_review_sheet"] = {kind: get_relative_url(folder + sheet_name(rel, lang, f".{kind}"), page.url)
                                         for kind in ("pdf", "html")}
    return markdown


@event_priority(-200)
def on_post_build(config) -> None:
    export: SheetExport | None = _state.pop("export", None)
    if export is None or export.lang != build_language(config):
        return
    write_sheets(export, Path(config.site_dir) / language_prefix(config, export.lang) / FOLDER,
                 site_data(config).settings.root)
