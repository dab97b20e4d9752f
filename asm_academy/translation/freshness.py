"""Is each translation up to date with its English page?

Design: a translated page records `translation.source_hash`, a hash of its English source with
whitespace folded. We chose a content hash over a source commit id because it needs no git to
compute (a partner's download, a shallow CI clone and a rebased fork all agree), it ignores
whitespace-only edits, and reverting an English edit makes the translation current again.
Git history is used only to show *what* changed, when it is available.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..source.doctree import DocTree
from ..source.findings import Finding, rel
from ..source.frontmatter import split_page
from ..source.markdown_scan import scan
from .sections import Progress, SectionRecord, progress, section_hashes

STATES = ("reviewed", "draft", "outdated", "missing")
_HASH = re.compile(r"^[0-9a-f]{12}$")


def normalize(text: str) -> str:
    """Fold whitespace so re-wrapping a paragraph does not flag every translation."""
    page = split_page(text, "")
    meta = " ".join(f"{k}={page.meta[k]}" for k in sorted(page.meta) if k in ("title", "summary"))
    return (meta + "\n" + " ".join(page.body.split())).strip()


def source_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Record:
    source_hash: str
    status: str
    translated_by: tuple[str, ...]
    reviewed_by: tuple[str, ...]
    sections: dict[str, SectionRecord] | None = None    # per-section record; None: an older page-level one
    section_lines: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass
class PageStatus:
    lang: str
    rel: str
    state: str                     # one of STATES
    record: Record | None = None
    changes: list[str] = field(default_factory=list)   # what changed in English, for outdated pages
    progress: Progress | None = None                   # section by section


def _names(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if str(v).strip())
    return (str(value),)


def read_record(meta: dict, meta_lines: dict[str, int], path: str) -> tuple[Record | None, list[Finding]]:
    line = meta_lines.get("translation", 1)
    block = meta.get("translation")
    hint = ("Add to the front matter:\ntranslation:\n  source_hash: 000000000000\n  status: draft\n"
            "  translated_by: [Your Name]\n  reviewed_by: []\nthen run `python -m asm_academy stamp <this file>` "
            "to write the real hash")
    if block is None:
        return None, [Finding(path, 1, "FRESH001", "translated page has no `translation:` record", hint)]
    if not isinstance(block, dict):
        return None, [Finding(path, line, "FRESH002", "`translation:` must be a mapping", hint)]
    problems: list[Finding] = []
    digest = block.get("source_hash", "")
    if isinstance(digest, int) and not isinstance(digest, bool):
        digest = str(digest).zfill(12)      # YAML reads 000000000000 (and any all-digit hash) as a number
    digest = str(digest)
    if not _HASH.match(digest):
        problems.append(Finding(path, line, "FRESH003", f"`source_hash` {digest!r} is not a 12-character hash",
                                "Run `python -m asm_academy stamp <this file>` after checking the page "
                                "against the English source."))
    status = block.get("status")
    if status not in ("draft", "reviewed"):
        problems.append(Finding(path, line, "FRESH004", f"`status` is {status!r}; use `draft` or `reviewed`",
                                "A page is `draft` until a fluent speaker has reviewed it."))
    translated_by, reviewed_by = _names(block.get("translated_by")), _names(block.get("reviewed_by"))
    if status == "reviewed" and not reviewed_by:
        problems.append(Finding(path, line, "FRESH005", "`status: reviewed` but `reviewed_by` is empty",
                                "Name the fluent speaker who reviewed it, or set `status: draft`."))
    sections, section_lines = _section_records(block, path, line, problems)
    if problems:
        return None, problems
    return Record(digest, str(status), translated_by, reviewed_by, sections, section_lines), []


_SECTION_HASH = re.compile(r"^[0-9a-f]{8}$")


def _section_records(block: dict, path: str, line: int, problems: list[Finding]) -> tuple[dict | None, dict]:
    raw = block.get("sections")
    if raw is None:
        return None, {}
    lines = getattr(raw, "key_lines", {})
    if not isinstance(raw, dict):
        problems.append(Finding(path, line, "FRESH006", "`sections:` must map section ids to records",
                                "Let `python -m asm_academy review record` write it."))
        return None, {}
    out: dict[str, SectionRecord] = {}
    for sid, entry in raw.items():
        where = lines.get(str(sid), line)
        entry = {"source": entry} if isinstance(entry, (str, int)) else entry
        digest = entry.get("source") if isinstance(entry, dict) else None
        if isinstance(digest, int) and not isinstance(digest, bool):
            digest = str(digest).zfill(8)
        if not isinstance(digest, str) or not _SECTION_HASH.match(digest):
            problems.append(Finding(path, where, "FRESH006", f"section `{sid}`: `source` {digest!r} is not an 8-character hash",
                                    "Run `python -m asm_academy stamp <this file>` to write it again."))
            continue
        day = entry.get("reviewed_on", "")
        day = day.isoformat() if hasattr(day, "isoformat") else str(day or "")
        if day and not re.match(r"^\d{4}-\d{2}-\d{2}$", day):
            problems.append(Finding(path, where, "FRESH008", f"section `{sid}`: `reviewed_on` {day!r} is not a date",
                                    "Write the date as YYYY-MM-DD, e.g. 2026-12-03."))
            continue
        out[str(sid)] = SectionRecord(digest, _names(entry.get("reviewed_by")), day)
    return out, {str(k): v for k, v in lines.items()}


def english_history(root: Path, path: Path, limit: int = 200) -> list[str]:
    """Past versions of an English file, newest first; empty without git history."""
    try:
        relpath = path.resolve().relative_to(root.resolve()).as_posix()
        shas = subprocess.run(["git", "-C", str(root), "log", f"-{limit}", "--format=%H", "--", relpath],
                              capture_output=True, text=True, timeout=20, check=True).stdout.split()
        return [subprocess.run(["git", "-C", str(root), "show", f"{sha}:{relpath}"], capture_output=True,
                               text=True, timeout=20, check=True).stdout for sha in shas]
    except (subprocess.SubprocessError, OSError, ValueError):
        return []


def describe_changes(old: str, new: str, max_lines: int = 12) -> list[str]:
    """Sections whose English text changed, then a short word-level diff."""
    def sections(text: str) -> dict[str, str]:
        page = split_page(text, "")
        heads = scan(page.body).headings
        lines = page.body.split("\n")
        out = {"(top)": ""}
        current = "(top)"
        index = {h.line: h for h in heads}
        for number, line in enumerate(lines, start=1):
            if number in index:
                current = f"{index[number].text} #{index[number].id}"
                out[current] = ""
            else:
                out[current] += " " + " ".join(line.split())
        out["(front matter)"] = " ".join(f"{k}={page.meta.get(k)}" for k in ("title", "summary"))
        return out

    before, after = sections(old), sections(new)
    changes = [f"changed: {name}" for name in after if name in before and before[name].split() != after[name].split()]
    changes += [f"added: {name}" for name in after if name not in before]
    changes += [f"removed: {name}" for name in before if name not in after]
    diff = [d for d in difflib.unified_diff(" ".join(split_page(old, "").body.split()).replace(". ", ".\n").split("\n"),
                                            " ".join(split_page(new, "").body.split()).replace(". ", ".\n").split("\n"),
                                            lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    return changes + [f"  {d}" for d in diff[:max_lines]]


def page_statuses(tree: DocTree, with_changes: bool = True) -> tuple[list[PageStatus], list[Finding]]:
    root = tree.config.root
    statuses: list[PageStatus] = []
    problems: list[Finding] = []
    for lang in tree.config.translations:
        for source in tree.pages(tree.config.default.code):
            translated = tree.files[lang.code].get(source.rel)
            if translated is None:
                statuses.append(PageStatus(lang.code, source.rel, "missing"))
                continue
            display = rel(translated.path, root)
            page = split_page(translated.path.read_text(encoding="utf-8"), display)
            record, found = (None, page.problems) if page.problems else \
                read_record(page.meta, page.meta_lines, display)
            problems.extend(found)
            if record is None:      # still listed: a page with a broken record is not a missing page
                statuses.append(PageStatus(lang.code, source.rel, "draft", None,
                                           [f"no valid translation record ({found[0].code}): see the problems below"]))
                continue
            english = source.path.read_text(encoding="utf-8")
            current = section_hashes(english)
            if record.sections is not None:
                for sid in record.sections:
                    if sid not in current:
                        problems.append(Finding(display, record.section_lines.get(sid, 1), "FRESH007",
                                                f"the record names section `{sid}`, which the English page does not have",
                                                "Remove that line, or stamp the page again."))
                done = progress(record.sections, english)
                changes = [f"changed: #{sid}" for sid in done.outdated]
                if done.outdated and with_changes:
                    old = next((v for v in english_history(root, source.path)
                                if source_hash(v) == record.source_hash), None)
                    changes += describe_changes(old, english)[len(done.outdated):] if old is not None else []
                statuses.append(PageStatus(lang.code, source.rel, done.state, record, changes, done))
                continue
            # an older page-level record: every section shares the page's state
            fresh = record.source_hash == source_hash(english)
            old = None
            if not fresh and with_changes:
                old = next((v for v in english_history(root, source.path) if source_hash(v) == record.source_hash), None)
            before = section_hashes(old) if old is not None else {}
            reviewers = record.reviewed_by if record.status == "reviewed" else ()
            records = {sid: SectionRecord(digest, reviewers) for sid, digest in current.items()
                       if fresh or before.get(sid) == digest}
            done = progress(records, english)
            if not fresh:
                changes: list[str] = []
                if old is not None:
                    changes = describe_changes(old, english)
                elif with_changes:
                    changes = ["the English version this translation was made from is not in this clone's git "
                               "history; compare the page with the English source"]
                statuses.append(PageStatus(lang.code, source.rel, "outdated", record, changes, done))
            else:
                statuses.append(PageStatus(lang.code, source.rel, record.status, record, [], done))
    return statuses, problems
