"""The workshop kit on a tiny tree: what a facilitator's guide is cut from, and each bad input as a
finding with file, line and what to do. Nothing here renders a PDF (the course tests read the
built site's; test_handouts' small copy renders one language's kit and pack)."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.content.ui_strings import load_ui
from asm_academy.printing.workshop_kit import KIT_KINDS, kit_for, kit_name, numbered_strings
from asm_academy.settings import WorkshopSettings, load_settings
from asm_academy.source.doctree import load_tree
from asm_academy.source.findings import ContentError
from asm_academy.source.site_config import load_site_config
from asm_academy.source.trainer_activity import parse_activity
from conftest import ROOT
from doctrees import MKDOCS_YML, clean_files, write_tree

ACTIVITY = """\
**Time:** 60 minutes.

**Materials:** stakes, string
and a tape.

**Steps:**

1. Show Figure 1. (10 min)
2. Groups peg a claim of 20 m × 20 m (20 minutes).
   They place a notice board.
3. At the mine, look at the wall (maminitsi 15).
4. Close with a question.

Without a field visit, use photos.
"""
PROGRAMME = """\
day_start: "08:00"
day_end: "12:00"
days:
  - sessions:
      - {start: "08:00", end: "09:00", module: modules/one.md}
      - {start: "09:00", end: "09:20", activity: tea}
      - {start: "09:20", end: "10:20", module: modules/two.md}
  - sessions:
      - start: "08:00"
        end: "09:00"
        activity: field-visit
        place: site
        steps:
          modules/one.md: [3]
