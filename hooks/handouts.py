"""MkDocs hook: printable handouts for every module in the language being built.

PDFs are planned and rendered (or taken from the cache) before the pages, so each module page can
show the file size; they are written into site/ after the build. `handouts: false` under
`extra: academy:` skips them; `mkdocs serve` skips them unless `handouts_when_serving: true`.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from asm_academy.content import generated
from asm_academy.source.findings import ContentError, format_report
from asm_academy.printing.handouts import Export, export_language, handout_name, handouts_markdown, kb, write_outputs
from build_context import build_language, language_prefix, remember_versions, site_data

_state: dict = {}        # the language build in progress
_exports: dict[str, Export] = {}   # language -> its PDFs, until written after its build


@event_priority(-200)    # after mkdocs-static-i18n has switched language
def on_pre_build(config) -> None:
    _state.clear()
    data = site_data(config)
    lang = build_language(config)
    remember_versions(lang, {})
    if not data.settings.handouts:
        return
    try:
        export = export_language(data.settings.root, lang, config.site_url or "http://127.0.0.1:8000/",
                                 data.settings.handout_cache, pdf=data.settings.pdf, site=data.site, tree=data.tree,
                                 ui=data.ui, statuses=data.statuses,
                                 workshop=data.settings.workshop)
    except ContentError as exc:
        raise PluginError(exc.finding.format()) from None
    if export.problems:
        raise PluginError("handouts could not be made:\n\n" + format_report(export.problems))
    _state.update(lang=lang, export=export, ui=data.ui)
    _exports[lang] = export


@event_priority(-150)    # before language_pages expands the other markers
def on_page_markdown(markdown: str, page, config, files) -> str:
    export: Export | None = _state.get("export")
    if export is None:
        return markdown.replace(generated.HANDOUTS, "")
    lang = _state["lang"]
    folder = f"{language_prefix(config, lang)}handouts/"
    sizes = {f.name: f.size for f in export.files}
    rel = page.file.src_uri.removeprefix(f"{lang}/")
    module = Path(rel).stem
    if rel.startswith("modules/") and module in export.titles:
        page.meta["asm_handout"] = _link(folder, handout_name(module, lang, "handout"), sizes, page)
        page.meta["asm_full"] = _link(folder, handout_name(module, lang, "full"), sizes, page)
    if generated.HANDOUTS in markdown:
        prefix = get_relative_url(folder, page.url).rstrip("/") + "/"
        prefix = "" if prefix in ("./", "/") else prefix
        markdown = markdown.replace(generated.HANDOUTS, handouts_markdown(export, _state["ui"], prefix))
    return markdown


def _link(folder: str, name: str, sizes: dict[str, int], page) -> dict:
    return {"url": get_relative_url(folder + name, page.url), "kb": str(kb(sizes.get(name, 0)))}


@event_priority(-200)
def on_post_build(config) -> None:
    lang = build_language(config)
    export = _exports.pop(lang, None)
    if export is not None:
        folder = f"{language_prefix(config, lang)}handouts/"
        write_outputs(export, Path(config.site_dir) / folder)
        # a PDF's offline version is its render inputs: another machine's font libraries change its bytes
        remember_versions(lang, {folder + name: key for name, key in export.keys.items()})
