"""Cut a module page into the parts printed matter needs: key points, checklist, terms, questions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source.frontmatter import split_page
from ..source.markdown_scan import scan

_ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<classes>[\w-]+(?:\s+[\w-]+)*)(?:\s+"(?P<title>[^"]*)")?\s*$')
_QUESTION = re.compile(r'^\s*\?\?\?\+?\s+question(?:\s+[\w-]+)*\s+"(?P<title>[^"]*)"\s*$')


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
                       str(meta.get("summary", "")), meta, page.body, section_text, titles, handout_blocks, questions)
