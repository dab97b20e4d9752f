"""Line up an English page and its translation span by span, for PO files.

A translation tool works best on small strings: a heading, a paragraph, a list item, a table
cell. Within each section (translation/sections.py) both pages are cut into blocks; when the
two sections have the same shape (the same kinds of blocks in the same order: same heading
levels and ids, same number of list items and table cells, same admonition types), block n of
the English is the source of block n of the translation. When they do not, the whole section is
one entry, so nothing is left out. A span is an exact range of the translated file, so writing
a translation back changes that range and nothing else (front matter, `{#id}`s, list markers,
indentation and everything outside the spans stay byte for byte).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

import yaml

from ..source.frontmatter import split_page
from ..source.markdown_scan import scan
from .sections import TOP, section_starts

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_HEADING = re.compile(r"^(?P<mark>#{1,6}[ \t]+)(?P<text>.*?)(?P<tail>(?:[ \t]+#+)?[ \t]*(?:\{[^{}]*\})?[ \t]*)$")
_HEADING_ID = re.compile(r"\{[^{}]*?#([\w\-:.]+)[^{}]*\}")
_ADMONITION = re.compile(r'^(?P<ind>\s*)(?P<mark>!!!|\?\?\?\+?)[ \t]+(?P<types>[^"\s][^"]*?)[ \t]*'
                         r'(?:"(?P<title>[^"]*)")?[ \t]*$')
_ITEM = re.compile(r"^(?P<ind>[ \t]*)(?P<mark>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<box>\[[ xX]\][ \t]+)?|$)")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*:?-+:?\s*$")
_HTML = re.compile(r"^\s*<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s>/]|$))")
_META_KEYS = ("title", "summary")


@dataclass(frozen=True)
class Line:
    number: int        # 1-based line of the file
    start: int         # offset of its first character in the file's text
    text: str          # without its line ending


@dataclass(frozen=True)
class Unit:
    """One block of a page. `start < 0`: structure only (code, HTML, a table rule), never exported."""
    kind: str                  # heading, paragraph, item, cell, admonition, title, summary, section, ...
    shape: tuple               # what must match between English and translation
    start: int = -1            # the translatable text's range in the file
    end: int = -1
    line: int = 0
    indent: str = ""           # prefix of continuation lines when the text is written back
    text: str = ""             # the text as a PO file shows it: "\n" newlines, continuation indent removed

    @property
    def translatable(self) -> bool:
        return self.start >= 0


@dataclass(frozen=True)
class Segment:
    key: str                   # the PO entry's msgctxt: "<section>/<n>", "<section>" or "_top/title"
    section: str               # the section id (its freshness decides "fuzzy")
    source: str                # the English Markdown
    target: Unit               # the translated span


@dataclass
class PageSegments:
    segments: list[Segment] = field(default_factory=list)
    aligned: list[str] = field(default_factory=list)    # sections exported block by block
    whole: list[str] = field(default_factory=list)      # sections exported as one entry

    def by_key(self) -> dict[str, Segment]:
        return {s.key: s for s in self.segments}


def page_lines(text: str) -> list[Line]:
    out, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        skip = 1 if number == 1 and body.startswith("\ufeff") else 0
        out.append(Line(number, offset + skip, body[skip:]))
        offset += len(raw) + 1
    return out


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _block_start(text: str) -> bool:
    return bool(_FENCE.match(text) or _HEADING.match(text) or _ADMONITION.match(text) or _TABLE_ROW.match(text)
                or _HTML.match(text) or _ITEM.match(text))


def _text_unit(kind: str, shape: tuple, lines: list[Line], start: int, default_indent: str) -> Unit:
    first, rest = lines[0], lines[1:]
    head = first.text[start - first.start:]
    prefix = os.path.commonprefix([re.match(r"[ \t]*", l.text).group(0) for l in rest]) if rest else default_indent
    text = "\n".join([head, *(l.text[len(prefix):] for l in rest)])
    last = lines[-1]
    return Unit(kind, shape, start, last.start + len(last.text), first.number, prefix, text)


def _cells(line: Line) -> list[Unit]:
    """A table row's cells; pipes inside code spans or escaped with a backslash do not split."""
    pipes, code, i, s = [], False, 0, line.text
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "`":
            code = not code
        elif s[i] == "|" and not code:
            pipes.append(i)
        i += 1
    bounds = list(zip(pipes, pipes[1:]))
    if s[pipes[-1] + 1:].strip():
        bounds.append((pipes[-1], len(s)))
    raw = [s[a + 1:b] for a, b in bounds]
    if raw and all(_TABLE_RULE.match(c) for c in raw):
        return [Unit("table-rule", ("rule", len(raw)))]
    units = []
    for k, (a, b) in enumerate(bounds):
        cell = s[a + 1:b]
        lead = len(cell) - len(cell.lstrip())
        text = cell.strip()
        start = line.start + a + 1 + lead
        units.append(Unit("cell", ("cell", len(bounds), k), start, start + len(text), line.number, "", text))
    return units


