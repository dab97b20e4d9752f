"""The trilingual termbase (data/termbase.yml): validation and its rendering as the glossary."""
from __future__ import annotations

import re
import html
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..source.findings import ContentError, Finding
from ..content.ui_strings import UiStrings
from ..source.yaml_lines import LineDict, load_yaml_with_lines

TERMBASE = "data/termbase.yml"
STATUSES = ("draft", "reviewed")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    status: str          # "source" for English


@dataclass(frozen=True)
class Term:
    id: str
    line: int
    forms: dict[str, Entry]   # language code -> entry

    def in_lang(self, lang: str, default: str = "en") -> Entry:
        return self.forms.get(lang) or self.forms[default]


def load_termbase(root: Path, languages: list[str], default: str = "en") -> tuple[list[Term], list[Finding]]:
    """Returns the terms that are usable and a finding for every malformed entry."""
    try:
        data = load_yaml_with_lines(root / TERMBASE, TERMBASE)
    except ContentError as exc:
        return [], [exc.finding]
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return [], [Finding(TERMBASE, 1, "TERM001", "the file must have a top-level `terms:` list",
                            "Start the file with `terms:` and list entries under it with `- id: ...`.")]
    terms: list[Term] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    for raw in data["terms"]:
        line = getattr(raw, "line", 0)
        if not isinstance(raw, LineDict):
            problems.append(Finding(TERMBASE, line, "TERM002", "an entry is not a mapping",
                                    "Each entry starts with `- id: some-term` followed by language blocks."))
            continue
        tid = raw.get("id")
        if not isinstance(tid, str) or not _ID.match(tid):
            problems.append(Finding(TERMBASE, line, "TERM003", f"invalid or missing id: {tid!r}",
                                    "Use lowercase English words joined by hyphens, e.g. `id: pit-wall`."))
            continue
        if tid in seen:
            problems.append(Finding(TERMBASE, line, "TERM004", f"duplicate id `{tid}` (first on line {seen[tid]})",
                                    "Merge the two entries or give one a different id."))
            continue
        seen[tid] = line
        forms: dict[str, Entry] = {}
        ok = True
        for lang in languages:
            block = raw.get(lang)
            if block is None:
                if lang == default:
                    problems.append(Finding(TERMBASE, line, "TERM005", f"`{tid}` has no `{lang}` block",
                                            "Add the English term and definition."))
                    ok = False
                problems.append(Finding(TERMBASE, line, "TERM009", f"`{tid}` has no `{lang}` block: the {lang} glossary "
                                        "shows it in English", f"Add `{lang}:` with `term`, `definition` and "
                                        "`status: draft` (or `status: untranslated` to mark the gap on purpose).",
                                        "warning"))
                continue  # a missing translation falls back to English
            bline = raw.key_lines.get(lang, line)
            if isinstance(block, dict) and block.get("status") == "untranslated":
                continue  # a column `make language` added, not yet filled in: English until then
            if not isinstance(block, dict) or not str(block.get("term") or "").strip() \
                    or not str(block.get("definition") or "").strip():
                problems.append(Finding(TERMBASE, bline, "TERM006", f"`{tid}`.{lang} needs `term` and `definition`",
                                        "Write both, e.g. `term: ...` and `definition: ...` indented under the language."))
                ok = False
                continue
            status = "source" if lang == default else block.get("status")
            if lang != default and status not in STATUSES:
                problems.append(Finding(TERMBASE, bline, "TERM007",
                                        f"`{tid}`.{lang} status is {status!r}; it must be one of {', '.join(STATUSES)}",
                                        "New translations are `status: draft` until a fluent speaker reviews them."))
                ok = False
                continue
            forms[lang] = Entry(str(block["term"]).strip(), " ".join(str(block["definition"]).split()), status)
        unknown = [k for k in raw if k not in ("id", *languages)]
        for key in unknown:
            problems.append(Finding(TERMBASE, raw.key_lines.get(str(key), line), "TERM008",
                                    f"`{tid}` has an unknown key `{key}`",
                                    "Use only `id` and language codes configured in mkdocs.yml."))
        if ok:
            terms.append(Term(tid, line, forms))
    return terms, problems


def term_ids(terms: list[Term]) -> set[str]:
    return {t.id for t in terms}


def render_glossary(terms: list[Term], lang: str, ui: "UiStrings") -> str:
    """Markdown for the glossary page of one language; ids are shared by every language."""
    default = ui.default

    def sort_key(t: Term) -> str:
        return _folded(t.in_lang(lang, default).term)

    out: list[str] = []
    letter = ""
    for term in sorted(terms, key=sort_key):
        entry = term.in_lang(lang, default)
        initial = _initial(entry.term)
        if initial != letter:
            # a heading per letter: readers find their place, and the site can cut the page there
            letter = initial
            out.append(f"## {letter.upper()} {{#letter-{letter if letter.isalpha() else 'other'}}}\n")
        # terms and definitions are text: markup in them is shown, never run (html.escape)
        out.append(f"### {html.escape(entry.term)} {{#{term.id}}}\n")
        out.append(f"{html.escape(entry.definition)}\n")
        others = [f"{html.escape(ui.names.get(code, code))} *{html.escape(form.term)}*" for code, form in term.forms.items()
                  if code != lang]
        status = ui.get(lang, "status_draft") if entry.status == "draft" else \
            ui.get(lang, "status_missing") if lang not in term.forms else ""
        label = ui.get(lang, "glossary_other_languages")
        out.append(f"{label}: " + " · ".join(others) + (f" · _{status}_" if status else "") + "\n")
    return "\n".join(out)


def _folded(term: str) -> str:
    """Lower case without accents: "é" files and sorts with "e"."""
    return unicodedata.normalize("NFKD", term.casefold()).encode("ascii", "ignore").decode("ascii")


def _initial(term: str) -> str:
    return next((c for c in _folded(term) if c.isalpha()), "#")



def _word(term: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", term).strip().casefold()


def _alternation(words: list[str], ending: str) -> re.Pattern | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    # matched against casefolded text: a case-blind pattern of a hundred alternatives is several times slower
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + ")" + ending + r"(?![\w-])") \
        if words else None


@dataclass(frozen=True)
class TermFinder:
    """Which terms a passage uses: the English form in the English text (plurals too) or the `lang`
    form in the translation. One pattern per side, built once: a reviewer's sheet asks for every
    section of every page. A longer term wins where two overlap ("pit wall", not "pit")."""
    words: tuple[tuple[Term, str, str], ...]     # term, its English word, its `lang` word ("" if none)
    english: re.Pattern | None
    translated: re.Pattern | None

    def __call__(self, english: str, translation: str) -> list[Term]:
        seen = set(self.english.findall(english.casefold())) if self.english else set()
        mine = set(self.translated.findall(translation.casefold())) if self.translated else set()
        return [term for term, en, other in self.words if en in seen or (other and other in mine)]


def term_finder(terms: list[Term], lang: str, default: str = "en") -> TermFinder:
    words = tuple((t, _word(t.forms[default].term), _word(t.forms[lang].term) if lang in t.forms else "") for t in terms)
    return TermFinder(words, _alternation([en for _, en, _ in words], "(?:s|es)?"),
                      _alternation([other for _, _, other in words], ""))
