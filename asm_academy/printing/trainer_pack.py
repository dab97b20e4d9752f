"""The trainer pack: one PDF per language with everything a trainer prints for the workshop.

Cover and contents, then the parts in PACK_ORDER, each from its own cached PDF, so the pack costs
two small renders (the cover with the contents, and a page-number layer) and a merge. Pack page
numbers are drawn on a separate document of empty pages laid over the parts: the parts stay the
files the download page offers, byte for byte, and their own "Page 1 of 2" footers stay true.

The pack's version is a hash of its parts' cache keys: the same inputs give the same version and
the same bytes on any machine. A date is written into the PDF only when SOURCE_DATE_EPOCH is set
(the reproducible-builds convention), so an unset clock cannot make two builds differ.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .handouts import PrintJob, atomic_write, cache_key
from .print_html import document
from .workshop_kit import PACK_ORDER, TITLE_KEYS, KitSource, day_date, kit_stylesheet

FRONT_PAGES_GUESS = 2          # cover and one page of contents; re-laid out when the contents run longer
OWN_RENDERS = 2                # what a pack renders itself: the cover with the contents, the page-number layer


@dataclass(frozen=True)
class PackPart:
    kind: str
    module: str            # module id for a guide or handout, "" otherwise
    title: str             # as the contents and bookmarks show it
    path: Path             # the part's cached PDF
    pages: int
    key: str


@dataclass(frozen=True)
class Pack:
    data: bytes
    pages: int
    version: str
    parts: tuple[PackPart, ...]
    starts: tuple[int, ...]        # first pack page (1-based) of each part


def pack_parts(jobs: list[PrintJob], results: dict[str, tuple[Path, int]], source: KitSource) -> list[PackPart]:
    """The parts in the pack's order; guides and handouts in teaching order (nav), like the kit's modules."""
    ordered: list[PackPart] = []
    place = {Path(m).stem: index for index, m in enumerate(source.modules)}
    for kind in PACK_ORDER:
        for job in sorted((j for j in jobs if j.kind == kind), key=lambda j: place.get(j.module, len(place))):
            path, pages = results[job.key]
            title = source.parts_title(job.module) if kind in ("guide", "handout") else \
                source.ui.get(source.lang, TITLE_KEYS[kind])
            ordered.append(PackPart(kind, job.module, title, path, pages, job.key))
    return ordered


def pack_version(parts: list[PackPart], title: str) -> str:
    return hashlib.sha256(("\0".join(p.key for p in parts) + "\0" + title).encode("utf-8")).hexdigest()[:8]


GROUPS = {"guide": "kit_pack_guides", "handout": "kit_pack_handouts"}


def outline(parts: list[PackPart], starts: list[int], source: KitSource) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, first page, children): one entry per part, guides and handouts each under one heading."""
    entries: list[tuple[str, int, list[tuple[str, int]]]] = []
    for part, start in zip(parts, starts):
        if part.kind in GROUPS:
            label = source.ui.get(source.lang, GROUPS[part.kind])
            if not entries or entries[-1][0] != label:
                entries.append((label, start, []))
            entries[-1][2].append((part.title, start))
        else:
            entries.append((part.title, start, []))
    return entries


def front_body(source: KitSource, entries, version: str) -> str:
    text = source.text
    dates = source.workshop.dates
    when = f"<p>{text('kit_agenda_dates', first=day_date(dates[0]), last=day_date(dates[-1]))}</p>" if dates else ""
    rows = []
    for title, start, children in entries:
        rows.append(f'<tr class="{"group" if children else "part"}"><td class="title">{html.escape(title)}</td>'
                    f'<td class="at">{start}</td></tr>')
        rows += [f'<tr class="child"><td class="title">{html.escape(t)}</td><td class="at">{s}</td></tr>'
                 for t, s in children]
    return (f'<section class="kit cover"><h1>{html.escape(source.config.site_name)}</h1>'
            f'<p><strong>{text("kit_pack_title")}</strong> · {html.escape(source.config.language(source.lang).name)}</p>'
            f"<p>{html.escape(source.organiser)}</p>{when}"
            f'<p>{text("handout_version", version=version)}</p><p>{html.escape(source.site_url)}</p></section>'
            f'<section class="kit contents"><h1>{text("kit_pack_contents")}</h1>'
            f"<table><tbody>{''.join(rows)}</tbody></table></section>")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamps_html(source: KitSource, landscape: list[bool], version: str) -> str:
    """Empty pages, one per pack page, carrying only "Pack page n of N · Version v" at the foot."""
    label = source.ui.get(source.lang, "kit_pack_page") + " · " + source.ui.get(source.lang, "handout_version",
                                                                                  version=version)
    pieces = re.split(r"(\{pages?\})", label)
    counter = " ".join("counter(pages)" if p == "{pages}" else "counter(page)" if p == "{page}" else _css_string(p)
                       for p in pieces if p)
    box = f"@bottom-center {{ content: {counter}; font-size: 8pt; vertical-align: bottom; }}"
    margins = f"@page stamp {{ {box} }} @page stamp-landscape {{ {box} }}"
    pages = "".join(f'<div class="{"stamp-landscape" if wide else "stamp"}"></div>' for wide in landscape)
    return document(source.lang, pages, "", kit_stylesheet(source.config.root) + margins)


