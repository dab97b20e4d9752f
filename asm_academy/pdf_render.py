"""The one place that talks to WeasyPrint. Imported only in processes that render: importing
WeasyPrint costs about a second, which a fully cached build must not pay.

Each process parses the print stylesheet and loads its fonts once and reuses them for every
document; doing that per document cost about a fifth of each render. Resources come from local
files and data: URLs only, held in memory: a handout never touches the network.
"""
from __future__ import annotations

import functools
import hashlib

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .handouts import RENDER_OPTIONS


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


def render_pdf(html: str, stylesheet: str, identifier: str = "") -> tuple[bytes, int]:
    """PDF bytes and page count. Image options go to render() as well as write_pdf()."""
    css, fonts, fetcher = prepare(stylesheet)
    document = HTML(string=html, base_url="/", url_fetcher=fetcher).render(
        stylesheets=[css], font_config=fonts, **RENDER_OPTIONS)
    identifier = identifier or hashlib.sha256(html.encode("utf-8")).hexdigest()
    pdf = document.write_pdf(pdf_identifier=identifier[:32].encode("ascii"), **RENDER_OPTIONS)
    return pdf, len(document.pages)
