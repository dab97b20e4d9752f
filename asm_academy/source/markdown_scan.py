"""Find headings, anchors, links, images and raw HTML in Markdown, with line numbers.

A small scanner rather than a full Markdown parse: it must point at the exact line a translator
wrote, and it must run over hundreds of pages in well under a second.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    id: str
    explicit: bool


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    text: str
    is_image: bool
    attrs: str = ""        # the `{ ... }` attribute list written after the link, if any


@dataclass(frozen=True)
class HtmlTag:
    line: int
    name: str
    source: str


@dataclass
class Scan:
    headings: list[Heading]
    anchors: set[str]
    links: list[Link]
    html: list[HtmlTag]


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{\s*:?\s*[^}]*?#([\w\-:.]+)[^}]*\}")
_TRAILING_ATTRS = re.compile(r"\s*\{\s*:?[^}]*\}\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# [text](target "title"){ attrs }  and  ![alt](src)
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"(?P<attrs>\{[^}\n]*\})?"
)
_REF_DEF = re.compile(r"^\s{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s+.*)?$")
_HTML_TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\b(?![:@.])(?P<attrs>[^>]*)>", re.S)
_AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp|mailto):[^>\s]+)>")
_HTML_ATTR = re.compile(r"""(?P<name>[a-zA-Z_:][\w:.-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")


def slugify(text: str) -> str:
    """The same ids Python-Markdown's toc extension makes by default."""
    text = re.sub(r"<[^>]+>", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def html_attrs(source: str) -> dict[str, str]:
    return {m["name"].lower(): (m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"])
            for m in _HTML_ATTR.finditer(source)}


def code_free_lines(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Lines outside fenced code blocks, with inline code spans blanked out."""
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        out.append((number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)))
    return out


def scan(text: str, first_line: int = 1) -> Scan:
    headings: list[Heading] = []
    anchors: set[str] = set()
    links: list[Link] = []
    html: list[HtmlTag] = []
    seen_auto: dict[str, int] = {}
    lines = code_free_lines(text, first_line)
    for number, line in lines:
        heading = _HEADING.match(line)
        if heading:
            raw = heading.group(2)
            explicit = _ATTR_ID.search(raw) if raw.rstrip().endswith("}") else None
            title = _TRAILING_ATTRS.sub("", raw).strip()
            if explicit:
                hid = explicit.group(1)
            else:
                hid = slugify(title)
                if hid in seen_auto:
                    seen_auto[hid] += 1
                    hid = f"{hid}_{seen_auto[hid]}"
                else:
                    seen_auto[hid] = 0
            headings.append(Heading(number, len(heading.group(1)), title, hid, bool(explicit)))
            anchors.add(hid)
        elif "{" in line:
            for attr in _ATTR_ID.finditer(line):
                anchors.add(attr.group(1))
        for m in _INLINE_LINK.finditer(line):
            links.append(Link(number, m["target"], m["text"], m["bang"] == "!", m["attrs"] or ""))
        for m in _AUTOLINK.finditer(line):
            links.append(Link(number, m["target"], m["target"], False))
        ref = _REF_DEF.match(line)
        if ref:
            links.append(Link(number, ref["target"], ref["label"], False))
    # raw HTML may span lines: scan the joined code-free text and map offsets back to lines
    joined = "\n".join(line for _, line in lines)
    numbers = [n for n, _ in lines]
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)
    index = 0
    for m in _HTML_TAG.finditer(joined):
        while index + 1 < len(starts) and starts[index + 1] <= m.start():
            index += 1
        number = numbers[index] if numbers else first_line
        tag = HtmlTag(number, m["name"].lower(), m.group(0))
        html.append(tag)
        attrs = html_attrs(m["attrs"])
        if "id" in attrs:
            anchors.add(attrs["id"])
        for key in ("href", "src"):
            if key in attrs:
                links.append(Link(number, attrs[key], "", tag.name == "img" or key == "src"))
    return Scan(headings, anchors, links, html)
