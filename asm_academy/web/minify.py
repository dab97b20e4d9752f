"""Scripts and drawings made smaller in the built site only: a first visit pays for every byte of asm.js,
and the diagrams near the top of a part load with it. The sources under docs/ stay readable (comments,
indentation); what a phone downloads does not need them."""
from __future__ import annotations

import re
from pathlib import Path

import rjsmin

_SVG_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SVG_TEXT = re.compile(r"(<text\b.*?</text>)", re.S)     # spaces between a text's spans are shown
_SVG_GAP = re.compile(r">\s*\n\s*<")


def minified_js(text: str) -> str:
    """The script without comments and layout whitespace (rjsmin keeps strings and regexes intact)."""
    return rjsmin.jsmin(text).strip() + "\n"


def minified_svg(text: str) -> str:
    """The drawing without comments and the line breaks between its elements; text elements untouched."""
    parts = _SVG_TEXT.split(_SVG_COMMENT.sub("", text))
    for i in range(0, len(parts), 2):
        parts[i] = _SVG_GAP.sub("><", parts[i])
    return "".join(parts).strip() + "\n"


def minify_files(paths: list[Path]) -> int:
    """Rewrite each built .js or .svg file smaller in place; returns the bytes saved (for the build log)."""
    saved = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        small = minified_js(text) if path.suffix == ".js" else minified_svg(text)
        if small != text:
            path.write_text(small, encoding="utf-8")
            saved += len(text.encode()) - len(small.encode())
    return saved
