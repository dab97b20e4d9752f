"""The workshop programme (data/programme.yml): read it, and write it as the course map's day plan.

The plan is data so that one file feeds every language's table and the checks can tell a plan
that cannot be run (asm_academy/checks/programme_checks.py) before a trainer finds out on the day.
This module reads the file's shape; what the plan means against the modules is checked there.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..source.findings import ContentError, Finding
from ..source.yaml_lines import LineDict, load_yaml_with_lines
from .ui_strings import UiStrings

PROGRAMME_FILE = "data/programme.yml"
PLACES = ("classroom", "site")
SESSION_KEYS = ("start", "end", "module", "activity", "place", "steps")
TOP_KEYS = ("day_start", "day_end", "days")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# the interface strings the table needs (an activity's label is `activity_<id>`, see activity_key)
LABELS = ("programme_day", "programme_day_number", "programme_time", "programme_session", "programme_place",
          "programme_classroom", "programme_site", "programme_minutes", "programme_step", "programme_steps")


@dataclass(frozen=True)
class StepRef:
    """Steps of one module's trainer activity that a session holds."""
    module: str                 # docs-relative path, as nav writes it
    steps: tuple[int, ...]
    line: int


@dataclass(frozen=True)
class Session:
    day: int                    # 1-based, the order of `days:`
    start: int                  # minutes after midnight
    end: int
    module: str                 # docs-relative path, or "" for an activity
    activity: str               # activity id, or "" for a module
    place: str                  # "classroom" or "site"
    steps: tuple[StepRef, ...]
    line: int                   # where the session starts in the file
    key_lines: dict[str, int]   # key -> line, for findings that concern one key

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def at(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@dataclass(frozen=True)
class Programme:
    path: str                   # repo-relative, for findings
    day_start: int
    day_end: int
    days: tuple[tuple[Session, ...], ...]
    line: int = 1               # line of `days:`
    day_lines: tuple[int, ...] = ()
    end_line: int = 1           # line of `day_end:`

    @property
    def sessions(self) -> list[Session]:
        return [s for day in self.days for s in day]


@dataclass
class ProgrammeLoad:
    """What was read (None when the file is absent or unusable) and what was wrong with it."""
    programme: Programme | None
    findings: list[Finding]


def activity_key(activity: str) -> str:
    """The data/ui.yml string that names an activity: `field-visit` -> `activity_field_visit`."""
    return "activity_" + activity.replace("-", "_")


def clock(minutes: int) -> str:
    """Minutes after midnight as the file writes them: 570 -> "09:30"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _time(value: object, display: str, line: int, what: str) -> tuple[int | None, Finding | None]:
    if isinstance(value, str) and _TIME.match(value.strip()):
        hours, mins = value.strip().split(":")
        return int(hours) * 60 + int(mins), None
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:00 as the number 600 (base 60)
        shown = f"{value // 60:02d}:{value % 60:02d}" if 60 <= value < 24 * 60 else "08:30"
        return None, Finding(display, line, "PROG002", f"{what} is the number {value}, not a time",
                             f"Write the time in quotes as \"HH:MM\", e.g. {what}: \"{shown}\": unquoted, "
                             "YAML reads 10:00 as a number.")
    return None, Finding(display, line, "PROG002", f"{what} {value!r} is not a time written \"HH:MM\"",
                         f"Write hours and minutes with two digits each, 24-hour clock, in quotes: {what}: \"08:30\".")


def _closest(word: str, options: tuple[str, ...] | list[str]) -> str:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f" (did you mean `{match[0]}`?)" if match else ""


def _steps(value: object, display: str, line: int, lines: dict[str, int],
           problems: list[Finding]) -> tuple[StepRef, ...]:
    hint = ("Write `steps:` as a mapping from a module to its step numbers, e.g. "
            "`steps: {modules/safety.md: [3]}`.")
    if value is None:
        return ()           # `steps:` left empty, e.g. after its last module was removed
    if not isinstance(value, dict):
        problems.append(Finding(display, line, "PROG016", "`steps:` is not a mapping of modules to step numbers", hint))
        return ()
    refs: list[StepRef] = []
    key_lines = getattr(value, "key_lines", {})
    for module, numbers in value.items():
        at = key_lines.get(str(module), line)
        if isinstance(numbers, int) and not isinstance(numbers, bool):
            numbers = [numbers]
        if not isinstance(numbers, list) or not numbers or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in numbers):
            problems.append(Finding(display, at, "PROG016", f"the steps of `{module}` are not a list of step numbers",
                                    f"Write the numbers of its trainer activity steps, e.g. `{module}: [4, 5, 6]`."))
            continue
        refs.append(StepRef(str(module), tuple(numbers), at))
    return tuple(refs)


def _session(raw: object, day: int, display: str, fallback_line: int, problems: list[Finding]) -> Session | None:
    if not isinstance(raw, LineDict):
        problems.append(Finding(display, fallback_line, "PROG001", f"a session of day {day} is not a mapping",
                                'Write each session as `- {start: "08:00", end: "08:30", activity: opening}`.'))
        return None
    line = raw.line
    ok = True
    for key in raw:
        if str(key) not in SESSION_KEYS:
            problems.append(Finding(display, raw.key_lines.get(str(key), line), "PROG014",
                                    f"unknown key `{key}` in a session{_closest(str(key), SESSION_KEYS)}",
                                    "A session has " + ", ".join(f"`{k}`" for k in SESSION_KEYS) + "."))
            ok = False
    times: dict[str, int] = {}
    for key in ("start", "end"):
        if key not in raw:
            problems.append(Finding(display, line, "PROG002", f"session has no `{key}` time",
                                    f'Add `{key}: "HH:MM"`, e.g. `{key}: "09:00"`.'))
            ok = False
            continue
        value, problem = _time(raw[key], display, raw.key_lines.get(key, line), key)
        if problem:
            problems.append(problem)
            ok = False
        else:
            times[key] = value
    if len(times) == 2 and times["end"] <= times["start"]:
        problems.append(Finding(display, raw.key_lines.get("end", line), "PROG003",
                                f"session ends at {clock(times['end'])}, not after its start at {clock(times['start'])}",
                                "Check the two times: `end` comes after `start`, on a 24-hour clock."))
        ok = False
    module, activity = raw.get("module"), raw.get("activity")
    which = "Give a module by its path in nav (`module: modules/safety.md`) or a named activity (`activity: lunch`)."
    if (module is None) == (activity is None):
        problems.append(Finding(display, line, "PROG012", "a session needs either `module:` or `activity:`, not "
                                + ("both" if module is not None else "neither"), which))
        ok = False
    elif not isinstance(module if activity is None else activity, str) or not (module or activity):
        key = "module" if activity is None else "activity"
        problems.append(Finding(display, raw.key_lines.get(key, line), "PROG012",
                                f"`{key}: {raw[key]!r}` is not a {'page path' if key == 'module' else 'name'}", which))
        ok = False
    place = raw.get("place", "classroom")
    if place not in PLACES:
        problems.append(Finding(display, raw.key_lines.get("place", line), "PROG013",
                                f"place {place!r} is neither `classroom` nor `site`",
                                "`place: classroom` (the venue, also its open ground) or `place: site` (the mine "
                                "of the field visit); leave it out for a classroom."))
        ok = False
    steps = _steps(raw["steps"], display, raw.key_lines.get("steps", line), raw.key_lines, problems) \
        if "steps" in raw else ()
    if not ok:
        return None
    return Session(day, times["start"], times["end"], str(module or ""), str(activity or ""), str(place), steps,
                   line, dict(raw.key_lines))


def load_programme(root: Path) -> ProgrammeLoad:
    """Never raises: a missing file is no programme, a broken one a list of findings."""
    display = PROGRAMME_FILE
    if not (root / display).exists():
        return ProgrammeLoad(None, [])
    try:
        data = load_yaml_with_lines(root / display, display)
    except ContentError as exc:
        return ProgrammeLoad(None, [exc.finding])
    layout = "Start with `day_start:`, `day_end:` and `days:`, a list of days each with `sessions:`; see the top " \
             "of the file."
    if not isinstance(data, LineDict) or not isinstance(data.get("days"), list):
        return ProgrammeLoad(None, [Finding(display, 1, "PROG001", "expected `day_start`, `day_end` and a `days:` "
                                            "list", layout)])
    problems: list[Finding] = []
    for key in data:
        if str(key) not in TOP_KEYS:
            problems.append(Finding(display, data.key_lines.get(str(key), 1), "PROG014",
                                    f"unknown key `{key}`{_closest(str(key), TOP_KEYS)}", layout))
    bounds: dict[str, int] = {}
    for key in ("day_start", "day_end"):
        if key not in data:
            problems.append(Finding(display, 1, "PROG002", f"no `{key}` time",
                                    f'Add `{key}: "HH:MM"`: no session may ' +
                                    ("start before it." if key == "day_start" else "run past it.")))
            continue
        value, problem = _time(data[key], display, data.key_lines.get(key, 1), key)
        if problem:
            problems.append(problem)
        else:
            bounds[key] = value
    days: list[tuple[Session, ...]] = []
    day_lines: list[int] = []
    for number, raw_day in enumerate(data["days"], start=1):
        day_line = getattr(raw_day, "line", data.key_lines.get("days", 1))
        day_lines.append(day_line)
        if not isinstance(raw_day, LineDict) or not isinstance(raw_day.get("sessions"), list):
            problems.append(Finding(display, day_line, "PROG001", f"day {number} has no `sessions:` list",
                                    "Write each day as `- sessions:` followed by its sessions, one per line."))
            days.append(())
            continue
        for key in raw_day:
            if str(key) != "sessions":
                problems.append(Finding(display, raw_day.key_lines.get(str(key), day_line), "PROG014",
                                        f"unknown key `{key}` in day {number}", "A day has only `sessions:`."))
        sessions = [_session(raw, number, display, day_line, problems) for raw in raw_day["sessions"]]
        days.append(tuple(s for s in sessions if s is not None))
    if len(bounds) < 2:
        return ProgrammeLoad(None, problems)
    return ProgrammeLoad(Programme(display, bounds["day_start"], bounds["day_end"], tuple(days),
                                   data.key_lines.get("days", 1), tuple(day_lines),
                                   data.key_lines.get("day_end", 1)), problems)


def step_list(numbers: tuple[int, ...] | list[int]) -> str:
    """3 -> "3"; 4, 5, 6 -> "4–6"; 2, 3, 5 -> "2, 3, 5": runs of three or more as a range."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts: list[str] = []
    for run in runs:
        parts += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
    return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    """One line of the day plan: a module's sessions of one day joined across the breaks between them."""
    day: int
    start: int
    end: int
    session: Session             # the first session of the row
    minutes: int                 # teaching time of a module row; the length of an activity row
    inside: tuple[Session, ...]  # activities held inside a module row (a tea break)


def plan_rows(programme: Programme) -> list[Row]:
    """Rows in time order. A module whose sessions of one day are parted only by activities (a tea
    break) gets one row, so the table names each module once, as a trainer thinks of it."""
    rows: list[Row] = []
    for day in programme.days:
        ordered = sorted(day, key=lambda s: (s.start, s.end))
        i = 0
        while i < len(ordered):
            first = ordered[i]
            if not first.module:
                rows.append(Row(first.day, first.start, first.end, first, first.minutes, ()))
                i += 1
                continue
            end, minutes, inside, j = first.end, first.minutes, [], i + 1
            while True:
                k = j
                while k < len(ordered) and not ordered[k].module:
                    k += 1
                if k < len(ordered) and ordered[k].module == first.module:
                    inside += ordered[j:k]
                    end, minutes, j = ordered[k].end, minutes + ordered[k].minutes, k + 1
                    continue
                break
            rows.append(Row(first.day, first.start, end, first, minutes, tuple(inside)))
            i = j
    return rows


def _text(value: str) -> str:
    """Titles and labels are text: escaped for HTML, and a `|` cannot end the table cell."""
    return html.escape(value).replace("|", "&#124;").replace("[", "&#91;").replace("]", "&#93;")


def programme_table(programme: Programme, lang: str, ui: UiStrings, titles: dict[str, str],
                    link: Callable[[str], str]) -> str:
    """The day plan in one language: Markdown, inside a `div` the site's style and tests can find.
    `titles`: each page's title in this language; `link(rel)`: the page's address from the table."""
    def label(key: str, **values: object) -> str:
        # a label missing from ui.yml is a finding of the checks (PROG017); the table still builds
        return _text(ui.get(lang, key, **values) if key in ui.strings else key)

    def module(rel: str, anchor: str = "") -> str:
        return f"[{_text(titles.get(rel, rel))}]({link(rel)}{anchor})"

    def steps(ref: StepRef) -> str:
        key = "programme_step" if len(ref.steps) == 1 else "programme_steps"
        return f"{module(ref.module, '#trainer-activity')}, {label(key, steps=step_list(ref.steps))}"

    out = ['<div class="asm-programme" markdown>', "",
           f"| {label('programme_day')} | {label('programme_time')} | {label('programme_session')} | "
           f"{label('programme_place')} |", "|---|---|---|---|"]
    shown_day = 0
    for row in plan_rows(programme):
        s = row.session
        if s.module:
            what = f"{module(s.module)}, {label('programme_minutes', minutes=row.minutes)}"
            if row.inside:
                what += " (" + "; ".join(f"{label(activity_key(a.activity))} {clock(a.start)}–{clock(a.end)}"
                                         for a in row.inside if a.activity) + ")"
        else:
            what = label(activity_key(s.activity))
        if s.steps:
            what += ": " + "; ".join(steps(ref) for ref in s.steps)
        day = label("programme_day_number", number=row.day) if row.day != shown_day else ""
        shown_day = row.day
        place = label("programme_site" if s.place == "site" else "programme_classroom")
        out.append(f"| {day} | {clock(row.start)}–{clock(row.end)} | {what} | {place} |")
    return "\n".join(out) + "\n\n</div>\n"


def dates_finding(programme: Programme, dates: tuple[str, ...], config_file: str, line: int) -> Finding | None:
    """`extra: academy: workshop: dates:` gives one date per day of the plan, or none (written by hand)."""
    if not dates or len(dates) == len(programme.days):
        return None
    return Finding(config_file, line, "PROG018", f"`workshop: dates:` lists {len(dates)} dates; {programme.path} "
                   f"has {len(programme.days)} days",
                   "Give one date per day of the programme, in order, or `dates: []` to write them by hand.")
