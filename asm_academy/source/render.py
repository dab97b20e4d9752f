"""Markdown to HTML the way the build does it (the extensions mkdocs.yml lists), without MkDocs,
so `make check` can judge the HTML a page becomes."""
from __future__ import annotations

import markdown

from .site_config import SiteConfig


def renderer(site: SiteConfig):
    """A function from a page's Markdown (front matter removed) to its HTML."""
    names: list[str] = []
    configs: dict[str, dict] = {}
    for item in site.markdown_extensions:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                configs[name] = dict(options or {})
        else:
            names.append(str(item))
    md = markdown.Markdown(extensions=names, extension_configs=configs)

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)
    return render
