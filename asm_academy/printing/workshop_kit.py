"""What a trainer prints besides the handouts: the agenda, a facilitator's guide per module, the
pre/post test with its answer key and score sheet, the attendance register and the certificate.

Everything comes from the data the phone pages come from: the programme (data/programme.yml), the
modules (their objectives, trainer activity and self-check), data/ui.yml for every word the kit adds,
and `extra: academy: workshop:` for dates, organiser and the number of rows. The test's questions
are chosen by the English modules' `test_questions`, so every language asks the same questions.

Each part is a PrintJob like a handout, cached by a hash of its HTML: making a kit document's HTML
is cheap (a few sections of Markdown), so the key cannot miss an input.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..content.generated import PROGRAMME as PROGRAMME_MARKER
from ..content.programme import (Programme, activity_key, clock, dates_finding, load_programme, programme_table,
                                 step_list)
from ..content.ui_strings import UiStrings
from ..settings import PdfOptions, WorkshopSettings, setting_line
from ..source.doctree import DocTree
from ..source.findings import Finding, rel
from ..source.frontmatter import split_page
from ..source.module_parts import ModuleParts, Question, parse_module
from ..source.site_config import SiteConfig
from ..source.structure import module_pages
from ..source.trainer_activity import TrainerActivity, parse_activity
from .handouts import PrintJob, cache_key, labels_for, page_address
from .print_html import document, margin_css, printable_markdown, to_html

KIT_STYLESHEET = "print/workshop.css"
GUIDE_MAX_PAGES = 4
ONE_PAGE = ("agenda", "scores", "certificate")
# the trainer pack's order; `guide` and `handout` are one part per module, in nav order
PACK_ORDER = ("agenda", "guide", "handout", "test", "answers", "scores", "register", "certificate")
KIT_KINDS = tuple(k for k in PACK_ORDER if k != "handout")
TITLE_KEYS = {"agenda": "kit_agenda_title", "guide": "kit_guide_title", "test": "kit_test_title",
              "answers": "kit_answers_title", "scores": "kit_scores_title", "register": "kit_register_title",
              "certificate": "kit_certificate_title"}
CONFIG_FILE = "mkdocs.yml"


def kit_name(kind: str, lang: str, module: str = "") -> str:
    """`safety-sn-guide.pdf`, `workshop-agenda-sn.pdf`: the name says what arrives on a phone."""
    return f"{module}-{lang}-guide.pdf" if kind == "guide" else f"workshop-{kind}-{lang}.pdf"


def numbered_strings(ui: UiStrings, lang: str, prefix: str) -> list[str]:
    """`kit_inclusion_1`, `kit_inclusion_2`, ...: a list a partner lengthens by adding a string."""
    keys = [k for k in ui.strings if re.fullmatch(re.escape(prefix) + r"\d+", k)]
    return [ui.get(lang, k) for k in sorted(keys, key=lambda k: int(k[len(prefix):]))]


def day_date(iso: str) -> str:
    """Day/month/year, as Zimbabwe writes a date by hand: no month name to translate."""
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


@dataclass(frozen=True)
class TestItem:
    """One question of the pre/post test: module `rel`'s self-check question `number`."""
    rel: str
    number: int
    question: Question


@dataclass
class KitSource:
    """What every part of one language's kit is made from."""
    config: SiteConfig
    tree: DocTree
    ui: UiStrings
    lang: str
    site_url: str
    programme: Programme
    workshop: WorkshopSettings
    modules: list[str]                  # docs-relative module paths, in teaching (nav) order
    parts: dict[str, ModuleParts]       # module -> the page a reader of `lang` gets
    displays: dict[str, str]            # module -> repo-relative path of that page

    def text(self, key: str, **values: object) -> str:
        return html.escape(self.ui.get(self.lang, key, **values))

    @property
    def titles(self) -> dict[str, str]:
        return {m: p.title for m, p in self.parts.items()}

    def parts_title(self, module_id: str) -> str:
        """A module's title in this language, by its id (a PrintJob's `module`)."""
        return next((p.title for m, p in self.parts.items() if Path(m).stem == module_id), module_id)

    @property
    def organiser(self) -> str:
        return self.workshop.organiser or self.config.site_name


