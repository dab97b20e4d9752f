"""PO files for translators who work in OmegaT, Poedit or Weblate: `po export` and `po import`.

Export writes one PO file per translated page; po_segments decides the entries. Import puts each
changed msgstr back in the exact span it came from, after checking every file first: it writes
nothing unless every file can be applied, so a bad file never leaves half a language imported.
Import never touches the `translation:` record: the English a section was translated from is what
`stamp` records, and a reviewer's name is what `review record` writes; a PO tool knows neither.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..content.termbase import Term, load_termbase
from ..source.doctree import load_tree
from ..source.findings import ContentError, Finding, rel
from ..source.frontmatter import split_page
from ..source.site_config import SiteConfig, load_site_config
from .freshness import english_history, read_record, source_hash
from .po_segments import PageSegments, Segment, align, apply, explicit_anchors, link_targets, section_span
from .review import _current_sections, _replace_block
from .sections import section_hashes, section_starts

PAGE = "X-ASM-Page"
SOURCE = "X-ASM-Source"
PAGE_HASH = "X-ASM-Page-SHA256"
_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*|{_STRING}\s*|)$")
_SINGLE_LINE = {"heading": "a heading", "cell": "a table cell", "admonition": "a note's title",
                "title": "the title", "summary": "the summary"}


def page_hash(raw: bytes) -> str:
    """The version of the translated page a PO file was made from: any change since refuses the import,
    except to the `translation:` record, which `stamp` and `review record` may write meanwhile (import
    finds its spans in the page as it is, and never writes the record)."""
    text = raw.decode("utf-8", errors="replace")
    try:
        text = _replace_block(text, "translation: {}", Path("page"))
    except ValueError:
        pass                   # no record: the whole page counts
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class ExportedPage:
    page: str                  # repo-relative path of the translated page
    po: Path
    entries: int
    fuzzy: int
    aligned: int               # sections exported block by block
    whole: int                 # sections exported as one entry


@dataclass
class ExportResult:
    pages: list[ExportedPage] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)   # English pages with no translation yet
    findings: list[Finding] = field(default_factory=list)   # broken records: their entries are all fuzzy


@dataclass
class PageImport:
    page: str
    po: str
    changed: list[str] = field(default_factory=list)            # msgctxt of each entry written
    empty: int = 0                                               # entries with no msgstr: the page keeps its text
    reviewed_changed: list[str] = field(default_factory=list)   # reviewed sections whose wording changed
    text: str = ""                                               # the page as it will be written


@dataclass
class ImportResult:
    pages: list[PageImport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def _glossary_notes(source: str, terms: list[Term], lang: str, default: str) -> list[str]:
    notes, folded = [], source.casefold()
    for term in terms:
        english = term.forms[default].term
        used = f"glossary.md#{term.id}" in source or (english.casefold() in folded and re.search(
            rf"(?<!\w){re.escape(english)}(?!\w)", source, re.I))
        if not used:
            continue
        own = term.forms.get(lang)
        notes.append(f"glossary: {english} = {own.term}" + (" (draft)" if own.status == "draft" else "")
                     if own else f"glossary: {english} (no {lang} term yet)")
    return notes


def _fresh_sections(translated: str, english: str, display: str) -> tuple[set[str], str, list[Finding]]:
    """Sections whose English has not changed since the translation's record of them, and the
    record's hash of the whole English page (to find that version in git history)."""
    page = split_page(translated, display)
    record, problems = (None, page.problems) if page.problems else read_record(page.meta, page.meta_lines, display)
    if record is None:
        return set(), "", [Finding(f.path, f.line, f.code, f.message + " (every entry is marked fuzzy)", f.hint,
                                   "warning") for f in problems]
    current = section_hashes(english)
    fresh = {sid for sid, r in _current_sections(record, english).items() if current.get(sid) == r.source}
    return fresh, record.source_hash, []


