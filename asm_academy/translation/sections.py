"""Sections: the unit a fluent speaker reviews and the unit an English edit makes outdated.

A page's sections are its `##` sections (their ids are the same in every language: anchor parity
keeps them so), plus `_top`: the title, the summary and whatever comes before the first `##`.
A section's version is a hash of its English text with whitespace folded, so re-wrapping a
paragraph changes nothing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..source.frontmatter import split_page
from ..source.markdown_scan import scan

TOP = "_top"


def section_starts(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, id) of each `##` heading that opens a section, in page order: the one rule for where
    a section begins."""
    return [(h.line, h.id) for h in scan(body, first_line).headings if h.level == 2 and h.id]


def section_sources(text: str) -> dict[str, str]:
    """Section id -> its Markdown as written, in page order, `_top` first (the body before the first
    `##`; the title and summary are in the front matter). What a review sheet prints side by side."""
    page = split_page(text, "")
    lines = page.body.split("\n")
    starts = section_starts(page.body)
    out = {TOP: "\n".join(lines[:starts[0][0] - 1] if starts else lines)}
    for index, (line, sid) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        out[sid] = "\n".join(lines[line - 1:end])
    return out


def sections(text: str) -> dict[str, str]:
    """Section id -> its text (whitespace folded), in page order, `_top` first with the title and summary."""
    meta = split_page(text, "").meta
    head = " ".join(f"{k}={meta[k]}" for k in ("title", "summary") if k in meta)
    out = {sid: " ".join(body.split()) for sid, body in section_sources(text).items()}
    out[TOP] = " ".join((head + " " + out[TOP]).split())
    return out


def section_hashes(text: str) -> dict[str, str]:
    return {sid: hashlib.sha256(body.encode("utf-8")).hexdigest()[:8] for sid, body in sections(text).items()}


@dataclass(frozen=True)
class SectionRecord:
    source: str                          # hash of the English section this translation matches
    reviewed_by: tuple[str, ...] = ()
    reviewed_on: str = ""                # ISO date


@dataclass
class SectionState:
    sid: str
    fresh: bool                          # the English section has not changed since
    reviewed: bool                       # reviewed, and fresh
    reviewed_by: tuple[str, ...] = ()


@dataclass
class Progress:
    """How far a translated page is: counts for the status page, the notice and `make status`."""
    states: list[SectionState] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def reviewed(self) -> int:
        return sum(s.reviewed for s in self.states)

    @property
    def outdated(self) -> list[str]:
        return [s.sid for s in self.states if not s.fresh]

    @property
    def reviewers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for s in self.states if s.reviewed for n in s.reviewed_by))

    @property
    def state(self) -> str:
        if self.outdated:
            return "outdated"
        return "reviewed" if self.states and self.reviewed == self.total else "draft"


def progress(records: dict[str, SectionRecord], english: str) -> Progress:
    """Each English section against the translation's record of it; a section with no record is
    fresh only if the page-level record was (the caller decides, passing records for all)."""
    current = section_hashes(english)
    states = []
    for sid, digest in current.items():
        record = records.get(sid)
        fresh = record is not None and record.source == digest
        states.append(SectionState(sid, fresh, fresh and bool(record.reviewed_by), record.reviewed_by if record else ()))
    return Progress(states)
