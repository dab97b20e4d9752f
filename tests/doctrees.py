"""Tiny, complete doc trees for the checks: one clean tree, and one defect at a time on top of it."""
from __future__ import annotations

import textwrap
from pathlib import Path

MKDOCS_YML = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
        - locale: sn
          name: chiShona
        - locale: nd
          name: isiNdebele
nav:
  - index.md
  - topics/alpha.md
  - glossary.md
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - pymdownx.details
  - pymdownx.superfences
"""

TERMBASE = """\
terms:
  - id: pit
    en: {term: pit, definition: A hole dug to reach ore.}
    sn: {term: mugodhi, definition: Gomba rinocherwa., status: draft}
    nd: {term: umgodi, definition: Umgodi ogebhiweyo., status: draft}
"""

UI = """\
languages:
  en: {english_name: English}
  sn: {english_name: Shona, draft: true}
  nd: {english_name: Ndebele, draft: true}
strings:
  status_draft: {en: draft, sn: dhirafti, nd: idrafti}
  status_missing: {en: missing, sn: haripo, nd: akukho}
  glossary_other_languages: {en: In other languages, sn: Mune mimwe mitauro, nd: Kwezinye izilimi}
"""


def ui_pack(code: str) -> str:
    """A complete Material UI pack for `code`, made the way `make language` makes one."""
    from asm_academy.content.ui_packs import material_packs, scaffold_pack
    english = material_packs() / "en.html"
    return scaffold_pack(code, code, english, english)


def record(source: str) -> str:
    from asm_academy.translation.freshness import source_hash
    return f"translation:\n  source_hash: {source_hash(source)}\n  status: draft\n  translated_by: [Test]\n  reviewed_by: []\n"


INDEX = "---\ntitle: Home\n---\n\nWelcome. See [alpha](topics/alpha.md#walls).\n"
ALPHA = textwrap.dedent("""\
    ---
    title: Alpha
    ---

    ## Pit walls {#walls}

    Look at the [pit](../glossary.md#pit) wall. ![A pit](../assets/pit.svg)

    ## Next {#next}

    Back [home](../index.md).
    """)
GLOSSARY = "---\ntitle: Glossary\n---\n\n<!-- asm:glossary -->\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def clean_files() -> dict[str, str]:
    sn_alpha_body = ALPHA.replace("title: Alpha", "title: Alpha SN").replace("Look at the [pit]", "Tarisa [mugodhi]") \
        .replace("![A pit]", "![Mugodhi]").replace("## Pit walls", "## Madziro")
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "data/termbase.yml": TERMBASE,
        "data/ui.yml": UI,
        "overrides/partials/languages/sn.html": ui_pack("sn"),
        "overrides/partials/languages/nd.html": ui_pack("nd"),
        "docs/nd/.gitkeep": "",
        "docs/index.md": INDEX,
        "docs/topics/alpha.md": ALPHA,
        "docs/glossary.md": GLOSSARY,
        "docs/assets/pit.svg": SVG,
    }
    files["docs/sn/topics/alpha.md"] = "---\n" + record(ALPHA) + sn_alpha_body[len("---\n"):]
    return files


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