"""


def module(name: str, activity: str = ACTIVITY, questions: int = 5, extra: str = "") -> str:
    checks = "".join(f'??? question "{n}. Question {n} of {name}?"\n    Answer {n} of {name}.\n\n'
                     for n in range(1, questions + 1))
    return (f"---\nid: {name}\ntitle: Module {name}\nsummary: A module.\nduration: 60\nsite_steps: [3]\n"
            f"level: beginner\ntest_questions: [1, 2]\n{extra}---\n\n"
            "## Learning objectives {#objectives}\n\n- peg a claim.\n\n"
            f"## Trainer activity {{#trainer-activity}}\n\n{activity}\n## Self-check {{#self-check}}\n\n{checks}"
            "## Key points {#key-points}\n\n- One.\n")


def tree(tmp_path: Path, changes: dict[str, str] | None = None) -> Path:
    files = clean_files()
    files["mkdocs.yml"] = MKDOCS_YML.replace("  - glossary.md\n", "  - glossary.md\n  - modules/one.md\n"
                                                                   "  - modules/two.md\n")
    files["data/ui.yml"] = (ROOT / "data" / "ui.yml").read_text(encoding="utf-8")   # the kit's strings
    files["docs/modules/one.md"] = module("one")
    files["docs/modules/two.md"] = module("two")
    files["data/programme.yml"] = PROGRAMME
    files.update(changes or {})
    shutil.copytree(ROOT / "print", tmp_path / "print")    # the stylesheets and fonts every PDF's key holds
    return write_tree(tmp_path, files)


def kit(root: Path, lang: str = "en", workshop: WorkshopSettings = WorkshopSettings()):
    config = load_site_config(root)
    return kit_for(config, load_tree(config), load_ui(root, "en"), lang, "https://example.org/", workshop)


def test_the_activity_is_cut_into_labelled_lines_steps_with_minutes_and_notes() -> None:
    activity = parse_activity(ACTIVITY)
    assert [label for label, _ in activity.labelled] == ["Time", "Materials", "Steps"]
    assert activity.materials == ("Materials", "stakes, string and a tape.")
    assert [(s.number, s.minutes) for s in activity.steps] == [(1, 10), (2, 20), (3, 15), (4, None)]
    assert "They place a notice board." in activity.steps[1].text        # a continuation line stays with its step
    assert activity.notes == ("Without a field visit, use photos.",)   # nothing the writer put there is dropped
    assert activity.minutes == 45
    translated = parse_activity(ACTIVITY.replace("**Materials:**", "**Zvinodiwa:**"))
    assert translated.materials[0] == "Zvinodiwa"                          # found by its place, not its word


def test_a_good_tree_gives_every_kit_part_and_no_finding(tmp_path: Path) -> None:
    source, jobs, problems = kit(tree(tmp_path), workshop=WorkshopSettings(("2027-03-01", "2027-03-02"), "Org", 10))
    assert problems == []
    names = [j.name for j in jobs]
    assert names == [kit_name("agenda", "en"), kit_name("guide", "en", "one"), kit_name("guide", "en", "two"),
                     *(kit_name(k, "en") for k in KIT_KINDS if k not in ("agenda", "guide"))]
    guide = next(j for j in jobs if j.name == kit_name("guide", "en", "one")).html
    assert "stakes, string and a tape." in guide and "Answer 5 of one." in guide
    rules = [html.escape(rule) for rule in numbered_strings(source.ui, "en", "kit_site_rule_")]
    assert rules and all(rule in guide for rule in rules)              # step 3 is on site
    two = next(j for j in jobs if j.name == kit_name("guide", "en", "two")).html
    assert rules[0] not in two                                          # the programme keeps two in class
    test = next(j for j in jobs if j.kind == "test").html
    assert [q in test for q in ("Question 1 of one", "Question 2 of one", "Question 1 of two")] == [True] * 3
    assert "Answer 1 of one" not in test and "Question 3 of one" not in test
    register = next(j for j in jobs if j.kind == "register").html
    assert register.count("<tr>") == 1 + 10 and "02/03/2027" in register
    certificate = next(j for j in jobs if j.kind == "certificate").html
    assert "Org" in certificate and "01/03/2027" in certificate


def test_the_test_asks_the_same_questions_in_a_translation(tmp_path: Path) -> None:
    sn = module("one").replace("Question", "Mubvunzo")
    root = tree(tmp_path, {"docs/sn/modules/one.md": sn})
    _, jobs, problems = kit(root, "sn")
    test = next(j for j in jobs if j.kind == "test").html
    assert not problems and "Mubvunzo 1 of one" in test and "Question 1 of two" in test   # two: the English page


@pytest.mark.parametrize("what, changes, code, path, line_of", [
    ("no numbered steps", {"docs/modules/two.md": module("two", "**Time:** 60 minutes.\n")},
     "PRINT003", "docs/modules/two.md", "## Trainer activity"),
    ("no self-check questions", {"docs/modules/two.md": module("two", questions=0)},
     "PRINT003", "docs/modules/two.md", "## Trainer activity"),
    ("a chosen question a translation lacks", {"docs/sn/modules/one.md": module("one", questions=1)},
     "PRINT006", "docs/modules/one.md", "test_questions:"),
])
def test_a_module_the_kit_cannot_use_is_a_finding_with_file_and_line(tmp_path: Path, what: str, changes: dict,
                                                                     code: str, path: str, line_of: str) -> None:
    root = tree(tmp_path, changes)
    _, jobs, problems = kit(root, "sn" if "translation" in what else "en")
    [problem] = [p for p in problems if p.code == code]
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    assert problem.path == path and lines[problem.line - 1].startswith(line_of), what
    assert problem.hint
    if "translation" in what:
        assert "docs/sn/modules/one.md has 1" in problem.message        # the page that lacks the question


def test_dates_that_do_not_match_the_programme_days_are_a_finding_of_the_kit_and_of_make_check(tmp_path: Path) -> None:
    root = tree(tmp_path)
    _, _, problems = kit(root, workshop=WorkshopSettings(("2027-03-01",)))
    [problem] = problems
    assert problem.code == "PROG018" and problem.path == "mkdocs.yml" and "2 days" in problem.message
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + 'extra:\n  academy:\n    workshop:\n'
                      '      dates: ["2027-03-01"]\n', encoding="utf-8")
    [found] = [f for f in check_tree(root).findings if f.code == "PROG018"]
    assert config.read_text(encoding="utf-8").splitlines()[found.line - 1].strip() == "workshop:"
    assert found.hint


def test_a_broken_programme_makes_no_kit_and_says_why(tmp_path: Path) -> None:
    root = tree(tmp_path, {"data/programme.yml": PROGRAMME.replace('end: "09:00", module', 'end: 9:00, module')})
    source, jobs, problems = kit(root)
    assert source is None and jobs == [] and problems and problems[0].code == "PROG002" and problems[0].line == 5


def test_make_check_names_an_activity_without_steps_and_a_bad_test_question(tmp_path: Path) -> None:
    root = tree(tmp_path, {"docs/modules/two.md": module("two", "**Time:** 60 minutes.\n",
                                                         extra="").replace("[1, 2]", "[1, 9]")})
    found = {f.code: f for f in check_tree(root).findings if f.code in ("MOD023", "MOD024")}
    lines = (root / "docs/modules/two.md").read_text(encoding="utf-8").splitlines()
    assert lines[found["MOD023"].line - 1].startswith("## Trainer activity")
    assert lines[found["MOD024"].line - 1].startswith("test_questions:") and "question 9" in found["MOD024"].message


@pytest.mark.parametrize("workshop", [{"dates": ["2027-3-1"]}, {"dates": ["2027-03-02", "2027-03-01"]},
                                      {"dates": "2027-03-01"}, {"participants": 0}, {"when": "March"}])
def test_bad_workshop_settings_are_refused_with_the_line(tmp_path: Path, workshop: dict) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nextra:\n  academy:\n    workshop: {}\n", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_settings(tmp_path, {"academy": {"workshop": workshop}})
    assert refused.value.finding.code == "CONF012" and refused.value.finding.line == 4 and refused.value.finding.hint


def blank_pdf(path: Path, pages: int, landscape: bool = False) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*((842, 595) if landscape else (595, 842)))
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_the_pack_merge_is_reproducible_dated_only_by_source_date_epoch(tmp_path: Path, monkeypatch) -> None:
    """Blank PDFs stand in for rendered parts: the merge itself needs no WeasyPrint."""
    from pypdf import PdfReader

    from asm_academy.printing.trainer_pack import PackPart, merge, outline, source_date

    front = blank_pdf(tmp_path / "front.pdf", 2)
    parts = [PackPart("agenda", "", "Agenda", blank_pdf(tmp_path / "a.pdf", 1), 1, "a"),
             PackPart("guide", "one", "One", blank_pdf(tmp_path / "g1.pdf", 3), 3, "g1"),
             PackPart("guide", "two", "Two", blank_pdf(tmp_path / "g2.pdf", 2), 2, "g2"),
             PackPart("certificate", "", "Certificate", blank_pdf(tmp_path / "c.pdf", 1, True), 1, "c")]
    stamps = blank_pdf(tmp_path / "stamps.pdf", 9)
    starts = [3, 4, 7, 9]

    class Ui:
        def get(self, lang, key, **values):
            return {"kit_pack_guides": "Guides"}.get(key, key)

    class Source:
        lang, ui = "en", Ui()

    entries = outline(parts, starts, Source())
    assert entries == [("Agenda", 3, []), ("Guides", 4, [("One", 4), ("Two", 7)]), ("Certificate", 9, [])]
    key = "ab" * 32
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = merge(front, parts, stamps, entries, "Contents", "T", "P", source_date(), key)
    assert undated == merge(front, parts, stamps, entries, "Contents", "T", "P", source_date(), key)
    (tmp_path / "undated.pdf").write_bytes(undated)
    reader = PdfReader(tmp_path / "undated.pdf")
    assert len(reader.pages) == 9 and "/CreationDate" not in reader.metadata
    assert [o.title for o in reader.outline if not isinstance(o, list)] == ["Contents", "Agenda", "Guides",
                                                                               "Certificate"]
    assert float(reader.pages[8].mediabox.width) > float(reader.pages[8].mediabox.height)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    dated = merge(front, parts, stamps, entries, "Contents", "T", "P", source_date(), key)
    (tmp_path / "dated.pdf").write_bytes(dated)
    assert PdfReader(tmp_path / "dated.pdf").metadata["/CreationDate"] == "D:20270115080000Z"