def _previous_sources(root: Path, english_path: Path, english: str, translated: str, digest: str) -> dict[str, str]:
    """msgctxt -> the English the translation was made from, when git history still has that version:
    a fuzzy entry then shows the English change (Poedit and Weblate show it as the previous source)."""
    if not digest or source_hash(english) == digest:
        return {}
    old = next((v for v in english_history(root, english_path) if source_hash(v) == digest), None)
    return {s.key: s.source for s in align(old, translated).segments} if old is not None else {}


def _po_for(segments: PageSegments, fresh: set[str], previous: dict[str, str], meta: dict[str, str], header: str,
            display: str, notes: list[list[str]]) -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    po.header = header
    po.metadata = meta
    for segment, comments in zip(segments.segments, notes):
        entry = polib.POEntry(msgctxt=segment.key, msgid=segment.source, msgstr=segment.target.text,
                              occurrences=[(display, str(segment.target.line))], comment="\n".join(comments))
        if segment.section not in fresh:
            entry.flags.append("fuzzy")
            if previous.get(segment.key, segment.source) != segment.source:
                entry.previous_msgid = previous[segment.key]
        po.append(entry)
    return po


def export_language(root: Path, lang: str, folder: Path) -> ExportResult:
    """One PO file per page translated into `lang`, at the page's path under `folder`."""
    config = load_site_config(root)
    codes = [l.code for l in config.translations]
    if lang not in codes:
        raise ContentError(Finding("mkdocs.yml", 0, "PO000", f"`{lang}` is not a translation language of this site",
                                   "Give one of: " + ", ".join(codes) + "."))
    if folder.exists() and not folder.is_dir():
        raise ContentError(Finding(str(folder), 0, "PO000", "is a file, not a folder", "Give a folder for the PO files."))
    if folder.resolve().is_relative_to(config.docs_dir.resolve()):
        raise ContentError(Finding(str(folder), 0, "PO000", f"is inside {rel(config.docs_dir, root)}/, which the site "
                                   "publishes", "Give a folder outside it, e.g. po-" + lang + "."))
    tree = load_tree(config)
    terms, _ = load_termbase(root, [l.code for l in config.languages], config.default.code)
    result = ExportResult()
    for source in tree.pages(config.default.code):
        translated = tree.files[lang].get(source.rel)
        if translated is None:
            result.untranslated.append(rel(source.path, root))
            continue
        po, segments, problems = _page_po(root, config, lang, source.path, translated.path, terms)
        result.findings.extend(problems)
        out = folder / Path(source.rel).with_suffix(".po")
        out.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(out))
        result.pages.append(ExportedPage(rel(translated.path, root), out, len(po), sum("fuzzy" in e.flags for e in po),
                                         len(segments.aligned), len(segments.whole)))
    return result


def _page_po(root: Path, config: SiteConfig, lang: str, english_path: Path, path: Path,
             terms: list[Term]) -> tuple[polib.POFile, PageSegments, list[Finding]]:
    """The PO file of one translated page, with the header that lets import find and check it."""
    display, english_display = rel(path, root), rel(english_path, root)
    raw = path.read_bytes()
    text, english = raw.decode("utf-8"), english_path.read_text(encoding="utf-8")
    segments = align(english, text)
    fresh, digest, problems = _fresh_sections(text, english, display)
    outdated = len(fresh) < len(section_hashes(english))
    previous = _previous_sources(root, english_path, english, text, digest) if outdated else {}
    meta = {"Project-Id-Version": config.site_name or "site", "Language": lang, "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
            "X-Generator": "python -m asm_academy po export",
            PAGE: display, SOURCE: english_display, PAGE_HASH: page_hash(raw)}
    header = (f"{config.site_name}: {english_display} in {config.language(lang).name} ({lang}).\n"
              "Translate msgstr only. Keep link targets, {#ids} and Markdown marks as they are.\n"
              "Entries whose English changed since the translation are fuzzy.\n"
              "Bring the file back with: python -m asm_academy po import <folder>")
    notes = [_glossary_notes(s.source, terms, lang, config.default.code) for s in segments.segments]
    return _po_for(segments, fresh, previous, meta, header, display, notes), segments, problems


def _line_of(po_text: str, needle: str) -> int:
    return next((n for n, line in enumerate(po_text.split("\n"), start=1) if needle in line), 1)