def _job(kind: str, text: str, source: KitSource, pdf) -> PrintJob:
    key = cache_key("pack", kind, text, files=[], root=source.config.root, pdf=pdf)
    return PrintJob(f"{kind}-{source.lang}.pdf", kind, "", source.lang, "", kind, key, lambda: text)


def source_date() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH, the convention reproducible builds share, or None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc)


def build_pack(parts: list[PackPart], source: KitSource, title: str, producer: str, cache_dir: Path,
               render: Callable[[list[PrintJob]], dict[str, tuple[Path, int]]], pdf) -> Pack:
    """Render (or reuse) the cover with its contents and the page-number layer, then merge."""
    from pypdf import PdfReader

    version = pack_version(parts, title)
    front_pages = FRONT_PAGES_GUESS
    for _ in range(3):
        starts = []
        at = front_pages + 1
        for part in parts:
            starts.append(at)
            at += part.pages
        entries = outline(parts, starts, source)
        front = _job("front", document(source.lang, front_body(source, entries, version), title,
                                       kit_stylesheet(source.config.root)), source, pdf)
        front_path, pages = render([front])[front.key]
        if pages == front_pages:
            break
        front_pages = pages
    total = at - 1
    wide = [_landscape(p) for p in PdfReader(str(front_path)).pages]
    for part in parts:
        wide += [_landscape(p) for p in PdfReader(str(part.path)).pages]
    stamps = _job("stamps", stamps_html(source, wide, version), source, pdf)
    stamps_path, _ = render([stamps])[stamps.key]
    when = source_date()
    key = hashlib.sha256("\0".join([front.key, stamps.key, *(p.key for p in parts), title, producer,
                                    str(when)]).encode("utf-8")).hexdigest()
    cached = cache_dir / f"pack-{key}.pdf"
    if not cached.exists():
        atomic_write(cached, merge(front_path, parts, stamps_path, entries,
                                     source.ui.get(source.lang, "kit_pack_contents"), title, producer, when, key))
    os.utime(cached)      # marked used: CI keeps only what this run used (see the workflow)
    return Pack(cached.read_bytes(), total, version, tuple(parts), tuple(starts))


def _landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


def merge(front: Path, parts: list[PackPart], stamps: Path, entries, contents: str, title: str, producer: str,
          when: datetime.datetime | None, key: str) -> bytes:
    """Deterministic bytes: the file id comes from the pack's key, dates only from SOURCE_DATE_EPOCH."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    writer = PdfWriter()
    writer.append(str(front), import_outline=False)
    for part in parts:
        writer.append(str(part.path), import_outline=False)
    layer = PdfReader(str(stamps))
    for index, page in enumerate(writer.pages):
        if index > 0 and index < len(layer.pages):     # the cover carries no page number
            page.merge_page(layer.pages[index])
    for label, start, children in [(contents, 2, [])] + list(entries):
        parent = writer.add_outline_item(title=label, page_number=start - 1)
        for child, at in children:
            writer.add_outline_item(title=child, page_number=at - 1, parent=parent)
    metadata = {"/Title": title, "/Producer": producer}
    if when is not None:
        stamp = when.strftime("D:%Y%m%d%H%M%SZ")
        metadata.update({"/CreationDate": stamp, "/ModDate": stamp})
    writer.add_metadata(metadata)
    writer.page_mode = "/UseOutlines"
    digest = bytes.fromhex(key)[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
