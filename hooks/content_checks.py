"""MkDocs hook: run the content checks once per build, and check the rendered site at the end.

The checks themselves live in asm_academy.checks.tree_checks and asm_academy.checks.site_links; this only adapts them.
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from asm_academy.checks.html_safety import source_line, unsafe_parts
from asm_academy.checks.tree_checks import check_tree
from asm_academy.source.findings import errors, format_report
from asm_academy.checks.site_links import broken_links, third_party_loads
from build_context import build_language, is_last_event, settings, site_data

log = logging.getLogger("mkdocs.hooks.asm_checks")


def _enabled(config) -> bool:
    """`checks: false` builds a broken tree anyway: only for comparing the checks with a crawl."""
    return settings(config).checks


@event_priority(-200)   # after mkdocs-static-i18n has chosen the language of this build
def on_pre_build(config) -> None:
    if build_language(config) != config.plugins["i18n"].default_language or not _enabled(config):
        return          # the docs tree is the same for every language build: check it once
    result = check_tree(Path(config.config_file_path).parent, site_data(config).site)
    for finding in result.findings:
        if finding.severity != "error":
            log.info(finding.format())
    if errors(result.findings):
        raise PluginError("content checks failed (run `make check` for the same report):\n\n"
                          + format_report(errors(result.findings)))


@event_priority(-50)     # the page's HTML as Markdown made it, before other hooks add to it
def on_page_content(html: str, page, config, files) -> str:
    """The build judges the HTML it really made, as `make check` judges its own rendering."""
    if not _enabled(config):
        return html
    found = unsafe_parts(html)
    if found:
        source = Path(page.file.abs_src_path)
        text = source.read_text(encoding="utf-8")
        where = source.relative_to(Path(config.config_file_path).parent).as_posix()
        raise PluginError("unsafe HTML (run `make check` for the same report):\n\n" + "\n".join(
            f"{where}:{source_line(text, part.needle)}: error SAFE010: {part.what} is not allowed" for part in found))
    return html


@event_priority(-1000)   # after every other hook has written its files
def on_post_build(config) -> None:
    if not is_last_event(config) or not _enabled(config):
        return          # a nested language build; the outermost call comes last, with the whole site
    site = Path(config.site_dir)
    base_path = urlsplit(config.site_url or "/").path or "/"
    found = broken_links(site, base_path) + third_party_loads(site)
    for finding in found:
        if finding.severity != "error":
            log.info(finding.format())
    if errors(found):
        raise PluginError("the built site has broken or third-party links:\n\n" + format_report(errors(found)))
