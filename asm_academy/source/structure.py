"""Does a curriculum module have every part a trainer and the handout rely on?"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..source.findings import Finding
from ..source.frontmatter import Page
from ..source.markdown_scan import Scan, code_free_lines

if TYPE_CHECKING:
    from ..source.doctree import DocTree

MODULE_DIR = "modules/"
MODULE_META = ("id", "title", "summary", "duration", "level")
LEVELS = ("beginner", "intermediate", "advanced")
# section id -> what to write, in teaching order
SECTIONS = {
    "objectives": "## Learning objectives {#objectives}",
    "key-terms": "## Key terms {#key-terms}",
    "field-checklist": "## Field checklist {#field-checklist}",
    "trainer-activity": "## Trainer activity {#trainer-activity}",
    "self-check": "## Self-check {#self-check}",
    "key-points": "## Key points {#key-points}",
    "sources": "## Sources {#sources}",
}
WORDS_MIN, WORDS_MAX = 1500, 3000
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(?!\[[ xX]\])")
_TASK = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+")
_QUESTION = re.compile(r"^\s*\?\?\?\+?\s+question\b")
_STEP = re.compile(r"^\d+\.\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def sections(page: Page, scan: Scan) -> dict[str, list[tuple[int, str]]]:
    """Lines of each level-2 section, keyed by heading id."""
    starts = {h.line: h.id for h in scan.headings if h.level == 2}
    out: dict[str, list[tuple[int, str]]] = {"": []}
    current = ""
    for number, line in code_free_lines(page.body, page.body_line):
        if number in starts:
            current = starts[number]
            out[current] = []
            continue
        out[current].append((number, line))
    return out


def teaching_words(page: Page, scan: Scan) -> int:
    body = sections(page, scan)
    count = 0
    for sid, lines in body.items():
        if sid in SECTIONS and sid != "objectives":
            continue
        for _, line in lines:
            text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|<[^>]+>", " ", line)
            count += len(_WORD.findall(text))
    return count


def key_points(page: Page, scan: Scan) -> list[str]:
    return [_BULLET.sub("", line).strip() for _, line in sections(page, scan).get("key-points", []) if _BULLET.match(line)]


def check_module_structure(display: str, page: Page, scan: Scan, root: Path, english: bool,
                           term_ids: set[str]) -> list[Finding]:
    found: list[Finding] = []
    if page.problems:
        return found
    if not page.body.strip():
        # one message, not one per missing part
        return [Finding(display, page.body_line, "MOD000", "the module is empty",
                        "Write the module (WRITING.md lists its parts), or copy the English page to start a "
                        "translation, or delete the file and its nav entry.")]
    if english:
        for key in MODULE_META:
            if page.meta.get(key) in (None, ""):
                found.append(Finding(display, 1, "MOD001", f"module front matter has no `{key}`",
                                     "Modules need id, title, summary, duration (minutes) and level; see WRITING.md."))
        stem = Path(display).stem
        if page.meta.get("id") not in (None, stem):
            found.append(Finding(display, page.meta_lines.get("id", 1), "MOD002",
                                 f"id `{page.meta.get('id')}` differs from the file name `{stem}`",
                                 f"Use `id: {stem}`: handouts and links are named after it."))
        if page.meta.get("duration") is not None and not isinstance(page.meta.get("duration"), int):
            found.append(Finding(display, page.meta_lines.get("duration", 1), "MOD003",
                                 "duration must be a whole number of minutes", "For example `duration: 120`."))
        if page.meta.get("level") not in (None, "", *LEVELS):
            found.append(Finding(display, page.meta_lines.get("level", 1), "MOD004",
                                 f"level must be one of {', '.join(LEVELS)}", ""))
    body = sections(page, scan)
    order = [h.id for h in scan.headings if h.level == 2 and h.id in SECTIONS]
    for sid, heading in SECTIONS.items():
        if sid not in body:
            if sid == "key-points":
                found.append(Finding(display, 0, "MOD010", "module has no key points, so no handout can be made",
                                     f"Add `{heading}` with five to seven short bullet lines."))
            else:
                found.append(Finding(display, 0, "MOD011", f"module has no `{sid}` section", f"Add `{heading}`."))
    expected = [sid for sid in SECTIONS if sid in order]
    if order != expected:
        found.append(Finding(display, 0, "MOD012", "standard sections are out of order",
                             "Order: " + ", ".join(SECTIONS) + " (teaching sections go before key-terms)."))
    points = key_points(page, scan)
    if "key-points" in body and not 5 <= len(points) <= 7:
        line = body["key-points"][0][0] if body["key-points"] else 0
        found.append(Finding(display, line, "MOD013", f"{len(points)} key points; write five to seven",
                             "Short lines, one idea each: the handout prints them."))
    if "field-checklist" in body and not any(_TASK.match(l) for _, l in body["field-checklist"]):
        found.append(Finding(display, 0, "MOD014", "field checklist has no tick boxes", "Write items as `- [ ] ...`."))
    if "self-check" in body:
        questions = sum(1 for _, l in body["self-check"] if _QUESTION.match(l))
        if questions < 5:
            found.append(Finding(display, 0, "MOD015", f"self-check has {questions} questions; write at least five",
                                 '??? question "1. ..." with the answer indented below.'))
    if "trainer-activity" in body and not any(_STEP.match(l) for _, l in body["trainer-activity"]):
        line = next((h.line for h in scan.headings if h.id == "trainer-activity"), 0)
        found.append(Finding(display, line, "MOD023", "trainer activity has no numbered steps, so the "
                             "facilitator's guide has nothing to follow",
                             "Under **Steps:** write `1. ...`, `2. ...`, each with its minutes, e.g. `(10 min)`."))
    if english and "test_questions" in page.meta:
        found += _test_question_findings(display, page, body)
    if "sources" in body:
        linked = sum(1 for _, l in body["sources"] if "http" in l)
        if linked < 3:
            found.append(Finding(display, 0, "MOD016", f"{linked} linked sources; cite at least three", ""))
    if "key-terms" in body:
        terms = [l for _, l in body["key-terms"] if "glossary.md#" in l]
        if not terms:
            found.append(Finding(display, 0, "MOD017", "key terms do not link to the glossary",
                                 "Write `- [Spodumene](../glossary.md#spodumene): ...`."))
        for number, line in body["key-terms"]:
            for tid in re.findall(r"glossary\.md#([\w-]+)", line):
                if term_ids and tid not in term_ids:
                    found.append(Finding(display, number, "MOD018", f"`{tid}` is not in data/termbase.yml",
                                         "Add the term to the termbase first, or link an existing id."))
    images = [l for l in scan.links if l.is_image]
    if not images:
        found.append(Finding(display, 0, "MOD019", "module has no diagram",
                             "Add at least one SVG from docs/assets/diagrams/ with a numbered legend."))
    if english:
        words = teaching_words(page, scan)
        if not WORDS_MIN <= words <= WORDS_MAX:
            found.append(Finding(display, 0, "MOD020", f"{words} words of teaching; aim for {WORDS_MIN}-{WORDS_MAX}",
                                 "Teaching text is everything except the standard sections.", "warning"))
    return found


def _test_question_findings(display: str, page: Page, body: dict[str, list[tuple[int, str]]]) -> list[Finding]:
    """`test_questions`: the self-check questions the workshop's pre/post test asks (printing/workshop_kit)."""
    chosen = page.meta.get("test_questions")
    line = page.meta_lines.get("test_questions", 1)
    count = sum(1 for _, l in body.get("self-check", []) if _QUESTION.match(l))
    if chosen is None:
        return []
    if not isinstance(chosen, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0
                                               for n in chosen) or len(set(chosen)) != len(chosen):
        return [Finding(display, line, "MOD024", "`test_questions` is not a list of different question numbers",
                        "List self-check question numbers, e.g. `test_questions: [1, 4]`, or leave the key out.")]
    return [Finding(display, line, "MOD024", f"`test_questions` names question {n}; the self-check has {count}",
                    "Choose questions the self-check has.") for n in chosen if n > count]