def parse_units(lines: list[Line]) -> list[Unit]:
    """The blocks of some lines of Markdown, in order."""
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        line, s = lines[i], lines[i].text
        if not s.strip():
            i += 1
            continue
        fence = _FENCE.match(s)
        if fence:
            mark, j = fence.group(2), i + 1
            while j < len(lines) and not (lines[j].text.strip().startswith(mark[0] * len(mark))
                                          and not lines[j].text.strip().strip(mark[0])):
                j += 1
            units.append(Unit("code", ("code", len(fence.group(1)))))
            i = j + 1
            continue
        heading = _HEADING.match(s)
        if heading:
            level = len(heading["mark"].strip())
            ident = _HEADING_ID.search(heading["tail"])
            shape = ("heading", level, ident.group(1) if ident else None)
            start = line.start + heading.start("text")
            units.append(Unit("heading", shape, start, start + len(heading["text"]), line.number, "", heading["text"])
                         if heading["text"] else Unit("heading", shape))
            i += 1
            continue
        note = _ADMONITION.match(s)
        if note:
            shape = ("admonition", len(note["ind"]), note["mark"], tuple(note["types"].split()))
            if note["title"]:
                start = line.start + note.start("title")
                units.append(Unit("admonition", shape, start, note.end("title") + line.start, line.number, "", note["title"]))
            else:
                units.append(Unit("admonition", shape))
            i += 1
            continue
        if _TABLE_ROW.match(s):
            units.extend(_cells(line))
            i += 1
            continue
        j = i + 1
        if _HTML.match(s):
            while j < len(lines) and lines[j].text.strip():
                j += 1
            units.append(Unit("html", ("html",)))
            i = j
            continue
        while j < len(lines) and lines[j].text.strip() and not _block_start(lines[j].text):
            j += 1
        item = _ITEM.match(s)
        if item:
            start = line.start + item.end()
            shape = ("item", len(item["ind"]), "ol" if item["mark"][0].isdigit() else "ul", bool(item["box"]))
            units.append(_text_unit("item", shape, lines[i:j], start, " " * item.end()))
        else:
            lead = re.match(r"[ \t]*", s).group(0)
            units.append(_text_unit("paragraph", ("paragraph", len(lead)), lines[i:j], line.start + len(lead), lead))
        i = j
    return units


@dataclass(frozen=True)
class _Section:
    sid: str
    lines: list[Line]          # from the heading (or the body's start, for _top) to the next section


def _sections(text: str) -> tuple[list[Line], list[_Section]]:
    lines = page_lines(text)
    page = split_page(text, "")
    starts = section_starts(page.body, page.body_line)
    bounds = [(page.body_line, TOP)] + starts
    out, seen = [], set()
    for index, (first, sid) in enumerate(bounds):
        last = bounds[index + 1][0] - 1 if index + 1 < len(bounds) else len(lines)
        if sid not in seen:
            seen.add(sid)
            out.append(_Section(sid, lines[first - 1:last]))
    return lines, out


def _whole(section: _Section) -> Unit | None:
    filled = [l for l in section.lines if l.text.strip()]
    if not filled:
        return None
    first, last = filled[0], filled[-1]
    body = section.lines[section.lines.index(first):section.lines.index(last) + 1]
    return Unit("section", ("section",), first.start, last.start + len(last.text), first.number, "",
                "\n".join(l.text for l in body))


