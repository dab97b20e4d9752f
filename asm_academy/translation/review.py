"""Writing translation records: `stamp` (the translation matches English now) and `review record`
(a fluent speaker has checked these sections). Only the `translation:` block of the front matter
is rewritten; the page's text is never touched."""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import replace
from pathlib import Path

from ..source.findings import ContentError, Finding
from ..source.frontmatter import split_page
from .freshness import Record, read_record, source_hash
from .sections import TOP, SectionRecord, section_hashes


def _names(names: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(n, ensure_ascii=False) for n in names) + "]"


def render_record(record: Record, newline: str = "\n") -> str:
    lines = ["translation:", f"  source_hash: {record.source_hash}", f"  status: {record.status}",
             f"  translated_by: {_names(record.translated_by)}", f"  reviewed_by: {_names(record.reviewed_by)}"]
    if record.sections is not None:
        lines.append("  sections:")
        for sid, entry in record.sections.items():
            parts = [f"source: {entry.source}"]
            if entry.reviewed_by:
                parts += [f"reviewed_by: {_names(entry.reviewed_by)}", f"reviewed_on: {entry.reviewed_on}"]
            lines.append(f"    {json.dumps(sid) if sid.startswith('_') else sid}: {{{', '.join(parts)}}}")
    return newline.join(lines) + newline


def _replace_block(raw: str, block: str, path: Path) -> str:
    newline = "\r\n" if "\r\n" in raw else "\n"
    lines = raw.split(newline)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None) if lines[0].strip() == "---" else None
    start = next((i for i in range(1, end or 0) if re.match(r"^translation\s*:", lines[i])), None)
    if end is None or start is None:
        raise ValueError(f"{path} has no `translation:` record in its front matter")
    stop = start + 1
    while stop < end and (not lines[stop].strip() or lines[stop][:1] in (" ", "\t")):
        stop += 1
    return newline.join(lines[:start] + block.rstrip(newline).split(newline) + lines[stop:])


def _record_of(path: Path, display: str) -> Record:
    page = split_page(path.read_text(encoding="utf-8"), display)
    record, problems = (None, page.problems) if page.problems else read_record(page.meta, page.meta_lines, display)
    if problems:
        raise ContentError(problems[0])
    if record is None:
        raise ContentError(Finding(display, 1, "FRESH001", "translated page has no `translation:` record",
                                   "Add the record described in TRANSLATING.md first."))
    return record


def _current_sections(record: Record, english_text: str) -> dict[str, SectionRecord]:
    """The record's sections; an older page-level record counts as one review of every section
    when the page matched English, and as no review otherwise."""
    if record.sections is not None:
        return dict(record.sections)
    if record.source_hash == source_hash(english_text):
        reviewers = record.reviewed_by if record.status == "reviewed" else ()
        return {sid: SectionRecord(d, reviewers) for sid, d in section_hashes(english_text).items()}
    return {}


def _with_status(record: Record, sections: dict[str, SectionRecord], current: dict[str, str]) -> Record:
    reviewed = bool(current) and all(sid in sections and sections[sid].reviewed_by and
                                     sections[sid].source == digest for sid, digest in current.items())
    reviewers = tuple(dict.fromkeys(n for s in sections.values() for n in s.reviewed_by))
    return replace(record, status="reviewed" if reviewed else "draft", sections=sections, reviewed_by=reviewers)


def stamp_sections(path: Path, english: Path, display: str) -> str:
    """The translation now matches English: record each section's version; a section whose English
    changed loses its review (someone must check the new wording)."""
    english_text = english.read_text(encoding="utf-8")
    record = _record_of(path, display)
    current = section_hashes(english_text)
    before = _current_sections(record, english_text)
    sections = {sid: before[sid] if sid in before and before[sid].source == digest else SectionRecord(digest)
                for sid, digest in current.items()}
    new = _with_status(replace(record, source_hash=source_hash(english_text)), sections, current)
    raw = path.read_bytes().decode("utf-8")
    path.write_bytes(_replace_block(raw, render_record(new, "\r\n" if "\r\n" in raw else "\n"), path).encode("utf-8"))
    return new.source_hash


def record_review(path: Path, english: Path, display: str, by: str, sections: list[str] | None = None,
                  on: str | None = None) -> Record:
    """Mark sections (all when none are named) as reviewed by `by`; refuses unknown ids and sections
    whose English changed since they were translated."""
    if not by.strip():
        raise ContentError(Finding(display, 1, "REVIEW001", "no reviewer name", 'Give --by "Full Name".'))
    day = on or datetime.date.today().isoformat()
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", day):
        raise ContentError(Finding(display, 1, "REVIEW002", f"--on {day!r} is not a date", "Write YYYY-MM-DD."))
    english_text = english.read_text(encoding="utf-8")
    record = _record_of(path, display)
    current = section_hashes(english_text)
    known = _current_sections(record, english_text)
    wanted = sections or list(current)
    unknown = [s for s in wanted if s not in current]
    if unknown:
        raise ContentError(Finding(display, 1, "REVIEW003", f"no section {', '.join(f'`{s}`' for s in unknown)} on this page",
                                   "The sections are: " + ", ".join(current) + f" ({TOP} is the title, summary and opening)."))
    stale = [s for s in wanted if s not in known or known[s].source != current[s]]
    if stale:
        raise ContentError(Finding(display, 1, "REVIEW004", "the English changed since these sections were translated: "
                                   + ", ".join(f"`{s}`" for s in stale),
                                   "Update the translation of those sections, run `python -m asm_academy stamp` on "
                                   "the page, then record the review."))
    for sid in wanted:
        names = tuple(dict.fromkeys((*known[sid].reviewed_by, by.strip())))
        known[sid] = SectionRecord(current[sid], names, day)
    new = _with_status(record, {sid: known[sid] for sid in current if sid in known}, current)
    raw = path.read_bytes().decode("utf-8")
    path.write_bytes(_replace_block(raw, render_record(new, "\r\n" if "\r\n" in raw else "\n"), path).encode("utf-8"))
    return new
