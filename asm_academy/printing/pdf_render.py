"""The one place that talks to WeasyPrint. Imported only in processes that render: importing
WeasyPrint costs most of a second, which a fully cached build must not pay.

Each process parses the print stylesheet and loads its fonts once and reuses them for every
document; doing that per document cost about a fifth of each render. Resources come from local
files and data: URLs only, held in memory: a handout never touches the network.

On Linux, WeasyPrint asks cffi for each library under several candidate names, and for every
name that misses, `ctypes.util.find_library` runs ldconfig, gcc and ld again: some fifty
processes, about 0.3 s of each worker's start. While WeasyPrint is imported, the lookup answers
from one `ldconfig -p` listing instead, and only when that listing has every library needed.
"""
from __future__ import annotations

import contextlib
import ctypes.util
import functools
import hashlib
import re
import subprocess
import sys

NEEDED_LIBRARIES = ("gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0")
_SONAME = re.compile(r"^\s*(\S+)\s+\(", re.M)


def ldconfig_sonames(listing: str) -> list[str]:
    """The library names in the output of `ldconfig -p`, in its order."""
    return _SONAME.findall(listing)


def find_in(sonames: list[str], name: str) -> str | None:
    """What `ctypes.util.find_library(name)` answers on glibc Linux: the first `lib<name>.` entry."""
    return next((s for s in sonames if s.startswith(f"lib{name}.")), None)


@contextlib.contextmanager
def _quick_library_lookup():
    original = ctypes.util.find_library
    sonames: list[str] = []
    if sys.platform.startswith("linux"):
        for ldconfig in ("/sbin/ldconfig", "ldconfig"):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                sonames = ldconfig_sonames(subprocess.run([ldconfig, "-p"], capture_output=True, text=True,
                                                          timeout=10).stdout)
                break
    if sonames and all(find_in(sonames, name) for name in NEEDED_LIBRARIES):
        ctypes.util.find_library = lambda name: find_in(sonames, name)
    try:
        yield
    finally:
        ctypes.util.find_library = original


with _quick_library_lookup():
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..settings import PdfOptions  # noqa: E402


class LocalFetcher(URLFetcher):
    """file: and data: URLs only, each read once per process."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self._seen: dict[str, tuple[str, bytes, object]] = {}

    def fetch(self, url, headers=None):
        if url not in self._seen:
            response = super().fetch(url, headers)
            try:
                self._seen[url] = (response.url, response.read(), response.headers)
            finally:
                response.close()
        found_url, body, found_headers = self._seen[url]
        return URLFetcherResponse(found_url, body, found_headers)


@functools.lru_cache(maxsize=4)
def prepare(stylesheet: str) -> tuple[CSS, FontConfiguration, LocalFetcher]:
    fetcher = LocalFetcher()
    fonts = FontConfiguration()
    return CSS(filename=stylesheet, font_config=fonts, url_fetcher=fetcher), fonts, fetcher


def render_pdf(html: str, stylesheet: str, identifier: str = "", options: dict | None = None) -> tuple[bytes, int]:
    """PDF bytes and page count. Image options go to render() as well as write_pdf()."""
    options = PdfOptions().as_kwargs() if options is None else options
    css, fonts, fetcher = prepare(stylesheet)
    document = HTML(string=html, base_url="/", url_fetcher=fetcher).render(
        stylesheets=[css], font_config=fonts, **options)
    identifier = identifier or hashlib.sha256(html.encode("utf-8")).hexdigest()
    pdf = document.write_pdf(pdf_identifier=identifier[:32].encode("ascii"), **options)
    return pdf, len(document.pages)
