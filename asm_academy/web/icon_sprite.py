"""The theme's icons in one file that a phone downloads once, instead of inline in every page.

Material writes each icon's SVG into every page (about 0.8 KB compressed on each page view).
The icons it uses are overridden in overrides/.icons/ by a `<use>` of a symbol in
assets/images/icons.svg; this module builds that file from the installed theme's own icons.
"""
from __future__ import annotations

import re
from pathlib import Path

_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_INNER = re.compile(r"<svg\b[^>]*>(.*)</svg>", re.S)


def overridden_icons(overrides: Path) -> list[str]:
    """Names such as "material/menu" of the icons the project draws from the sprite."""
    folder = overrides / ".icons"
    return sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.svg"))


def symbol_id(name: str) -> str:
    return name.replace("/", "-")


def sprite(icons: dict[str, str]) -> str:
    """One SVG with a <symbol> per icon (name -> the icon's own SVG text)."""
    symbols = []
    for name, text in sorted(icons.items()):
        inner = _INNER.search(text)
        if inner is None:
            raise ValueError(f"{name}: not an SVG icon")
        box = _VIEWBOX.search(text)
        symbols.append(f'<symbol id="{symbol_id(name)}" viewBox="{box.group(1) if box else "0 0 24 24"}">'
                       f"{inner.group(1).strip()}</symbol>")
    return '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"


def theme_icons(theme_dirs: list[str], overrides: Path, names: list[str]) -> dict[str, str]:
    """Each icon's SVG from the first theme folder (other than ours) that has it."""
    found: dict[str, str] = {}
    for name in names:
        for folder in theme_dirs:
            path = Path(folder) / ".icons" / f"{name}.svg"
            if Path(folder).resolve() != overrides.resolve() and path.exists():
                found[name] = path.read_text(encoding="utf-8")
                break
    return found
