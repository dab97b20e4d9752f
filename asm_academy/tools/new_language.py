"""`make language CODE=toi NAME="chiTonga"`: everything a new language needs, so that `make site`
passes straight after and every page falls back to English, with notices in the new language's
(for now English, marked untranslated) interface.

Edits are made in the text of each file, never by re-dumping YAML, so comments and layout stay.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.termbase import TERMBASE
from ..content.ui_packs import OVERRIDES_PACKS, material_packs, scaffold_pack
from ..content.ui_strings import UI_FILE
from ..source.findings import ContentError, Finding
from ..source.language_codes import code_hint, is_language_code
from ..source.site_config import language_entry_lines, load_site_config

UNTRANSLATED = "# untranslated"


@dataclass
class NewLanguage:
    code: str
    written: list[str] = field(default_factory=list)    # repo-relative paths created or changed


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index after the last line of the YAML block that starts at `start` (its first line's indent)."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def add_to_mkdocs(text: str, code: str, name: str) -> str:
    """A language entry after the last one under plugins > i18n > languages."""
    lines = text.split("\n")
    starts = [n - 1 for n in language_entry_lines(text)]
    if not starts:
        raise ContentError(Finding("mkdocs.yml", 0, "LANG002", "no `- locale:` entries under plugins > i18n > languages",
                                   "Add the i18n plugin with its languages first (see README, Languages)."))
    last = starts[-1]
    dash = lines[last].index("-")
    end = _block_end(lines, last, dash)
    pad = " " * dash
    entry = [f"{pad}- locale: {code}", f"{pad}  name: {json.dumps(name, ensure_ascii=False)}", f"{pad}  build: true"]
    return "\n".join(lines[:end] + entry + lines[end:])


def add_to_ui(text: str, code: str, english_name: str) -> str:
    """The language under `languages:`, and an English copy of every string marked untranslated."""
    lines = text.split("\n")
    out: list[str] = []
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^[A-Za-z_]+:\s*$", line):
            section = line.split(":")[0]
            out.append(line)
            if section == "languages":
                end = _block_end(lines, i, 0)
                out += lines[i + 1:end]
                # a three-letter primary subtag is already the ISO 639-3 code the ZIM file needs
                primary = code.split("-")[0].lower()
                iso = f", iso639_3: {primary}" if len(primary) == 3 else ""
                out.append(f"  {code}: {{english_name: {json.dumps(english_name, ensure_ascii=False)}{iso}, draft: true}}")
                i = end
                continue
            i += 1
            continue
        flow = re.match(r"^  ([A-Za-z0-9_]+):\s*\{(.*)\}\s*$", line)
        if section == "strings" and flow:
            import yaml
            forms = yaml.safe_load("{" + flow.group(2) + "}") or {}
            if "en" in forms and code not in forms:
                line = line.rstrip()[:-1].rstrip() + f", {code}: {json.dumps(str(forms['en']), ensure_ascii=False)}}}  {UNTRANSLATED}"
            out.append(line)
            i += 1
            continue
        key = re.match(r"^  ([A-Za-z0-9_]+):\s*$", line)
        if section == "strings" and key:
            end = _block_end(lines, i, 2)
            block = lines[i:end]
            english = next((b for b in block if re.match(r"^    en:\s", b)), None)
            out += block
            if english is not None and not any(re.match(rf"^    {re.escape(code)}:\s", b) for b in block):
                out.append(f"    {code}: {english.split(':', 1)[1].strip()}  {UNTRANSLATED}")
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def add_to_termbase(text: str, code: str, name: str) -> str:
    """An empty `code:` block in every term, for translators to fill in (until then: English)."""
    lines = text.split("\n")
    out: list[str] = []
    starts = [i for i, line in enumerate(lines) if re.match(r"^  - id:\s", line)]
    bounds = starts[1:] + [len(lines)]
    out += lines[:starts[0]] if starts else lines
    for start, nxt in zip(starts, bounds):
        end = _block_end(lines, start, 2)
        out += lines[start:end]
        out += [f"    {code}:   # {name}: write the term and definition, then set status: draft",
                '      term: ""', '      definition: ""', "      status: untranslated"]
        out += lines[end:nxt]
    return "\n".join(out)


def add_language(root: Path, code: str, name: str, english_name: str = "") -> NewLanguage:
    if not is_language_code(code):
        raise ContentError(Finding("(command line)", 0, "LANG001", f"`{code}` is not a BCP 47 language code",
                                   code_hint(code)))
    if not name.strip():
        raise ContentError(Finding("(command line)", 0, "LANG003", "no language name given",
                                   f"Give the language's own name: make language CODE={code} NAME=\"chiTonga\"."))
    site = load_site_config(root)
    if any(lang.code == code for lang in site.languages):
        raise ContentError(Finding("mkdocs.yml", site.language(code).line, "LANG004",
                                   f"`{code}` is already a language of this site", "Nothing to add."))
    result = NewLanguage(code)

    def write(rel: str, text: str) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        result.written.append(rel)

    folder = site.docs_dir / code
    folder.mkdir(parents=True, exist_ok=True)
    write(f"{folder.relative_to(root).as_posix()}/.gitkeep", "")    # git keeps no empty folder
    pack = (OVERRIDES_PACKS / f"{code}.html").as_posix()
    material = material_packs()
    if not (root / pack).exists() and material and not (material / f"{code}.html").exists():
        base = material / f"{code.split('-')[0]}.html"
        write(pack, scaffold_pack(code, name, base if base.exists() else material / "en.html", material / "en.html"))
    write(UI_FILE, add_to_ui((root / UI_FILE).read_text(encoding="utf-8"), code, english_name or name))
    if (root / TERMBASE).exists():
        write(TERMBASE, add_to_termbase((root / TERMBASE).read_text(encoding="utf-8"), code, name))
    write("mkdocs.yml", add_to_mkdocs((root / "mkdocs.yml").read_text(encoding="utf-8"), code, name))
    return result