def section_span(text: str, sid: str) -> Unit | None:
    """A section's whole span, as a section entry covers it, however its blocks line up with English."""
    section = next((s for s in _sections(text)[1] if s.sid == sid), None)
    return _whole(section) if section else None


def _meta_units(lines: list[Line], text: str) -> dict[str, Unit]:
    """`title:` and `summary:` when written on one line and read back as written (plain or quoted)."""
    page = split_page(text, "")
    if page.body_line == 1:
        return {}
    out = {}
    for line in lines[1:page.body_line - 2]:
        match = re.match(r"^(?P<key>[A-Za-z_]+):[ \t]*(?P<raw>\S.*?)[ \t]*$", line.text)
        if not match or match["key"] not in _META_KEYS or match["key"] in out:
            continue
        raw = match["raw"]
        value = page.meta.get(match["key"])
        if not isinstance(value, str) or not value or _yaml_value(raw) != value:
            continue
        if raw != value and not (raw[0] in "'\"" and raw[-1] == raw[0] and len(raw) > 1):
            continue                                    # a trailing comment, or another YAML form: leave it
        start = line.start + match.start("raw")
        out[match["key"]] = Unit(match["key"], ("meta",), start, start + len(raw), line.number, "", value)
    return out


def _yaml_value(raw: str) -> object:
    try:
        loaded = yaml.safe_load("k: " + raw)
    except yaml.YAMLError:
        return None
    return loaded.get("k") if isinstance(loaded, dict) else None


def align(english: str, translation: str) -> PageSegments:
    """The segments of a translated page: which span of it translates which English text."""
    result = PageSegments()
    en_lines, en_sections = _sections(english)
    tr_lines, tr_sections = _sections(translation)
    en_meta, tr_meta = _meta_units(en_lines, english), _meta_units(tr_lines, translation)
    for key in _META_KEYS:
        if key in en_meta and key in tr_meta:
            result.segments.append(Segment(f"{TOP}/{key}", TOP, en_meta[key].text, tr_meta[key]))
    english_by_id = {s.sid: s for s in en_sections}
    for section in tr_sections:
        source = english_by_id.get(section.sid)
        if source is None:
            continue
        en_units, tr_units = parse_units(source.lines), parse_units(section.lines)
        if [u.shape for u in en_units] == [u.shape for u in tr_units]:
            result.aligned.append(section.sid)
            n = 0
            for en, tr in zip(en_units, tr_units):
                if not en.translatable:
                    continue
                n += 1
                if en.text.strip():
                    result.segments.append(Segment(f"{section.sid}/{n}", section.sid, en.text, tr))
            continue
        en_whole, tr_whole = _whole(source), _whole(section)
        if en_whole and tr_whole:
            result.whole.append(section.sid)
            result.segments.append(Segment(section.sid, section.sid, en_whole.text, tr_whole))
    return result


def render(unit: Unit, text: str, raw: str, newline: str) -> str:
    """What to write in place of `unit` so that the page reads `text` there: continuation lines
    get the block's indent back; a front-matter value keeps its quoting when YAML allows."""
    old = raw[unit.start:unit.end]
    if text == unit.text:
        return old                     # the same words: the same bytes, however they were written
    if unit.kind in _META_KEYS:
        if old[:1] == "'" and _yaml_value("'" + text.replace("'", "''") + "'") == text:
            return "'" + text.replace("'", "''") + "'"
        if old[:1] != '"' and _yaml_value(text) == text and text == text.strip():
            return text
        return json.dumps(text, ensure_ascii=False)
    lines = text.split("\n")
    return lines[0] + "".join(newline + (unit.indent + l if l else l) for l in lines[1:])


def apply(raw: str, changes: list[tuple[Unit, str]]) -> str:
    """The page with each unit's range replaced by its new text (ranges never overlap)."""
    newline = newline_of(raw)
    for unit, text in sorted(changes, key=lambda c: c[0].start, reverse=True):
        raw = raw[:unit.start] + render(unit, text, raw, newline) + raw[unit.end:]
    return raw


def link_targets(text: str) -> set[str]:
    return {link.target for link in scan(text).links}


def explicit_anchors(text: str) -> set[str]:
    """Ids a link can point at that the writer chose ({#id}, id="..."), not ids made from heading text."""
    found = scan(text)
    return found.anchors - {h.id for h in found.headings if not h.explicit}
