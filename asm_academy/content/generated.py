"""Markdown that the build writes into pages at marked places, the same for every language.

A page asks for generated content with a marker line such as `<!-- asm:glossary -->`, so the
prose around it stays in the hands of writers and translators.
"""
from __future__ import annotations

import html
from collections import Counter

from ..translation.freshness import STATES, PageStatus
from ..content.termbase import Term, render_glossary
from ..content.ui_strings import UiStrings

GLOSSARY = "<!-- asm:glossary -->"
STATUS = "<!-- asm:status -->"
HANDOUTS = "<!-- asm:handouts -->"
PROGRAMME = "<!-- asm:programme -->"     # the workshop's day plan, from data/programme.yml
NO_DATA = "<!-- asm:no-data -->"         # the Kiwix file and the phone save, with their sizes (web/kiwix.py)


def status_table(statuses: list[PageStatus], lang: str, ui: UiStrings, names: dict[str, str],
                 titles: dict[str, str], terms: list[Term] | None = None) -> str:
    """Status of every page in every translation, labelled in the reader's language."""
    langs = list(dict.fromkeys(s.lang for s in statuses))
    label = {state: ui.get(lang, f"status_{state}") for state in STATES}
    rows = [f"| {ui.get(lang, 'status_page')} | " + " | ".join(names.get(l, l) for l in langs) + " |",
            "|---|" + "---|" * len(langs)]
    by_page: dict[str, dict[str, str]] = {}
    for s in statuses:
        by_page.setdefault(s.rel, {})[s.lang] = s.state
    done = {(s.lang, s.rel): f" ({s.progress.reviewed}/{s.progress.total})" for s in statuses
            if s.progress and s.state == "draft" and s.progress.reviewed}
    for rel, states in by_page.items():
        rows.append(f"| {titles.get(rel, rel)} | " + " | ".join(label[states[l]] + done.get((l, rel), "")
                                                              for l in langs) + " |")
    totals = {l: Counter(s.state for s in statuses if s.lang == l) for l in langs}
    rows.append(f"| **{ui.get(lang, 'status_total')}** | " + " | ".join(
        ", ".join(f"{totals[l][state]} {label[state]}" for state in STATES if totals[l][state]) for l in langs) + " |")
    if terms:      # the glossary's gaps show here too: a term without a translation is shown in English
        rows.append(f"| {ui.get(lang, 'status_glossary')} | " + " | ".join(
            f"{sum(1 for term in terms if l in term.forms)} / {len(terms)}" for l in langs) + " |")
    # credit: everyone who translated or reviewed, per language (names are text: escaped)
    for key, names_of in (("status_translated_by", lambda s: s.record.translated_by if s.record else ()),
                          ("status_reviewed_by", lambda s: s.progress.reviewers if s.progress else ())):
        people = {l: sorted({n for s in statuses if s.lang == l for n in names_of(s)}) for l in langs}
        rows.append(f"| {ui.get(lang, key)} | " + " | ".join(
            html.escape(", ".join(people[l])) or "–" for l in langs) + " |")
    return "\n".join(rows) + "\n"


def expand(markdown: str, lang: str, *, terms: list[Term], ui: UiStrings, status: str = "",
           programme: str = "") -> str:
    """`status` and `programme` are made by the caller, which knows the page's links."""
    if GLOSSARY in markdown:
        markdown = markdown.replace(GLOSSARY, render_glossary(terms, lang, ui))
    if STATUS in markdown:
        markdown = markdown.replace(STATUS, status)
    if PROGRAMME in markdown:
        markdown = markdown.replace(PROGRAMME, programme)
    return markdown