def _md(text: str) -> str:
    """Module Markdown as print HTML: internal links become text (printable_markdown)."""
    return to_html(printable_markdown(text, lambda target: target))


def site_steps(programme: Programme, module: str) -> tuple[int, ...]:
    """The module's activity steps that the programme holds at the mine (`make check` ties them to
    the module's `site_steps`, PROG009/PROG010)."""
    return tuple(sorted({n for s in programme.sessions if s.place == "site" for ref in s.steps
                         if ref.module == module for n in ref.steps}))


def test_items(source: KitSource, root: Path) -> tuple[list[TestItem], list[Finding]]:
    """The chosen questions, module by module in nav order, each module's in the order it lists them."""
    items: list[TestItem] = []
    problems: list[Finding] = []
    for module in source.modules:
        file = source.tree.english[module]
        page = split_page(file.path.read_text(encoding="utf-8"), module)
        chosen = page.meta.get("test_questions") or []
        display, line = rel(file.path, root), page.meta_lines.get("test_questions", 1)
        if not isinstance(chosen, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0
                                                   for n in chosen):
            problems.append(Finding(display, line, "PRINT006", "`test_questions` is not a list of question numbers",
                                    "List the self-check questions the pre/post test asks, e.g. "
                                    "`test_questions: [1, 4]`."))
            continue
        questions = source.parts[module].questions
        for n in chosen:
            if n > len(questions):
                problems.append(Finding(display, line, "PRINT006",
                                        f"`test_questions` names question {n}; {source.displays[module]} has "
                                        f"{len(questions)}",
                                        "Every language must have the questions the test asks: translate the "
                                        "missing self-check question, or choose another in the English page."))
                continue
            items.append(TestItem(module, n, questions[n - 1]))
    return items, problems


# --- the parts, as HTML bodies --------------------------------------------------------------

def agenda_body(source: KitSource) -> str:
    """The course map's day plan, the same table (content.programme), on one A4 page."""
    table = programme_table(source.programme, source.lang, source.ui, source.titles, lambda r: r)
    dates = source.workshop.dates
    when = (f'<p class="dates">{source.text("kit_agenda_dates", first=day_date(dates[0]), last=day_date(dates[-1]))}'
            "</p>") if dates else ""
    return (f'<section class="kit agenda"><h1>{source.text("kit_agenda_title")}</h1>'
            f"<p>{html.escape(source.config.site_name)} · {html.escape(source.organiser)}</p>{when}"
            f"{to_html(printable_markdown(table, lambda t: t))}</section>")


