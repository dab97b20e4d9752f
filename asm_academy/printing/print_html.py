"""HTML for printed handouts and full modules, written from the Markdown, not from the web page.

Printing the Material page gives a blank first page and cut-off text; our own small document
with its own stylesheet prints cleanly on A4 and photocopies in black and white.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import segno

from ..source.module_parts import Figure, ModuleParts

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.caret", "pymdownx.tilde"]
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?!https?:)[^)]*\)(\{[^}]*\})?")
IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")     # ![alt](target)
_QUESTION_BLOCK = re.compile(r'^\?\?\?\+?\s+question.*$', re.M)


@dataclass(frozen=True)
class PrintLabels:
    language: str          # language name shown in the header
    key_points: str
    checklist: str
    key_terms: str
    page: str              # e.g. "Page {page} of {pages}"
    version: str           # e.g. "Version {version}"
    scan: str
    answers: str


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def to_html(text: str) -> str:
    """One Markdown converter, reset between documents: building one per call dominated planning."""
    converter = _converter()
    converter.reset()
    return converter.convert(text)


def printable_markdown(text: str, resolve_image) -> str:
    """Internal links become plain text; images point at files on disk."""
    text = _LINK.sub(lambda m: m.group(1), text)
    return IMAGE_LINK.sub(lambda m: f"![{m.group(1)}]({resolve_image(m.group(2))})", text)


PRINT_FONT = "Handout Sans"        # the shipped font, as print/handout.css names it
_SVG_FONT = re.compile(r"""font-family\s*(=\s*"[^"]*"|=\s*'[^']*'|:\s*[^;"}]+)""")


def printable_svg(svg: str) -> str:
    """The diagram's callout digits in the shipped font: `sans-serif` would be whatever the
    machine that renders has installed, so the same input would not give the same PDF everywhere."""
    return _SVG_FONT.sub(lambda m: f'font-family="{PRINT_FONT}"' if m.group(1).lstrip().startswith("=")
                         else f"font-family: '{PRINT_FONT}'", svg)


def svg_data_uri(path: Path) -> str:
    """The diagram as printed, inline: the rewritten copy exists only in the document."""
    import base64
    svg = printable_svg(path.read_text(encoding="utf-8"))
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@functools.lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """A PNG of 4 px a module, printed at 150 dpi (0.68 mm a module, about 25 mm across): the render
    dpi, so WeasyPrint embeds it without resampling, and much cheaper to lay out than an SVG."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=2, dark="#000", light="#fff")


def _css_string(text: str) -> str:
    """A CSS string inside <style>: `<` escaped too, so no title or name can end the element."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ") + '"'


def margin_css(title: str, labels: PrintLabels, address: str, version: str, credit: str = "") -> str:
    """Header and footer of every page, as page margin boxes: a photocopied page that gets separated
    still says which module, language, page, address and version it is, and who reviewed it."""
    pieces = re.split(r"(\{pages?\})", labels.page)
    counter = " ".join("counter(pages)" if p == "{pages}" else "counter(page)" if p == "{page}" else _css_string(p)
                       for p in pieces if p)
    footer = "\n" + address + "\n" + labels.version.replace("{version}", version) + " · " + labels.scan
    footer += "\n" + credit if credit else ""
    return ("@page {"
            f" @top-left {{ content: {_css_string(title)}; }}"
            f" @top-right {{ content: {_css_string(labels.language)}; }}"
            f" @bottom-left {{ content: {counter} {_css_string(footer)}; }}"
            f' @bottom-right {{ content: url("{qr_data_uri(address)}"); }}'
            " }")


def _frame(parts: ModuleParts, inner: str) -> str:
    return f"<h1>{html.escape(parts.title)}</h1>" f'<p class="summary">{html.escape(parts.summary)}</p>{inner}'


def document(lang: str, body: str, base_title: str, margins: str) -> str:
    """The print stylesheet is not linked: each worker parses it once (see pdf_render)."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(base_title)}</title><style>{margins}</style>"
            f"</head><body>{body}</body></html>")


def figure_html(figure: Figure, resolve_image) -> str:
    """The diagram with its caption and numbered legend beside it: the callouts are digits, so the
    legend is what makes a black-and-white copy readable."""
    image = f'<img src="{html.escape(resolve_image(figure.target))}" alt="{html.escape(figure.alt)}">'
    caption = to_html(printable_markdown(f"*{figure.caption}*", resolve_image)) if figure.caption else ""
    legend = to_html(printable_markdown(figure.legend, resolve_image)) if figure.legend else ""
    return (f'<figure class="diagram"><div class="diagram-image">{image}</div>'
            f'<figcaption class="diagram-legend">{caption}{legend}</figcaption></figure>')


def handout_body(parts: ModuleParts, labels: PrintLabels, resolve_image, figure: Figure | None = None) -> str:
    """Key points, checklist, key terms and `handout` blocks, after the module's main diagram."""
    chunks = [f'<section class="part part-diagram">{figure_html(figure, resolve_image)}</section>'] if figure else []
    for sid, label in (("key-points", labels.key_points), ("field-checklist", labels.checklist),
                       ("key-terms", labels.key_terms)):
        text = parts.section_text.get(sid, "")
        if text.strip():
            title = parts.section_titles.get(sid, label)
            chunks.append(f'<section class="part part-{sid}"><h2>{html.escape(title)}</h2>'
                          + to_html(printable_markdown(text, resolve_image)) + "</section>")
    for block in parts.handout_blocks:
        chunks.append(to_html(printable_markdown(block, resolve_image)))
    return f'<section class="module handout">{_frame(parts, "".join(chunks))}</section>'


def full_body(parts: ModuleParts, labels: PrintLabels, resolve_image, figure: Figure | None = None) -> str:
    """The whole module, every diagram in its place (`figure` is for the handout only)."""
    body = parts.body
    if parts.questions:
        # questions stay in place (without answers); the answers go to the end
        questions = "\n".join(f"{i}. {_unnumbered(q.text)}" for i, q in enumerate(parts.questions, start=1))
        check = parts.section_text.get("self-check", "")
        body = body.replace(check, questions + "\n") if check else body
    inner = to_html(printable_markdown(body, resolve_image))
    if parts.questions:
        answers = "".join(f"<li><strong>{html.escape(_unnumbered(q.text))}</strong>"
                          f"{to_html(printable_markdown(q.answer, resolve_image))}</li>" for q in parts.questions)
        inner += f'<section class="answers"><h2>{html.escape(labels.answers)}</h2><ol>{answers}</ol></section>'
    return f'<section class="module">{_frame(parts, inner)}</section>'


def _unnumbered(text: str) -> str:
    return re.sub(r"^\s*\d+[.)]\s*", "", text)


def stylesheet_path(root: Path) -> Path:
    return root / "print" / "handout.css"
