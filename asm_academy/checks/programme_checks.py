"""Can the workshop programme be run? Checked against nav, each module's front matter and its
trainer activity, so a plan that overlaps, overruns the day, shortens a module or brings a
field-visit step into the classroom is refused before a trainer prints it.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..content.programme import LABELS, Programme, Session, activity_key, clock
from ..content.ui_strings import UI_FILE, UiStrings
from ..source.findings import Finding
from ..source.frontmatter import Page
from ..source.markdown_scan import Scan
from ..source.structure import MODULE_DIR, sections

_STEP = re.compile(r"^(\d+)\.\s")


@dataclass(frozen=True)
class ModuleFacts:
    """What the programme is checked against, read from one English module."""
    display: str                      # repo-relative path, for findings
    duration: int | None              # front matter `duration`, minutes (None when missing or not a number)
    steps: frozenset[int]             # step numbers of the trainer activity
    site_steps: tuple[int, ...]       # front matter `site_steps`: steps that need a working mine
    site_steps_line: int
    problems: tuple[Finding, ...] = ()


def module_facts(display: str, page: Page, scan: Scan) -> ModuleFacts:
    """Duration, trainer-activity step numbers and site steps of a module page."""
    activity = sections(page, scan).get("trainer-activity", [])
    steps = frozenset(int(m.group(1)) for _, line in activity if (m := _STEP.match(line)))
    duration = page.meta.get("duration")
    duration = duration if isinstance(duration, int) and not isinstance(duration, bool) else None
    raw = page.meta.get("site_steps", [])
    line = page.meta_lines.get("site_steps", 1)
    problems: list[Finding] = []
    if raw is None:
        raw = []
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in raw):
        problems.append(Finding(display, line, "PROG015", "`site_steps` is not a list of step numbers",
                                "List the trainer-activity steps that need a working mine, e.g. `site_steps: [4, 5]`, "
                                "or leave the key out."))
        raw = []
    for n in raw:
        if n not in steps:
            problems.append(Finding(display, line, "PROG015", f"`site_steps` names step {n}, which the trainer "
                                    f"activity does not have (its steps: {_numbers(steps) or 'none'})",
                                    "Number the steps under **Steps:** `1.`, `2.`, ... and list only those."))
    return ModuleFacts(display, duration, steps, tuple(n for n in raw if n in steps), line, tuple(problems))


def _numbers(values) -> str:
    return ", ".join(str(n) for n in sorted(values))


def _closest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return match[0] if match else ""


def _day_of(session: Session) -> str:
    return f"day {session.day}, {clock(session.start)}–{clock(session.end)}"


def programme_findings(programme: Programme, modules: dict[str, ModuleFacts], nav: tuple[str, ...],
                       ui: UiStrings | None) -> list[Finding]:
    """Every reason the plan cannot be run as written. `modules`: the English modules by path;
    `ui`: None when data/ui.yml could not be read (its own finding says so)."""
    path = programme.path
    found: list[Finding] = []
    for facts in modules.values():
        found.extend(facts.problems)
    in_nav = [rel for rel in nav if rel in modules]
    for day in programme.days:
        ordered = sorted(day, key=lambda s: (s.start, s.end))
        for earlier, later in zip(ordered, ordered[1:]):
            if later.start < earlier.end:
                found.append(Finding(path, later.at("start"), "PROG004",
                                     f"day {later.day}: this session starts at {clock(later.start)}, before the "
                                     f"session on line {earlier.line} ends at {clock(earlier.end)}",
                                     "Move one of them: sessions of a day may not overlap."))
        for s in day:
            if s.end > programme.day_end:
                found.append(Finding(path, s.at("end"), "PROG005",
                                     f"{_day_of(s)} runs past the day's end at {clock(programme.day_end)}",
                                     f"End it by {clock(programme.day_end)} (`day_end` on line {programme.end_line}), "
                                     "shorten the day's other sessions, or move it to another day."))
            if s.start < programme.day_start:
                found.append(Finding(path, s.at("start"), "PROG005",
                                     f"{_day_of(s)} starts before the day begins at {clock(programme.day_start)}",
                                     f"Start it at {clock(programme.day_start)} or later (`day_start`)."))
    module_paths = sorted(modules)
    for s in programme.sessions:
        refs = [(s.module, s.at("module"))] if s.module else []
        refs += [(ref.module, ref.line) for ref in s.steps]
        for rel, line in refs:
            if rel not in in_nav:
                guess = _closest(rel, in_nav)
                what = "is not a module in nav" if rel.startswith(MODULE_DIR) or rel not in nav else "is not a module"
                found.append(Finding(path, line, "PROG006", f"`{rel}` {what}",
                                     f"did you mean `{guess}`?" if guess else
                                     "Name a module by its path in mkdocs.yml's nav, e.g. `modules/safety.md`."))
        if s.activity and ui is not None and activity_key(s.activity) not in ui.strings:
            known = sorted(key[len("activity_"):].replace("_", "-") for key in ui.strings if key.startswith("activity_"))
            guess = _closest(s.activity, known)
            found.append(Finding(path, s.at("activity"), "PROG007", f"activity `{s.activity}` is not a named activity",
                                 (f"did you mean `{guess}`? " if guess else "") +
                                 f"A new activity needs its label in {UI_FILE}: `{activity_key(s.activity)}:` with "
                                 "`en:` and each language's text."))
        for ref in s.steps:
            facts = modules.get(ref.module)
            if facts is None or ref.module not in in_nav:
                continue
            unknown = [n for n in ref.steps if n not in facts.steps]
            if unknown:
                found.append(Finding(path, ref.line, "PROG011",
                                     f"{facts.display} has no trainer-activity step {_numbers(unknown)} "
                                     f"(its steps: {_numbers(facts.steps) or 'none'})",
                                     "Use the numbers of the steps under its `## Trainer activity`."))
            if s.place != "site":
                on_site = [n for n in ref.steps if n in facts.site_steps]
                if on_site:
                    found.append(Finding(path, ref.line, "PROG009",
                                         f"step {_numbers(on_site)} of {ref.module} needs a working mine, but this "
                                         f"session ({_day_of(s)}) is in the classroom",
                                         f"Put it in a `place: site` session (the field visit); {facts.display} "
                                         f"lists it in `site_steps` (line {facts.site_steps_line})."))
    placed: dict[str, set[int]] = {}
    for s in programme.sessions:
        if s.place == "site":
            for ref in s.steps:
                placed.setdefault(ref.module, set()).update(ref.steps)
    for rel in in_nav:
        facts = modules[rel]
        sessions = [s for s in programme.sessions if s.module == rel]
        line = sessions[0].at("module") if sessions else programme.line
        given = sum(s.minutes for s in sessions)
        if facts.duration is not None and given < facts.duration:
            found.append(Finding(path, line, "PROG008",
                                 f"{rel} gets {given} min in the programme; its front matter says duration: "
                                 f"{facts.duration}" if sessions else
                                 f"{rel} has no session; its front matter says duration: {facts.duration}",
                                 f"Give it {facts.duration - given} more minutes (sessions with `module: {rel}`), "
                                 f"or change `duration` in {facts.display} if the module really is shorter."))
        missing = [n for n in facts.site_steps if n not in placed.get(rel, set())]
        if missing:
            found.append(Finding(path, line, "PROG010",
                                 f"step {_numbers(missing)} of {rel} needs a working mine, and no site session holds "
                                 "it, so it would fall to the classroom",
                                 f"List it under `steps:` of a `place: site` session: `{rel}: [{_numbers(missing)}]` "
                                 f"({facts.display} lists it in `site_steps`, line {facts.site_steps_line})."))
    if ui is not None:
        missing_labels = [key for key in LABELS if key not in ui.strings]
        if missing_labels:
            found.append(Finding(UI_FILE, 0, "PROG017", "the day plan needs the strings " +
                                 ", ".join(f"`{k}`" for k in missing_labels),
                                 f"Add them to {UI_FILE} (copy them from the ASM Academy repository)."))
    return found
