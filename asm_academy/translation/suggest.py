"""A "suggest a better wording" link under each section of a draft translation: it opens a
pre-filled GitHub issue form, so a fluent speaker with a phone and a GitHub account can help
without git. The page's script adds the section's current text when the link is tapped, so the
page itself stays small."""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode

TEMPLATE = "translation-suggestion.yml"
SECTION_HEADING = re.compile(r'(<h2 id="([^"]+)"[^>]*>.*?</h2>)', re.S)


def suggest_url(repo_url: str, lang: str, page: str, section: str) -> str:
    query = urlencode({"template": TEMPLATE, "title": f"[{lang}] {page} #{section}", "language": lang,
                       "page": page, "section": section})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def with_suggestion_links(page_html: str, repo_url: str, lang: str, page: str, label: str) -> str:
    """After each level-2 heading, a link to suggest a better wording for that section."""
    def add(match: re.Match) -> str:
        href = html.escape(suggest_url(repo_url, lang, page, match.group(2)))
        return f'{match.group(1)}\n<p class="asm-suggest"><a href="{href}" data-suggest>{html.escape(label)}</a></p>'
    return SECTION_HEADING.sub(add, page_html)
