"""MkDocs hook: once every language is written, delete the files nothing uses (the theme's unused
kit: its JavaScript bundle, search worker, lunr files, palette, source maps). The logic is in
asm_academy.web.site_files."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from asm_academy.web.site_files import remove_unused
from build_context import is_last_event

log = logging.getLogger("mkdocs.hooks.prune_site")


@event_priority(-900)   # after the sitemap (-500), before the final site check (-1000)
def on_post_build(config) -> None:
    if not is_last_event(config):
        return          # a nested language build: the other languages' pages are not all written yet
    gone = remove_unused(Path(config.site_dir), urlsplit(config.site_url or "/").path or "/")
    log.debug(f"removed {len(gone)} files nothing uses: {', '.join(p.as_posix() for p in gone)}")
