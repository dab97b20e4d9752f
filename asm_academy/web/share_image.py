"""The picture a chat app shows beside a shared link (og:image), drawn at build time from the site's
logo (its favicon SVG) and name, so a fork gets its own without an image editor.

Chat apps do not show SVG previews, hence a PNG. The logo is drawn by a small reader that knows the
shapes a flat logo uses (rect, circle, and paths of straight lines and curves); a logo with anything
else is left out and the image carries the name alone, which still tells the reader what the link is.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (600, 315)        # the 1.91:1 shape chat previews use, small: a phone fetches it when a link arrives
_SCALE = 4               # drawn larger, then shrunk: smooth edges without an anti-aliasing renderer
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


def share_png(logo_svg: str, name: str, colour: str, font: Path) -> bytes:
    """A PNG: the brand colour, the logo on the left, the site's name in white beside it."""
    background = colour or "#333333"
    width, height = SIZE[0] * _SCALE, SIZE[1] * _SCALE
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    side = 200 * _SCALE
    top = (height - side) // 2
    logo_drawn = _draw_logo(draw, logo_svg, (40 * _SCALE, top), side)
    left = (40 + 200 + 30) * _SCALE if logo_drawn else 40 * _SCALE
    _draw_name(draw, name, font, left, width - left - 30 * _SCALE, height)
    out = io.BytesIO()
    image.resize(SIZE, Image.LANCZOS).quantize(colors=24).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw_name(draw: ImageDraw.ImageDraw, name: str, font_path: Path, left: int, room: int, height: int) -> None:
    size = 64 * _SCALE
    while size > 16 * _SCALE:
        font = ImageFont.truetype(str(font_path), size)
        lines = _wrap(draw, name, font, room)
        if len(lines) <= 3:
            break
        size -= 4 * _SCALE
    line_height = int(size * 1.2)
    y = (height - line_height * len(lines)) // 2
    for line in lines:
        draw.text((left, y), line, font=font, fill="#ffffff")
        y += line_height


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, room: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _draw_logo(draw: ImageDraw.ImageDraw, svg: str, origin: tuple[int, int], side: int) -> bool:
    """Draw the logo's shapes into a square; False (nothing drawn) if it has a shape this reader does not know."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return False
    box = [float(v) for v in (root.get("viewBox") or "0 0 24 24").replace(",", " ").split()]
    scale = side / max(box[2], box[3])

    def point(x: float, y: float) -> tuple[float, float]:
        return origin[0] + (x - box[0]) * scale, origin[1] + (y - box[1]) * scale

    shapes = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("svg", "title", "desc", "g"):
            continue
        if tag == "rect":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            shapes.append(("rect", element, [point(x, y), point(x + float(element.get("width", 0)),
                                                               y + float(element.get("height", 0)))]))
        elif tag == "circle":
            cx, cy, r = (float(element.get(k, 0)) for k in ("cx", "cy", "r"))
            shapes.append(("circle", element, [point(cx - r, cy - r), point(cx + r, cy + r)]))
        elif tag == "path":
            lines = _path_lines(element.get("d", ""))
            if lines is None:
                return False
            shapes.append(("path", element, [[point(x, y) for x, y in line] for line in lines]))
        else:
            return False
    for kind, element, geometry in shapes:
        fill, stroke = element.get("fill", "#000"), element.get("stroke")
        width = max(1, int(float(element.get("stroke-width", 1)) * scale))
        fill = None if fill == "none" else fill
        if kind == "rect":
            radius = int(float(element.get("rx", 0)) * scale)
            draw.rounded_rectangle(geometry, radius=radius, fill=fill, outline=stroke, width=width if stroke else 0)
        elif kind == "circle":
            draw.ellipse(geometry, fill=fill, outline=stroke, width=width if stroke else 0)
        else:
            for line in geometry:
                if fill and len(line) > 2:
                    draw.polygon(line, fill=fill)
                if stroke and len(line) > 1:
                    draw.line(line, fill=stroke, width=width, joint="curve")
                    if element.get("stroke-linecap") == "round":
                        for x, y in (line[0], line[-1]):
                            draw.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=stroke)
    return True


def _path_lines(d: str) -> list[list[tuple[float, float]]] | None:
    """A path as polylines: M, L, H, V, Q, Z in both cases (curves cut into short lines); None if it uses more."""
    tokens = re.findall(r"[A-Za-z]|" + _NUMBER.pattern, d)
    lines: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command = ""
    i = 0

    def numbers(n: int) -> list[float]:
        nonlocal i
        values = [float(t) for t in tokens[i:i + n]]
        i += n
        return values

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        relative = command.islower()
        c = command.upper()
        if c == "Z":
            if lines and lines[-1]:
                lines[-1].append(lines[-1][0])
            continue
        if c not in "MLHVQ" or not command:
            return None
        count = {"M": 2, "L": 2, "H": 1, "V": 1, "Q": 4}[c]
        if i + count > len(tokens) or any(t.isalpha() for t in tokens[i:i + count]):
            return None
        values = numbers(count)
        dx, dy = (x, y) if relative else (0.0, 0.0)
        if c == "M":
            x, y = values[0] + dx, values[1] + dy
            lines.append([(x, y)])
            command = "l" if relative else "L"      # numbers after a move are lines
        elif c in "LHV":
            if c == "L":
                x, y = values[0] + dx, values[1] + dy
            elif c == "H":
                x = values[0] + (dx if relative else 0.0)
            else:
                y = values[0] + (dy if relative else 0.0)
            (lines or lines.append([(0.0, 0.0)]) or lines)[-1].append((x, y))
        else:
            cx, cy, ex, ey = values[0] + dx, values[1] + dy, values[2] + dx, values[3] + dy
            start = (x, y)
            for step in range(1, 13):
                t = step / 12
                lines[-1].append(((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * cx + t * t * ex,
                                  (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * cy + t * t * ey))
            x, y = ex, ey
    return lines
