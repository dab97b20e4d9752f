"""Drawings in a page load when they come near the screen, not with the page: a first visit then pays
only for those on or close to the first screen. Each gets its width and height from the drawing, so the
browser reserves its place before it loads (without them every lazy image is 0 px high and all of them
count as near the screen). With JavaScript off nothing changes: loading="lazy" is the browser's own."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r'\ssrc="([^"]+\.svg)"', re.I)
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_NUMBER = r"\s*=\s*[\"']\s*([\d.]+)(?:px)?\s*[\"']"


def svg_size(svg: str) -> tuple[int, int] | None:
    """The drawing's size from its root element: width and height, else its viewBox."""
    root = _ROOT.search(svg)
    if not root:
        return None
    tag = root.group(0)
    width, height = re.search(r"\swidth" + _NUMBER, tag), re.search(r"\sheight" + _NUMBER, tag)
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = re.search(r"\sviewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)", tag)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def lazy_images(html: str, size_of: Callable[[str], tuple[int, int] | None]) -> str:
    """Each SVG <img> without a loading attribute gets loading="lazy" and, when known, its size."""
    def fix(match: re.Match) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if not src or re.search(r"\sloading=", tag, re.I):
            return tag
        extra = ' loading="lazy" decoding="async"'
        size = size_of(src.group(1))
        if size and all(size) and not re.search(r"\s(width|height)=", tag, re.I):
            extra += f' width="{size[0]}" height="{size[1]}"'
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + extra + tag[end:]
    return _IMG.sub(fix, html)


def svg_sizes_in(site: Path, page: Path, resolve: Callable[[Path, Path, str], Path | None]) -> Callable[[str], tuple[int, int] | None]:
    """`size_of` for one built page: reads the drawing a src points at (None when it is not in the site)."""
    def size_of(src: str) -> tuple[int, int] | None:
        target = resolve(site, page, src)
        return svg_size(target.read_text(encoding="utf-8")) if target and target.is_file() else None
    return size_of
