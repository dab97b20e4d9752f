"""Every file `docs/` publishes, not only the ones a page links: the site's origin runs a service
worker, so one active file anywhere in it can act for the whole site."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..source.findings import Finding
from .html_safety import source_line
from ..source.site_config import SiteConfig

SVG_MAX_BYTES = 20 * 1024
# what a page may publish besides its Markdown: pictures, documents, data; never markup or code
PASSIVE = frozenset({".md", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".txt", ".csv", ".ico"})
# the drawing elements a diagram needs; nothing that runs, links, embeds or animates
SVG_TAGS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "defs",
    "pattern", "marker", "use", "title", "desc", "clippath", "mask", "lineargradient", "radialgradient", "stop",
    "symbol", "style", "metadata",
})
_REMOTE_CSS = re.compile(r"(@import|url\(\s*['\"]?\s*(?!#)[^)'\"]*[:/])", re.I)


def svg_findings(path: Path, display: str) -> list[Finding]:
    """An allowlist of drawing elements and attributes: anything that could run or load is refused."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    found: list[Finding] = []
    if len(data) > SVG_MAX_BYTES:
        found.append(Finding(display, 0, "IMG003", f"SVG is {len(data) // 1024} KB; the limit is 20 KB",
                             "Simplify the drawing or remove editor metadata (e.g. with svgo)."))
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
        found.append(Finding(display, source_line(text, "<!"), "IMG004", "SVG declares a DOCTYPE or entities",
                             "Remove the <!DOCTYPE ...> and <!ENTITY ...> lines: a diagram needs neither."))
        return found
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return found + [Finding(display, exc.position[0], "IMG005", f"SVG is not valid XML: {exc}", "Re-export the SVG.")]
    for el in root.iter():
        tag = el.tag.split("}")[-1].lower() if isinstance(el.tag, str) else ""
        if tag not in SVG_TAGS:
            found.append(Finding(display, source_line(text, f"<{el.tag.split('}')[-1]}" if tag else "<"), "IMG004",
                                 f"SVG contains <{tag or '?'}>", "Remove it: diagrams are drawings only "
                                 "(shapes, lines, hatching and numbered callouts)."))
        for key, value in el.attrib.items():
            name = key.split("}")[-1].lower()
            if name.startswith("on"):
                found.append(Finding(display, source_line(text, name), "IMG004", f"SVG has an event attribute `{name}`",
                                     "Remove it: diagrams may not run anything."))
            if name in ("href", "src") and not value.startswith("#"):
                found.append(Finding(display, source_line(text, value[:30]), "IMG004", f"SVG refers to `{value[:60]}`",
                                     "Diagrams may not link or load anything; draw it inline."))
            if name == "style" and _REMOTE_CSS.search(value):
                found.append(Finding(display, source_line(text, "style"), "IMG004", "SVG style loads from elsewhere",
                                     "Remove @import and url(...) to other files."))
        if tag == "style" and el.text and _REMOTE_CSS.search(el.text):
            found.append(Finding(display, source_line(text, "<style"), "IMG004", "SVG style loads from elsewhere",
                                 "Remove @import and url(...) to other files."))
    return found


def published_file_findings(config: SiteConfig) -> list[Finding]:
    """Symlinks, active or unknown file types, and unsafe SVGs anywhere under docs/."""
    root, docs = config.root, config.docs_dir
    own = {(docs / str(p)).resolve() for p in config.own_assets}
    found: list[Finding] = []
    for folder, dirs, files in os.walk(docs, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            display = path.relative_to(root).as_posix()
            if name.startswith("."):
                if path.is_symlink():
                    found.append(_symlink(path, display))
                continue           # MkDocs publishes no dot-file
            if path.is_symlink():
                found.append(_symlink(path, display))
                if name in dirs:
                    dirs.remove(name)
                continue
            if name in dirs:
                continue
            suffix = path.suffix.lower()
            if suffix == ".svg":
                found.extend(svg_findings(path, display))
            elif suffix not in PASSIVE and path.resolve() not in own:
                found.append(Finding(display, 0, "FILE001", f"`{name}` would be published on the site as it is",
                                     "Only pages, pictures and documents may be published from docs/ (the site's "
                                     "own scripts and styles are the files listed in mkdocs.yml). Remove it, or "
                                     "link to it somewhere else."))
    return found


def _symlink(path: Path, display: str) -> Finding:
    return Finding(display, 0, "FILE002", f"symbolic link to `{os.readlink(path)}`",
                   "Replace the link with a copy of the file (the build would publish whatever it points at, "
                   "even outside the repository).")