def diagram_findings(display: str, page: Page, scan: Scan, english_meta: dict | None = None) -> list[Finding]:
    """The front matter's `diagram` names the module's main picture for its handout: it must be an
    image the page really shows. A translation without the key takes the English page's.
    `english_meta`: None for an English page."""
    from .module_parts import normalise_target

    if page.problems or not page.body.strip():
        return []       # an empty module is told so once (MOD000)
    shown = [link.target for link in scan.links if link.is_image and link.target.strip()]
    listing = ", ".join(f"`{t}`" for t in dict.fromkeys(shown)) or "none"
    own = "diagram" in page.meta
    value = page.meta.get("diagram") if own else (english_meta or {}).get("diagram")
    line = page.meta_lines.get("diagram", 1)
    if value is None:
        if english_meta is None:
            return [Finding(display, 1, "MOD021", "module front matter has no `diagram`, so its handout prints no "
                            "picture", f"Add `diagram:` with the module's main image, one of: {listing}.")]
        return []       # the English page reports its own
    if not isinstance(value, str) or not value.strip():
        return [Finding(display, line, "MOD022", f"`diagram: {value!r}` is not an image path",
                        f"Write the image's link as the page writes it, one of: {listing}.")]
    if normalise_target(value) not in {normalise_target(t) for t in shown}:
        whose = "" if own else " (taken from the English page, as this page has no `diagram:`)"
        return [Finding(display, line, "MOD022", f"`diagram: {value}`{whose} is not an image this page shows",
                        f"Name one of the page's images, as its link is written: {listing}.")]
    return []


def module_pages(tree: "DocTree") -> list[str]:
    """The English module pages (modules/*.md but the course map), e.g. "modules/safety.md"."""
    return [f.rel for f in tree.pages(tree.config.default.code)
            if f.rel.startswith(MODULE_DIR) and f.rel != f"{MODULE_DIR}index.md"]
