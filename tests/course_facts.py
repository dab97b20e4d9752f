"""What the course tests expect, derived from mkdocs.yml and the docs tree, never written down.

A partner who removes a module, adds one, adds a language or renames the site changes the answers
here without touching a test.
"""
from __future__ import annotations

import re
from pathlib import Path

from asm_academy.content.termbase import load_termbase
from asm_academy.content.ui_strings import load_ui
from asm_academy.source.doctree import load_tree
from asm_academy.source.site_config import load_site_config
from asm_academy.source.structure import module_pages
from asm_academy.translation.page_context import page_url
from asm_academy.web.short_pages import plan_parts
from conftest import ROOT

CONFIG = load_site_config(ROOT)
TREE = load_tree(CONFIG)
UI = load_ui(ROOT, CONFIG.default.code, CONFIG.names)
DEFAULT = CONFIG.default.code
LANGS = [l.code for l in CONFIG.languages]
TRANSLATIONS = [l.code for l in CONFIG.translations]
PAGES = [f.rel for f in TREE.pages(DEFAULT)]
MODULES = module_pages(TREE)
TERMS, _ = load_termbase(ROOT, LANGS, DEFAULT)
CUTS = plan_parts(TREE, MODULES)[0]          # module -> sections per part, for the modules served in parts


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def url(lang: str, rel: str) -> str:
    """Site-relative address of a page in a language, e.g. "sn/modules/safety/"."""
    return prefix(lang) + page_url(rel).lstrip("./")


def built(site: Path, lang: str, rel: str) -> Path:
    return site / url(lang, rel) / "index.html"


def translated(lang: str, rels: list[str] | None = None) -> list[str]:
    return [r for r in (PAGES if rels is None else rels) if r in TREE.files.get(lang, {})]


def untranslated(lang: str) -> list[str]:
    return [r for r in PAGES if r not in TREE.files.get(lang, {})]


def stem(rel: str) -> str:
    return Path(rel).stem


# The language and module the browser and site tests read: the translation with the most modules
# translated, and its first translated module (a partner with no translation yet gets none).
LANG = max(TRANSLATIONS, key=lambda code: len(translated(code, MODULES)), default=None)
MODULE = next(iter(translated(LANG, MODULES)), MODULES[0] if MODULES else None) if LANG else None
OTHER_MODULE = next((m for m in (translated(LANG, MODULES) if LANG else MODULES) if m != MODULE), None)
CUT_MODULE = next((m for m in ([MODULE] if MODULE else []) + MODULES if len(CUTS.get(m, ())) > 1), None)


def glossary_pages() -> list[str]:
    from asm_academy.content.generated import GLOSSARY
    return [f.rel for f in TREE.pages(DEFAULT) if GLOSSARY in f.path.read_text(encoding="utf-8")]


def page_with_marker(marker: str) -> str | None:
    return next((f.rel for f in TREE.pages(DEFAULT) if marker in f.path.read_text(encoding="utf-8")), None)


def cross_part_link() -> tuple[str, str, str] | None:
    """(page, target module, anchor): an English link to a section of another module that is not in
    the target's first part, so opening it must land on a later part."""
    from asm_academy.source.markdown_scan import scan

    for target in CUTS:
        if len(CUTS[target]) < 2:
            continue
        first_part_ids = _first_part_ids(target)
        for rel in MODULES:
            if rel == target:
                continue
            for link in scan(TREE.english[rel].path.read_text(encoding="utf-8")).links:
                path, _, anchor = link.target.partition("#")
                if anchor and not link.is_image and path == Path(target).name and anchor not in first_part_ids:
                    return rel, target, anchor
    return None


def _first_part_ids(module: str) -> set[str]:
    from asm_academy.source.markdown_scan import scan

    headings = [h for h in scan(TREE.english[module].path.read_text(encoding="utf-8")).headings if h.id]
    level2 = [h for h in headings if h.level == 2]
    keep = CUTS[module][0]
    stop = level2[keep].line if keep < len(level2) else 10 ** 9
    return {h.id for h in headings if h.line < stop}


def search_word(lang: str, rel: str) -> str | None:
    """A glossary term of `lang` that its page `rel` uses: searching it must find that page."""
    text = TREE.files[lang][rel].path.read_text(encoding="utf-8").lower()
    for term in TERMS:
        form = term.forms.get(lang)
        if form and form.status != "source" and len(form.term) > 4 and " " not in form.term and re.search(rf"\b{re.escape(form.term.lower())}\b", text):
            if form.term.lower() not in (term.forms[DEFAULT].term.lower(),):
                return form.term
    return None
