"""Credit where it is due: a reviewed section names its reviewers on the page, right by it.

Only sections reviewed against the English as it is now are credited (`SectionState.reviewed`):
a section whose English changed since, or that nobody reviewed, is a draft and never called reviewed.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from .sections import TOP, Progress
from .suggest import SECTION_HEADING


def section_reviewers(progress: Progress) -> dict[str, tuple[str, ...]]:
    """Section id -> who reviewed it, for the sections that are reviewed and current."""
    return {s.sid: s.reviewed_by for s in progress.states if s.reviewed and s.reviewed_by}


def with_reviewer_credits(page_html: str, progress: Progress, credit: Callable[[tuple[str, ...]], str]) -> str:
    """After each reviewed section's heading, its reviewers; the title and opening (`_top`) are
    credited at the top of the page. `credit` words the line in the page's language."""
    reviewers = section_reviewers(progress)

    def line(names: tuple[str, ...]) -> str:
        return f'<p class="asm-credit">{html.escape(credit(names))}</p>'

    def add(match: re.Match) -> str:
        names = reviewers.get(html.unescape(match.group(2)))
        return f"{match.group(1)}\n{line(names)}" if names else match.group(1)
    out = SECTION_HEADING.sub(add, page_html)
    return (line(reviewers[TOP]) + "\n" + out) if TOP in reviewers else out