def _timing(source: KitSource, module: str) -> str:
    rows: list[str] = []
    place = {"classroom": source.text("programme_classroom"), "site": source.text("programme_site")}
    for s in source.programme.sessions:
        refs = [r for r in s.steps if r.module == module]
        if s.module != module and not refs:
            continue
        what = source.text("programme_minutes", minutes=s.minutes) if s.module == module else (
            source.text(activity_key(s.activity)) if activity_key(s.activity) in source.ui.strings else s.activity)
        for ref in refs:
            key = "programme_step" if len(ref.steps) == 1 else "programme_steps"
            what += ", " + source.text(key, steps=step_list(ref.steps))
        rows.append(f"<tr><td>{source.text('programme_day_number', number=s.day)}</td>"
                    f"<td>{clock(s.start)}–{clock(s.end)}</td><td>{what}</td><td>{place[s.place]}</td></tr>")
    head = "".join(f"<th>{source.text(k)}</th>" for k in ("programme_day", "programme_time", "programme_session",
                                                              "programme_place"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def guide_body(source: KitSource, module: str, activity: TrainerActivity) -> str:
    parts = source.parts[module]
    on_site = site_steps(source.programme, module)
    chunks = [f'<h1>{source.text("kit_guide_title")}: {html.escape(parts.title)}</h1>',
              f'<p class="summary">{html.escape(parts.summary)}</p>',
              f'<h2>{source.text("kit_guide_objectives")}</h2>', _md(parts.section_text.get("objectives", "")),
              f'<h2>{source.text("kit_guide_timing")}</h2>', _timing(source, module)]
    if activity.labelled and activity.labelled[0][1]:
        label, text = activity.labelled[0]
        chunks.append(_md(f"**{label}:** {text}"))
    chunks.append(f'<p>{source.text("kit_guide_steps_total", minutes=activity.minutes)}</p>')
    if activity.materials:
        chunks += [f'<h2>{source.text("kit_guide_materials")}</h2>', _md(activity.materials[1])]
    prepare = numbered_strings(source.ui, source.lang, "kit_guide_prepare_")
    if on_site:
        prepare.append(source.ui.get(source.lang, "kit_guide_prepare_site"))
    chunks += [f'<h2>{source.text("kit_guide_preparation")}</h2>',
               "<ul>" + "".join(f"<li>{html.escape(p)}</li>" for p in prepare) + "</ul>"]
    rows = []
    for step in activity.steps:
        where = f' <span class="site-step">({source.text("kit_guide_at_site")})</span>' if step.number in on_site else ""
        rows.append(f'<tr><td class="number">{step.number}</td><td>{_md(step.text)}{where}</td>'
                    f'<td class="minutes">{step.minutes if step.minutes is not None else "–"}</td></tr>')
    chunks += [f'<h2>{source.text("kit_guide_steps")}</h2>',
               f'<table><thead><tr><th class="number">{source.text("kit_guide_step")}</th><th></th>'
               f'<th class="minutes">{source.text("kit_guide_minutes")}</th></tr></thead>'
               f"<tbody>{''.join(rows)}</tbody></table>"]
    if activity.notes:
        chunks.append('<div class="notes">' + "".join(_md(n) for n in activity.notes) + "</div>")
    if on_site:
        chunks += [f'<h2>{source.text("kit_guide_site_safety", steps=step_list(on_site))}</h2>',
                   "<ul>" + "".join(f"<li>{html.escape(r)}</li>"
                                    for r in numbered_strings(source.ui, source.lang, "kit_site_rule_")) + "</ul>"]
    chunks += [f'<h2>{source.text("kit_guide_inclusion")}</h2>',
               "<ul>" + "".join(f"<li>{html.escape(p)}</li>"
                                for p in numbered_strings(source.ui, source.lang, "kit_inclusion_")) + "</ul>",
               f'<h2>{source.text("kit_guide_questions")}</h2>', _questions(parts.questions, answers=True)]
    return f'<section class="kit guide">{"".join(chunks)}</section>'


def _unnumbered(text: str) -> str:
    return re.sub(r"^\s*\d+[.)]\s*", "", text)


def _questions(questions: list[Question], answers: bool, lines: int = 0) -> str:
    items = []
    for q in questions:
        answer = f'<div class="answer">{_md(q.answer)}</div>' if answers else ""
        space = '<div class="answer-lines"></div>' * lines
        items.append(f"<li><strong>{html.escape(_unnumbered(q.text))}</strong>{answer}{space}</li>")
    return f'<ol class="qa">{"".join(items)}</ol>'


def test_body(source: KitSource, items: list[TestItem]) -> str:
    blank = '<span class="blank"></span>'
    who = (f'<p class="who"><span>{source.text("kit_register_name")}: {blank}</span>'
           f'<span>☐ {source.text("kit_test_before")}</span><span>☐ {source.text("kit_test_after")}</span>'
           f'<span>{source.text("kit_certificate_date")}: {blank}</span></p>')
    return (f'<section class="kit test"><h1>{source.text("kit_test_title")}</h1>{who}'
            f'<p>{source.text("kit_test_intro")}</p>{_questions([i.question for i in items], False, 2)}</section>')


def answers_body(source: KitSource, items: list[TestItem]) -> str:
    return (f'<section class="kit answers-key"><h1>{source.text("kit_answers_title")}</h1>'
            f'<p>{source.text("kit_answers_marking", count=len(items))}</p>'
            f'{_questions([i.question for i in items], True)}</section>')


def scores_body(source: KitSource, items: list[TestItem]) -> str:
    head = "".join(f"<th>{source.text(k)}</th>" for k in ("kit_register_name", "kit_test_before", "kit_test_after",
                                                              "kit_scores_change"))
    rows = "".join(f'<tr><td class="number">{n}</td><td></td><td></td><td></td><td></td></tr>'
                   for n in range(1, source.workshop.participants + 1))
    rows += f'<tr><td></td><td><strong>{source.text("kit_scores_average")}</strong></td><td></td><td></td><td></td></tr>'
    return (f'<section class="kit form scores"><h1>{source.text("kit_scores_title")}</h1>'
            f'<p>{source.text("kit_scores_out_of", count=len(items))}</p>'
            f'<table><thead><tr><th class="number">{source.text("kit_register_number")}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def register_body(source: KitSource) -> str:
    dates = source.workshop.dates
    days = "".join(
        f'<th>{source.text("programme_day_number", number=n)}'
        f'<span class="hint">{day_date(dates[n - 1]) if n <= len(dates) else ""}</span>'
        f'<span class="hint">{source.text("kit_register_signature")}</span></th>'
        for n in range(1, len(source.programme.days) + 1))
    age = f'{source.text("kit_register_age")}<span class="hint">{source.text("kit_register_age_groups")}</span>'
    head = (f'<th class="number">{source.text("kit_register_number")}</th><th>{source.text("kit_register_name")}</th>'
            f'<th>{source.text("kit_register_sex")}</th><th>{age}</th><th>{source.text("kit_register_province")}</th>'
            f'<th>{source.text("kit_register_phone")}</th>{days}')
    cells = "<td></td>" * (5 + len(source.programme.days))
    rows = "".join(f'<tr><td class="number">{n}</td>{cells}</tr>' for n in range(1, source.workshop.participants + 1))
    return (f'<section class="kit form register landscape"><h1>{source.text("kit_register_title")}</h1>'
            f'<p>{html.escape(source.config.site_name)} · {html.escape(source.organiser)} · '
            f'{source.text("kit_register_note")}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>")


def certificate_body(source: KitSource) -> str:
    dates = source.workshop.dates
    held = source.text("kit_certificate_held", first=day_date(dates[0]), last=day_date(dates[-1])) if dates else (
        f'{source.text("kit_certificate_dates")}: ____________________')
    return (f'<section class="kit certificate"><h1>{source.text("kit_certificate_title")}</h1>'
            f'<p>{source.text("kit_certificate_certifies")}</p><div class="name-line"></div>'
            f'<p>{source.text("kit_certificate_took_part", days=len(source.programme.days))}</p>'
            f'<p class="course">{source.text("kit_certificate_course", site=source.config.site_name)}</p>'
            f"<p>{held}</p><p>{source.text('kit_certificate_organiser', organiser=source.organiser)}</p>"
            f'<p class="signatures"><span>{source.text("kit_certificate_signature")}</span>'
            f'<span>{source.text("kit_certificate_date")}</span></p></section>')


# --- planning ------------------------------------------------------------------------------

def kit_stylesheet(root: Path) -> str:
    return (root / KIT_STYLESHEET).read_text(encoding="utf-8")


def kit_document(source: KitSource, body: str, title: str, margins: str | None, address: str) -> str:
    """A kit document: its own margins (none for the certificate) and the kit's stylesheet inline."""
    labels = labels_for(source.ui, source.lang, source.config.language(source.lang).name)
    if margins is None:
        margins = margin_css(title, labels, address, hashlib.sha256(body.encode("utf-8")).hexdigest()[:8])
    return document(source.lang, body, title, kit_stylesheet(source.config.root) + margins)


def teaching_order(config: SiteConfig, modules: list[str]) -> list[str]:
    """Modules in nav's order, the order they are taught in; any not in nav after them."""
    place = {rel_path: index for index, rel_path in enumerate(config.nav_pages)}
    return sorted(modules, key=lambda m: (place.get(m, len(place)), m))


def load_kit_source(config: SiteConfig, tree: DocTree, ui: UiStrings, lang: str, site_url: str,
                    programme: Programme, workshop: WorkshopSettings) -> KitSource:
    modules = teaching_order(config, module_pages(tree))
    parts: dict[str, ModuleParts] = {}
    displays: dict[str, str] = {}
    for module in modules:
        served = tree.resolve(lang, module)
        assert served is not None
        displays[module] = rel(served.path, config.root)
        parts[module] = parse_module(served.path.read_text(encoding="utf-8"), displays[module], Path(module).stem)
    return KitSource(config, tree, ui, lang, site_url, programme, workshop, modules, parts, displays)


def plan_kit(source: KitSource, pdf: PdfOptions = PdfOptions()) -> tuple[list[PrintJob], list[Finding]]:
    """Every kit part of one language; a module without what its guide needs is a finding, not a part."""
    root = source.config.root
    lang, default = source.lang, source.config.default.code
    jobs: list[PrintJob] = []
    problems: list[Finding] = []
    workshop = source.workshop
    late = dates_finding(source.programme, workshop.dates, CONFIG_FILE, setting_line(CONFIG_FILE, "workshop", root))
    problems += [late] if late else []

    def job(kind: str, body: str, title: str, display: str, module: str = "", address: str = "",
            margins: str | None = None) -> None:
        text = kit_document(source, body, title, margins, address or page_address(
            source.site_url, default, lang, source.modules[0] if not module else module))
        key = cache_key("kit", kind, text, files=[], root=root, pdf=pdf)
        jobs.append(PrintJob(kit_name(kind, lang, Path(module).stem), kind, Path(module).stem if module else "",
                             lang, display, title, key, lambda text=text: text))

    map_address = page_address(source.site_url, default, lang, programme_page(source.tree) or source.modules[0])
    title = source.ui.get(lang, "kit_agenda_title")
    job("agenda", agenda_body(source), title, source.programme.path, address=map_address)
    for module in source.modules:
        parts = source.parts[module]
        activity = parse_activity(parts.section_text.get("trainer-activity", ""))
        display = source.displays[module]
        missing = [what for what, ok in (("a trainer activity with numbered steps", activity.steps),
                                         ("self-check questions", parts.questions)) if not ok]
        if missing:
            problems.append(Finding(display, _heading_line(source, module), "PRINT003",
                                    f"module `{Path(module).stem}` has no {' and no '.join(missing)}, so no "
                                    "facilitator's guide",
                                    "Write `## Trainer activity {#trainer-activity}` with **Time:**, **Materials:** "
                                    "and numbered steps, and `## Self-check {#self-check}` (WRITING.md)."))
            continue
        job("guide", guide_body(source, module, activity), f'{source.ui.get(lang, "kit_guide_title")}: {parts.title}',
            display, module)
    items, found = test_items(source, root)
    problems += found
    for kind, body in (("test", test_body(source, items)), ("answers", answers_body(source, items)),
                       ("scores", scores_body(source, items))):
        job(kind, body, source.ui.get(lang, TITLE_KEYS[kind]), source.programme.path, address=map_address)
    job("register", register_body(source), source.ui.get(lang, "kit_register_title"), source.programme.path,
        address=map_address)
    job("certificate", certificate_body(source), source.ui.get(lang, "kit_certificate_title"), CONFIG_FILE,
        margins="")
    return jobs, problems


def programme_page(tree: DocTree) -> str | None:
    """The page that shows the day plan (its marker line): the QR code of the agenda and forms opens it."""
    return next((rel_path for rel_path, file in tree.english.items()
                 if PROGRAMME_MARKER in file.path.read_text(encoding="utf-8")), None)


def _heading_line(source: KitSource, module: str) -> int:
    """The line of the trainer activity's heading, or of the self-check's, or 1."""
    lines = (source.config.root / source.displays[module]).read_text(encoding="utf-8").splitlines()
    for wanted in ("{#trainer-activity}", "{#self-check}"):
        found = next((n for n, line in enumerate(lines, 1) if line.startswith("## ") and wanted in line), 0)
        if found:
            return found
    return 1


def page_limit(kind: str) -> int | None:
    return GUIDE_MAX_PAGES if kind == "guide" else 1 if kind in ONE_PAGE else None


def kit_for(config: SiteConfig, tree: DocTree, ui: UiStrings, lang: str, site_url: str, workshop: WorkshopSettings,
            pdf: PdfOptions = PdfOptions()) -> tuple[KitSource | None, list[PrintJob], list[Finding]]:
    """The kit of one language, or none without data/programme.yml (a course that is not a workshop).
    A programme with problems makes no kit and no pack: the findings (PROG0xx) say why."""
    loaded = load_programme(config.root)
    if loaded.programme is None or loaded.findings:
        return None, [], list(loaded.findings)
    source = load_kit_source(config, tree, ui, lang, site_url, loaded.programme, workshop)
    jobs, problems = plan_kit(source, pdf)
    return source, jobs, problems
