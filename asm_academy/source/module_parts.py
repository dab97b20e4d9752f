"""Cut a module page into the parts printed matter needs: key points, checklist, terms, questions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source.frontmatter import split_page
from ..source.markdown_scan import scan

_ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<classes>[\w-]+(?:\s+[\w-]+)*)(?:\s+"(?P<title>[^"]*)")?\s*$')
_QUESTION = re.compile(r'^\s*\?\?\?\+?\s+question(?:\s+[\w-]+)*\s+"(?P<title>[^"]*)"\s*$')
_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)\)")   # a diagram on a line of its own
_CAPTION = re.compile(r"^\*(?!\*)(?P<text>.+?)\*\s*$")
_LEGEND_ITEM = re.compile(r"^\d+\.\s")


@dataclass(frozen=True)
class Figure:
    """A diagram as WRITING.md lays it out: the image, an italic caption line, a numbered legend."""
    target: str          # the image link as written, e.g. "../assets/diagrams/pit-benches.svg"
    alt: str
    caption: str         # Markdown of the caption, without its asterisks ("" if none)
    legend: str          # Markdown of the numbered legend ("" if none)


@dataclass
class Question:
    text: str
    answer: str          # Markdown, dedented


@dataclass
class ModuleParts:
    id: str
    title: str
    summary: str
    meta: dict
    body: str                                   # Markdown after the front matter
    section_text: dict[str, str]                # section id -> Markdown (without its heading)
    section_titles: dict[str, str]              # section id -> heading text as written
    handout_blocks: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def figure(self, target: str) -> Figure | None:
        """The figure whose image is `target` (the front matter's `diagram`), if the page shows it."""
        wanted = normalise_target(target)
        return next((f for f in self.figures if normalise_target(f.target) == wanted), None)


def normalise_target(target: str) -> str:
    """`./a/../b.svg#x` and `b.svg` name the same file."""
    import posixpath
    path = target.split("#", 1)[0].split("?", 1)[0].strip()
    return posixpath.normpath(path) if path else ""


def figures(lines: list[str]) -> list[Figure]:
    """Every image that stands on its own line, with the caption and legend that follow it."""
    found: list[Figure] = []
    for index, line in enumerate(lines):
        m = _IMAGE_LINE.match(line.strip())
        if not m or line.startswith((" ", "\t")):
            continue
        i = index + 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        caption = ""
        c = _CAPTION.match(lines[i].strip()) if i < len(lines) else None
        if c:
            caption = c["text"].strip()
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
        legend: list[str] = []
        while i < len(lines) and (_LEGEND_ITEM.match(lines[i]) or (legend and lines[i].startswith((" ", "\t"))
                                                                    and lines[i].strip())):
            legend.append(lines[i])
            i += 1
        found.append(Figure(m["target"], m["alt"], caption, "\n".join(legend)))
    return found


def _block_at(lines: list[str], start: int) -> tuple[str, int]:
    """An admonition starting at `start` with its indented body; returns (text, next index)."""
    head = lines[start]
    indent = len(head) - len(head.lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end]), end


def _dedent(lines: list[str]) -> str:
    import textwrap
    return textwrap.dedent("\n".join(lines)).strip()


def parse_module(text: str, display: str, fallback_id: str) -> ModuleParts:
    page = split_page(text, display)
    found = scan(page.body, page.body_line)
    by_line = {h.line: h for h in found.headings if h.level == 2}
    titles = {h.id: h.text for h in by_line.values()}
    # the text as written (structure.sections would blank inline code), cut at each ## heading
    section_text: dict[str, str] = {}
    body_lines = page.body.split("\n")
    starts = sorted((h.line - page.body_line, h.id) for h in by_line.values())
    for index, (offset, sid) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body_lines)
        section_text[sid] = "\n".join(body_lines[offset + 1:end]).strip("\n")
    handout_blocks: list[str] = []
    i = 0
    while i < len(body_lines):
        m = _ADMONITION.match(body_lines[i])
        if m and "handout" in m["classes"].split()[1:]:
            block, i = _block_at(body_lines, i)
            handout_blocks.append(block)
            continue
        i += 1
    questions: list[Question] = []
    check_lines = section_text.get("self-check", "").split("\n")
    i = 0
    while i < len(check_lines):
        m = _QUESTION.match(check_lines[i])
        if m:
            block, nxt = _block_at(check_lines, i)
            questions.append(Question(m["title"], _dedent(block.split("\n")[1:])))
            i = nxt
            continue
        i += 1
    meta = page.meta
    return ModuleParts(str(meta.get("id") or fallback_id), str(meta.get("title", fallback_id)),
                       str(meta.get("summary", "")), meta, page.body, section_text, titles, handout_blocks, questions,
                       figures(body_lines))