def _read_po(path: Path, display: str) -> tuple[polib.POFile | None, str, list[Finding]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        return None, "", [Finding(display, line, "PO001", "the file is not UTF-8 text",
                                  "Save it as UTF-8 (Poedit and OmegaT do by default).")]
    bad = next((n for n, line in enumerate(text.split("\n"), start=1) if not _PO_LINE.match(line.rstrip("\r"))), None)
    if bad is not None:       # polib reads some broken lines silently (an unclosed string loses a character)
        return None, text, [Finding(display, bad, "PO001", "not a valid PO line: a string must be in double quotes, "
                                    "after msgctxt, msgid or msgstr, or continue the one above",
                                    'Mend it in Poedit, or write it as "..." with \\" for a quote inside.')]
    try:
        return polib.pofile(text, encoding="utf-8"), text, []
    except (OSError, ValueError) as exc:
        where = re.search(r"line (\d+)", str(exc))
        return None, text, [Finding(display, int(where.group(1)) if where else 1, "PO001",
                                    f"not a valid PO file: {str(exc).split(': ', 1)[-1].replace('(line', '(PO line')}",
                                    "Open it in Poedit, or export again and redo the change.")]


def _check_entry(segment: Segment, current: str, new: str, display: str, line: int) -> list[Finding]:
    """A changed msgstr keeps the English links and the anchors, and the shape of its block."""
    problems = []
    if segment.target.kind in _SINGLE_LINE and "\n" in new:
        problems.append(Finding(display, line, "PO009", f"`{segment.key}`: {_SINGLE_LINE[segment.target.kind]} must stay "
                                "on one line", "Remove the line break from msgstr."))
    allowed = link_targets(segment.source) | link_targets(current)
    kept = link_targets(segment.source) & link_targets(current)
    mine = link_targets(new)
    extra, dropped = sorted(mine - allowed), sorted(kept - mine)
    if extra or dropped:
        said = ([f"links to {', '.join(f'`{t}`' for t in extra)}, which the English does not"] if extra else []) + \
               ([f"drops the link to {', '.join(f'`{t}`' for t in dropped)}"] if dropped else [])
        problems.append(Finding(display, line, "PO007", f"`{segment.key}`: msgstr " + ", and ".join(said),
                                "Keep every link of msgid with its target unchanged, translating only the words: "
                                "[your words](" + (dropped or sorted(kept) or ["target"])[0] + ")."))
    for anchor in sorted((explicit_anchors(segment.source) & explicit_anchors(current)) - explicit_anchors(new)):
        problems.append(Finding(display, line, "PO008", f"`{segment.key}`: msgstr drops the anchor `{{#{anchor}}}`",
                                "Links from other pages land on it: keep `{#" + anchor + "}` as in msgid."))
    for anchor in sorted(explicit_anchors(new) - explicit_anchors(segment.source) - explicit_anchors(current)):
        problems.append(Finding(display, line, "PO008", f"`{segment.key}`: msgstr adds the anchor `{{#{anchor}}}`, "
                                "which the English does not have", "Ids are the same in every language: remove it "
                                "(the heading keeps its own id outside msgstr)."))
    return problems


@dataclass(frozen=True)
class _Target:
    """The page a PO file says it is for, once its header has been checked."""
    page: str                  # repo-relative, e.g. docs/sn/modules/safety.md
    path: Path
    english: Path
    raw: bytes


def _same_language(header: str, lang: str, codes: set[str]) -> bool:
    """Tools write `sn`, `sn_ZW` or `sn-ZW`; a region counts unless the site has that variant as a language."""
    header = header.replace("_", "-")
    if header.casefold() == lang.casefold():
        return True
    return header.casefold().startswith(lang.casefold() + "-") and header.casefold() not in {c.casefold() for c in codes}


def _target_of(config: SiteConfig, folder: Path, path: Path, root: Path, po: polib.POFile, po_text: str,
               display: str) -> _Target | Finding:
    """Refuses a file for no page, another page or another language, and a page changed since export."""
    meta = po.metadata
    page_name = meta.get(PAGE, "")
    if not page_name:
        return Finding(display, 1, "PO002", f"the header has no `{PAGE}`: this file was not made by `po export`",
                       "Export the page with `python -m asm_academy po export LANG DIR` and translate that file.")
    docs = rel(config.docs_dir, root).split("/")
    parts = page_name.split("/")
    head = _line_of(po_text, PAGE)
    if parts[:len(docs)] != docs or len(parts) < len(docs) + 2 or \
            parts[len(docs)] not in {l.code for l in config.translations}:
        return Finding(display, head, "PO003", f"`{page_name}` is not a translated page of this site",
                       "Import only files that `po export` wrote for this repository.")
    lang, page_rel = parts[len(docs)], "/".join(parts[len(docs) + 1:])
    expected = Path(page_rel).with_suffix(".po").as_posix()
    actual = path.relative_to(folder).as_posix()
    folder_of_lang = actual.endswith("/" + expected) and \
        re.fullmatch(rf"(?:.*[-_.])?{re.escape(lang)}", actual[:-len(expected) - 1].split("/")[-1])
    if actual != expected and not folder_of_lang:          # po-sn/modules/safety.po: one folder per language
        return Finding(display, head, "PO003", f"this file is for `{page_name}`, but it is where the file for "
                       f"`{Path(actual).with_suffix('.md').as_posix()}` goes",
                       f"Put it back at {expected} in the folder, or use the file exported for that page.")
    if not _same_language(meta.get("Language", lang), lang, {l.code for l in config.languages}):
        return Finding(display, _line_of(po_text, "Language:"), "PO004",
                       f"the file's language is `{meta.get('Language')}`, but its page `{page_name}` is `{lang}`",
                       f"Export the `{meta.get('Language')}` pages for that language, or set the tool's language "
                       f"back to `{lang}`.")
    page_path, english_path = root / page_name, config.docs_dir / page_rel
    if not page_path.is_file() or not english_path.is_file():
        return Finding(display, head, "PO011", f"`{rel(page_path if not page_path.is_file() else english_path, root)}` "
                       "does not exist", "Export again: the page was moved or deleted since this file was made.")
    raw = page_path.read_bytes()
    if meta.get(PAGE_HASH) != page_hash(raw):
        return Finding(display, _line_of(po_text, PAGE_HASH), "PO005",
                       f"`{page_name}` changed since this file was exported", "Nothing was written. Export the "
                       "page again and carry your changes over (your tool's translation memory, or Poedit's "
                       "pre-translate, offers them), then import the new file.")
    return _Target(page_name, page_path, english_path, raw)


def _entry_changes(po: polib.POFile, segments: dict[str, Segment], plan: PageImport) \
        -> tuple[list[tuple[str, int, str]], list[Finding]]:
    """(msgctxt, PO line, new text) of each entry that changes its span, and what is wrong with the others."""
    changes, problems, seen = [], [], {}
    for entry in po:
        if entry.obsolete:
            continue
        line, key = entry.linenum or 1, entry.msgctxt
        if key in seen:
            problems.append(Finding(plan.po, line, "PO010", f"`{key}` appears twice (first at PO line {seen[key]})",
                                    "Keep one of the two entries."))
            continue
        seen[key] = line
        segment = segments.get(key or "")
        if segment is None:
            said = f"msgctxt `{key}` matches no span of `{plan.page}` (did the English page's sections change shape " \
                   "since the export?)" if key else "an entry without msgctxt: import cannot tell where it goes"
            problems.append(Finding(plan.po, line, "PO006", said,
                                    "Keep msgctxt as exported; if the English changed, export again."))
        elif not entry.msgstr:
            plan.empty += 1
        else:
            # a one-line string's outer spaces are the tool's, not Markdown's (a cell or heading drops them)
            new = entry.msgstr.strip() if segment.target.kind in _SINGLE_LINE else entry.msgstr
            if new == segment.target.text:
                continue
            found = _check_entry(segment, segment.target.text, new, plan.po, line)
            problems.extend(found)
            if not found:
                changes.append((key, line, new))
    return changes, problems


def _structure_problem(english: str, text: str, new: str, segments: dict[str, Segment],
                       changes: list[tuple[str, int, str]], display: str) -> Finding | None:
    """After writing, each changed entry must read back as its msgstr, and the sections stay the same."""
    after = align(english, new).by_key()
    for key, line, wanted in changes:
        target = segments[key].target
        if target.kind == "section":
            # a section entry may complete the section, which then lines up block by block: what counts
            # is that the section reads as msgstr
            span = section_span(new, segments[key].section)
            if span is None or span.text != wanted:
                return Finding(display, line, "PO009", f"`{key}`: msgstr changes where the section begins or ends",
                               "Start it with the `##` heading and its {#id}, as msgid does, and add no other "
                               "`##` heading.")
        elif key not in after or after[key].target.text != wanted:
            return Finding(display, line, "PO009", f"`{key}`: msgstr changes the page's structure, so it would not "
                           f"stay one {target.kind}", "Remove blank lines, and lines that start with `#`, `-`, "
                           "`1.`, `|`, `!!!` or ``` (they start a new block); in a table cell, write `\\|` for a bar.")
    if [sid for _, sid in section_starts(split_page(new, "").body)] != \
            [sid for _, sid in section_starts(split_page(text, "").body)]:
        return Finding(display, changes[0][1], "PO009", "the import would add or remove a section (`##` heading)",
                       "Keep the `##` headings of msgid, with their {#ids}.")
    return None


def _plan_page(config: SiteConfig, folder: Path, path: Path, root: Path) -> tuple[PageImport | None, list[Finding]]:
    display = rel(path, root)
    po, po_text, problems = _read_po(path, display)
    if po is None:
        return None, problems
    target = _target_of(config, folder, path, root, po, po_text, display)
    if isinstance(target, Finding):
        return None, [target]
    text, english = target.raw.decode("utf-8"), target.english.read_text(encoding="utf-8")
    segments = align(english, text).by_key()
    plan = PageImport(target.page, display)
    changes, problems = _entry_changes(po, segments, plan)
    if problems or not changes:
        return plan, problems
    new = apply(text, [(segments[key].target, wanted) for key, _, wanted in changes])
    problem = _structure_problem(english, text, new, segments, changes, display)
    if problem:
        return plan, [problem]
    plan.changed, plan.text = [key for key, _, _ in changes], new
    plan.reviewed_changed = sorted({segments[k].section for k in plan.changed} & _reviewed_sections(text, display))
    return plan, []


def _reviewed_sections(text: str, display: str) -> set[str]:
    page = split_page(text, display)
    record, _ = read_record(page.meta, page.meta_lines, display) if not page.problems else (None, [])
    return {sid for sid, r in (record.sections or {}).items() if r.reviewed_by} if record else set()


def import_folder(root: Path, folder: Path) -> ImportResult:
    """Check every PO file under `folder`, then write the pages, or nothing if any file is refused."""
    config = load_site_config(root)
    result = ImportResult()
    files = sorted(folder.rglob("*.po")) if folder.is_dir() else []
    if not files:
        result.findings.append(Finding(str(folder), 0, "PO000", "no PO files here",
                                       "Give the folder `po export` wrote (and your tool saved the files into)."))
        return result
    targets: dict[str, str] = {}
    for path in files:
        plan, problems = _plan_page(config, folder, path, root)
        result.findings.extend(problems)
        if plan is None:
            continue
        if plan.page in targets:
            result.findings.append(Finding(plan.po, 1, "PO003", f"a second file for `{plan.page}` (the first is "
                                           f"{targets[plan.page]})", "Import one file per page."))
        targets[plan.page] = plan.po
        result.pages.append(plan)
    if any(f.severity == "error" for f in result.findings):
        return result
    for plan in result.pages:      # each page whole or not at all: written beside it, then moved over it
        if plan.changed:
            page = root / plan.page
            temporary = page.with_name(page.name + ".po-import")
            temporary.write_bytes(plan.text.encode("utf-8"))
            os.replace(temporary, page)
            result.written.append(plan.page)
    return result
