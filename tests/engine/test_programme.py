"""The workshop programme (data/programme.yml) on a tiny tree: a plan that works passes and renders
each module once; each way a plan can fail gives its code, the data file's line and what to do."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.content.programme import load_programme, plan_rows, programme_table, step_list
from asm_academy.content.ui_strings import load_ui
from doctrees import MKDOCS_YML, UI, clean_files, write_tree

PROGRAMME = """\
day_start: "08:00"
day_end: "12:00"
days:
  - sessions:
      - {start: "08:00", end: "09:00", module: modules/one.md}
      - {start: "09:00", end: "09:20", activity: tea}
      - {start: "09:20", end: "09:50", module: modules/one.md}
      - {start: "09:50", end: "10:50", module: modules/two.md}
  - sessions:
      - start: "08:00"
        end: "09:00"
        activity: mine-visit
        place: site
        steps:
          modules/one.md: [3]
"""
LINE = {text.strip(): number for number, text in enumerate(PROGRAMME.splitlines(), start=1)}
ONE_FIRST = LINE['- {start: "08:00", end: "09:00", module: modules/one.md}']
TEA = LINE['- {start: "09:00", end: "09:20", activity: tea}']
TWO = LINE['- {start: "09:50", end: "10:50", module: modules/two.md}']
VISIT_STEPS = LINE["modules/one.md: [3]"]
DAY_2 = [n for n, text in enumerate(PROGRAMME.splitlines(), start=1) if text.strip() == "- sessions:"][1]


def module(name: str, duration: int, site_steps: str = "") -> str:
    site = f"site_steps: {site_steps}\n" if site_steps else ""
    return (f"---\nid: {name}\ntitle: Module {name}\nsummary: A module.\nduration: {duration}\n{site}"
            "level: beginner\n---\n\n## Trainer activity {#trainer-activity}\n\n**Steps:**\n\n"
            "1. Show the figure.\n2. Groups talk.\n3. At the mine, look at the wall.\n")


def files(programme: str = PROGRAMME, changes: dict[str, str | None] | None = None) -> dict[str, str]:
    out = clean_files()
    out["mkdocs.yml"] = MKDOCS_YML.replace("  - glossary.md\n", "  - glossary.md\n  - modules/one.md\n"
                                                                 "  - modules/two.md\n")
    out["data/ui.yml"] = UI + "".join(f"  {key}: {{en: {text!r}, sn: {text!r}}}\n" for key, text in {
        "programme_day": "Day", "programme_day_number": "Day {number}", "programme_time": "Time",
        "programme_session": "Session", "programme_place": "Place", "programme_classroom": "Venue",
        "programme_site": "Field visit", "programme_minutes": "{minutes} min", "programme_step": "step {steps}",
        "programme_steps": "steps {steps}", "activity_tea": "Tea", "activity_mine_visit": "Mine visit"}.items())
    out["docs/modules/one.md"] = module("one", 90, "[3]")
    out["docs/modules/two.md"] = module("two", 60)
    out["data/programme.yml"] = programme
    for name, text in (changes or {}).items():
        if text is None:
            out.pop(name, None)
        else:
            out[name] = text
    return out


def prog_findings(tmp_path: Path, tree: dict[str, str]) -> list:
    write_tree(tmp_path, tree)
    return [f for f in check_tree(tmp_path).findings if f.code.startswith(("PROG", "YAML"))]


def edit(old: str, new: str) -> str:
    assert old in PROGRAMME, old
    return PROGRAMME.replace(old, new, 1)


def test_a_plan_that_works_has_no_findings_and_shows_each_module_once(tmp_path: Path) -> None:
    tree = files()
    assert prog_findings(tmp_path, tree) == []
    load = load_programme(tmp_path)
    ui = load_ui(tmp_path, "en")
    table = programme_table(load.programme, "en", ui, {"modules/one.md": "Module one", "modules/two.md": "Module two"},
                            lambda rel: rel.split("/")[-1])
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert sum("[Module one](one.md)," in r for r in rows) == 1      # across its tea break, one row
    assert sum("[Module two](two.md)," in r for r in rows) == 1
    one = next(r for r in rows if "[Module one](one.md)," in r)
    assert "08:00–09:50" in one and "90 min" in one and "Tea 09:00–09:20" in one
    visit = next(r for r in rows if "Mine visit" in r)
    assert "[Module one](one.md#trainer-activity), step 3" in visit and "Field visit" in visit
    assert [r.day for r in plan_rows(load.programme)] == [1, 1, 2]


def test_labels_and_titles_are_text_in_the_table(tmp_path: Path) -> None:
    write_tree(tmp_path, files())
    table = programme_table(load_programme(tmp_path).programme, "en", load_ui(tmp_path, "en"),
                            {"modules/one.md": "A | B <script>", "modules/two.md": "[x](javascript:1)"},
                            lambda rel: rel)
    assert "<script>" not in table and "A &#124; B &lt;script&gt;" in table and "](javascript" not in table


@pytest.mark.parametrize("numbers, shown", [((3,), "3"), ((4, 5, 6), "4–6"), ((2, 3, 5, 6), "2, 3, 5, 6"),
                                            ((6, 1, 2, 3), "1–3, 6")])
def test_steps_are_shown_as_ranges(numbers: tuple[int, ...], shown: str) -> None:
    assert step_list(numbers) == shown


CASES = [
    # (what, programme or other changed files, expected (line, code), words the message or hint must hold)
    ("sessions overlap", {"programme": edit('{start: "09:00", end: "09:20", activity: tea}',
                                            '{start: "08:50", end: "09:20", activity: tea}')},
     (TEA, "PROG004"), ["08:50", f"line {ONE_FIRST}", "09:00"]),
    ("past the day's end", {"programme": edit('{start: "09:50", end: "10:50", module: modules/two.md}',
                                              '{start: "09:50", end: "12:30", module: modules/two.md}')},
     (TWO, "PROG005"), ["12:00", "day 1"]),
    ("before the day starts", {"programme": edit('{start: "08:00", end: "09:00", module: modules/one.md}',
                                                 '{start: "07:30", end: "09:00", module: modules/one.md}')},
     (ONE_FIRST, "PROG005"), ["08:00"]),
    ("module shorter than its duration", {"programme": edit('end: "10:50", module: modules/two.md',
                                                            'end: "10:30", module: modules/two.md')},
     (TWO, "PROG008"), ["40 min", "duration: 60", "20 more minutes"]),
    ("module of nav without a session", {"programme": edit('      - {start: "09:50", end: "10:50", module: modules/two.md}\n', "")},
     (LINE["days:"], "PROG008"), ["modules/two.md has no session"]),
    ("module not in nav", {"programme": edit("module: modules/two.md", "module: modules/too.md")},
     (TWO, "PROG006"), ["modules/too.md", "did you mean `modules/two.md`"]),
    ("page in nav that is not a module", {"programme": edit("module: modules/two.md", "module: glossary.md")},
     (TWO, "PROG006"), ["is not a module"]),
    ("step of a module not in nav", {"programme": edit("modules/one.md: [3]", "modules/three.md: [3]")},
     (VISIT_STEPS, "PROG006"), ["modules/three.md"]),
    ("unknown activity", {"programme": edit("activity: tea", "activity: tee")},
     (TEA, "PROG007"), ["tee", "did you mean `tea`", "activity_tee"]),
    ("time without leading zero", {"programme": edit('{start: "08:00", end: "09:00", module: modules/one.md}',
                                                     '{start: "8:00", end: "09:00", module: modules/one.md}')},
     (ONE_FIRST, "PROG002"), ["'8:00'", "HH:MM"]),
    ("time not in quotes", {"programme": edit('{start: "09:50", end: "10:50"', '{start: "09:50", end: 10:50')},
     (TWO, "PROG002"), ["the number 650", "quotes", '"10:50"']),
    ("hour out of range", {"programme": edit('end: "10:50"', 'end: "25:50"')}, (TWO, "PROG002"), ["25:50"]),
    ("day end written wrongly", {"programme": edit('day_end: "12:00"', 'day_end: "noon"')},
     (LINE['day_end: "12:00"'], "PROG002"), ["noon"]),
    ("end before start", {"programme": edit('{start: "09:50", end: "10:50"', '{start: "10:50", end: "09:50"')},
     (TWO, "PROG003"), ["09:50", "10:50"]),
    ("site step in a classroom session", {"programme": edit(
        '{start: "09:50", end: "10:50", module: modules/two.md}',
        '{start: "09:50", end: "10:50", module: modules/two.md, steps: {modules/one.md: [3]}}')},
     (TWO, "PROG009"), ["step 3 of modules/one.md", "classroom", "place: site", "docs/modules/one.md"]),
    ("the field visit held in the classroom", {"programme": edit("place: site", "place: classroom")},
     (VISIT_STEPS, "PROG009"), ["needs a working mine"]),
    ("site step on no site session", {"programme": edit("        steps:\n          modules/one.md: [3]\n", "")},
     (ONE_FIRST, "PROG010"), ["step 3 of modules/one.md", "modules/one.md: [3]"]),
    ("step the activity does not have", {"programme": edit("modules/one.md: [3]", "modules/one.md: [3, 9]")},
     (VISIT_STEPS, "PROG011"), ["step 9", "1, 2, 3"]),
    ("module and activity in one session", {"programme": edit("activity: tea", "activity: tea, module: modules/two.md")},
     (TEA, "PROG012"), ["not both"]),
    ("neither module nor activity", {"programme": edit(", activity: tea", "")}, (TEA, "PROG012"), ["neither"]),
    ("unknown place", {"programme": edit("place: site", "place: mine")},
     (LINE["place: site"], "PROG013"), ["'mine'", "place: site"]),
    ("misspelt key", {"programme": edit("activity: tea", "activity: tea, plase: site")},
     (TEA, "PROG014"), ["plase", "did you mean `place`"]),
    ("site_steps not numbers", {"docs/modules/one.md": module("one", 90, "[three]")},
     (6, "PROG015"), ["not a list of step numbers"]),
    ("site_steps naming a step the activity lacks", {"docs/modules/one.md": module("one", 90, "[3, 8]")},
     (6, "PROG015"), ["step 8"]),
    ("steps not a mapping", {"programme": edit("        steps:\n          modules/one.md: [3]\n", "        steps: [3]\n")},
     (LINE["steps:"], "PROG016"), ["mapping"]),
    ("steps not numbers", {"programme": edit("modules/one.md: [3]", "modules/one.md: [three]")},
     (VISIT_STEPS, "PROG016"), ["modules/one.md: [4, 5, 6]"]),
    ("a day without sessions", {"programme": edit("  - sessions:\n      - start", "  - session:\n      - start")},
     (DAY_2, "PROG001"), ["day 2"]),
    ("not YAML", {"programme": PROGRAMME.replace('activity: tea}', 'activity: tea')},
     (TEA + 1, "YAML001"), ["not valid YAML"]),
]


@pytest.mark.parametrize("what, changes, expected, words", CASES, ids=[c[0] for c in CASES])
def test_each_bad_plan_names_the_line_and_what_to_do(tmp_path: Path, what: str, changes: dict, expected: tuple,
                                                     words: list[str]) -> None:
    changes = dict(changes)
    tree = files(changes.pop("programme", PROGRAMME), changes)
    found = prog_findings(tmp_path, tree)
    matching = [f for f in found if (f.line, f.code) == expected]
    assert matching, f"{what}: expected {expected}, got {[(f.path, f.line, f.code, f.message) for f in found]}"
    finding = matching[0]
    assert finding.path == ("docs/modules/one.md" if expected[1] == "PROG015" else "data/programme.yml")
    assert finding.hint and finding.severity == "error"
    text = finding.message + " " + finding.hint
    for word in words:
        assert word in text, f"{what}: `{word}` not in: {text}"


def test_a_page_that_shows_the_programme_needs_the_file(tmp_path: Path) -> None:
    page = "---\ntitle: Plan\n---\n\nThe plan:\n\n<!-- asm:programme -->\n"
    tree = files(changes={"data/programme.yml": None, "docs/index.md": page})
    [finding] = prog_findings(tmp_path, tree)
    assert (finding.path, finding.line, finding.code) == ("docs/index.md", 7, "PROG001")
    assert "data/programme.yml" in finding.message


def test_a_missing_label_in_ui_yml_is_named(tmp_path: Path) -> None:
    tree = files()
    tree["data/ui.yml"] = "\n".join(l for l in tree["data/ui.yml"].splitlines() if "programme_time" not in l) + "\n"
    [finding] = prog_findings(tmp_path, tree)
    assert (finding.path, finding.code) == ("data/ui.yml", "PROG017") and "`programme_time`" in finding.message


@pytest.mark.parametrize("text", [
    "", "[]", "days: 5\n", "day_start: 8\nday_end: 9\ndays: []\n", 'day_start: "08:00"\nday_end: "12:00"\ndays: [3]\n',
    'day_start: "08:00"\nday_end: "12:00"\ndays:\n  - sessions: [3, null, {start: null}]\n',
    'day_start: "08:00"\nday_end: "12:00"\ndays:\n  - sessions:\n      - {start: [1], end: {a: 1}, module: 5}\n',
    'day_start: "08:00"\nday_end: "12:00"\ndays:\n  - sessions:\n      - {start: "08:00", end: "09:00", activity: tea, steps: {5: true}}\n',
])
def test_nonsense_is_a_finding_never_a_traceback(tmp_path: Path, text: str) -> None:
    found = prog_findings(tmp_path, files(text))
    assert found and all(f.line >= 0 and f.hint for f in found)


def test_make_check_refuses_a_bad_plan_with_file_and_line(tmp_path: Path) -> None:
    root = write_tree(tmp_path, files(edit('{start: "09:00", end: "09:20", activity: tea}',
                                           '{start: "08:50", end: "09:20", activity: tea}')))
    result = subprocess.run([sys.executable, "-m", "asm_academy", "check"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/programme.yml\n  line {TEA}: error PROG004" in result.stdout
