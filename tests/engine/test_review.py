"""Section-level review: a fluent speaker reviews a section at a time; an English edit makes only
the sections it touched outdated."""
from __future__ import annotations

from pathlib import Path

import pytest

from asm_academy.source.doctree import load_tree
from asm_academy.source.findings import ContentError
from asm_academy.source.frontmatter import split_page
from asm_academy.source.site_config import load_site_config
from asm_academy.translation.freshness import page_statuses
from asm_academy.translation.review import record_review, stamp_sections
from asm_academy.translation.sections import section_hashes
from doctrees import ALPHA, clean_files, write_tree

SN = "docs/sn/topics/alpha.md"
EN = "docs/topics/alpha.md"


def status(root: Path):
    statuses, problems = page_statuses(load_tree(load_site_config(root)), with_changes=False)
    return next(s for s in statuses if (s.lang, s.rel) == ("sn", "topics/alpha.md")), problems


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = write_tree(tmp_path, clean_files())
    stamp_sections(root / SN, root / EN, SN)
    return root


def body(root: Path) -> str:
    return split_page((root / SN).read_text(encoding="utf-8"), SN).body


def test_stamp_records_every_section_and_keeps_the_page_text(root: Path) -> None:
    page = split_page((root / SN).read_text(encoding="utf-8"), SN)
    assert set(page.meta["translation"]["sections"]) == set(section_hashes(ALPHA)) == {"_top", "walls", "next"}
    got, problems = status(root)
    assert problems == [] and got.state == "draft" and (got.progress.reviewed, got.progress.total) == (0, 3)


def test_reviewing_some_sections_then_all_makes_the_page_reviewed(root: Path) -> None:
    before = body(root)
    record_review(root / SN, root / EN, SN, "Tendai Moyo", ["walls"], "2026-12-03")
    got, _ = status(root)
    assert got.state == "draft" and got.progress.reviewed == 1 and got.progress.reviewers == ("Tendai Moyo",)
    record_review(root / SN, root / EN, SN, "Rudo Ncube", None, "2026-12-04")
    got, problems = status(root)
    assert problems == [] and got.state == "reviewed" and got.progress.reviewed == 3
    assert set(got.record.reviewed_by) == {"Tendai Moyo", "Rudo Ncube"}
    assert body(root) == before, "a review must never touch the page's text"


def test_an_english_edit_makes_only_its_section_outdated(root: Path) -> None:
    record_review(root / SN, root / EN, SN, "Tendai Moyo", None, "2026-12-03")
    english = root / EN
    english.write_text(ALPHA.replace("Back [home]", "Go back [home]"), encoding="utf-8")
    got, _ = status(root)
    assert got.state == "outdated" and got.progress.outdated == ["next"] and got.progress.reviewed == 2
    assert got.changes[:1] == ["changed: #next"]
    # re-wrapping a paragraph changes nothing
    english.write_text(ALPHA.replace("Look at the", "Look\nat   the"), encoding="utf-8")
    got, _ = status(root)
    assert got.state == "reviewed"


def test_a_review_refuses_unknown_sections_and_changed_english(root: Path) -> None:
    with pytest.raises(ContentError) as unknown:
        record_review(root / SN, root / EN, SN, "T", ["wals"])
    assert unknown.value.finding.code == "REVIEW003" and "walls" in unknown.value.finding.hint
    (root / EN).write_text(ALPHA.replace("Back [home]", "Go back [home]"), encoding="utf-8")
    with pytest.raises(ContentError) as stale:
        record_review(root / SN, root / EN, SN, "T", ["next"])
    assert stale.value.finding.code == "REVIEW004" and "`next`" in stale.value.finding.message
    with pytest.raises(ContentError) as nameless:
        record_review(root / SN, root / EN, SN, "  ")
    assert nameless.value.finding.code == "REVIEW001"


def test_stamping_after_an_english_edit_keeps_reviews_of_unchanged_sections_only(root: Path) -> None:
    record_review(root / SN, root / EN, SN, "Tendai Moyo", None, "2026-12-03")
    (root / EN).write_text(ALPHA.replace("Back [home]", "Go back [home]"), encoding="utf-8")
    stamp_sections(root / SN, root / EN, SN)
    got, _ = status(root)
    assert got.state == "draft" and got.progress.reviewed == 2 and got.progress.outdated == []


@pytest.mark.parametrize("edit,code", [
    (lambda t: t.replace("    walls: {source: ", "    wals: {source: "), "FRESH007"),
    (lambda t: t.replace("reviewed_on: 2026-12-03", "reviewed_on: 3 December", 1), "FRESH008"),
    (lambda t: t.replace("    next: {source: ", "    next: {source: zz"), "FRESH006"),
])
def test_a_hand_edited_record_that_is_wrong_names_its_line(root: Path, edit, code: str) -> None:
    record_review(root / SN, root / EN, SN, "Tendai Moyo", None, "2026-12-03")
    text = (root / SN).read_text(encoding="utf-8")
    (root / SN).write_text(edit(text), encoding="utf-8")
    _, problems = status(root)
    assert [p.code for p in problems] == [code] and problems[0].path == SN and problems[0].line > 1


def test_the_command_records_a_review_and_explains_refusals(root: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "asm_academy", "review", "record", *args], cwd=root,
                              capture_output=True, text=True)
    ok = run(SN, "--by", "Tendai Moyo", "--sections", "walls")
    assert ok.returncode == 0 and "1 of 3 reviewed" in ok.stdout
    bad = run(SN, "--by", "Tendai Moyo", "--sections", "nope")
    assert bad.returncode == 1 and "REVIEW003" in bad.stderr and "Traceback" not in bad.stderr
    english = run(EN, "--by", "X")
    assert english.returncode == 2 and "not a translated page" in english.stderr


def test_findings_become_github_annotations_with_file_and_line() -> None:
    from asm_academy.source.findings import Finding, github_annotation
    line = github_annotation(Finding("docs/a,b.md", 7, "LINK001", "50% broken\nlink", "Fix: it."))
    assert line == "::error file=docs/a%2Cb.md,line=7,title=LINK001::50%25 broken%0Alink -- Fix: it."


def test_a_suggestion_link_follows_each_section_heading_and_names_page_and_section() -> None:
    from urllib.parse import parse_qs, urlsplit

    from asm_academy.translation.suggest import with_suggestion_links

    page = '<h2 id="walls">Madziro</h2><p>Text</p><h2 id="next">Zvinotevera</h2><p>More</p>'
    out = with_suggestion_links(page, "https://github.com/o/r", "sn", "docs/sn/topics/alpha.md", "Kurudzirai")
    links = [l.replace("&amp;", "&") for l in __import__("re").findall(r'href="([^"]+)" data-suggest', out)]
    assert len(links) == 2
    query = parse_qs(urlsplit(links[1]).query)
    assert query["template"] == ["translation-suggestion.yml"] and query["section"] == ["next"]
    assert query["page"] == ["docs/sn/topics/alpha.md"] and query["language"] == ["sn"]
    assert urlsplit(links[0]).path == "/o/r/issues/new"


def test_the_issue_form_has_the_fields_the_links_fill_in() -> None:
    import yaml
    from conftest import ROOT
    from asm_academy.translation.suggest import TEMPLATE

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / TEMPLATE).read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}
    assert {"language", "page", "section", "current", "suggestion", "name"} <= ids


def test_the_default_languages_worker_leaves_the_other_languages_folders_alone() -> None:
    from asm_academy.web.offline import OfflineBundle, service_worker
    worker = service_worker(OfflineBundle("en", "abc", [], 0), ["sn/", "nd/"])
    assert 'const OTHERS = ["sn/", "nd/"];' in worker and "__ASM_" not in worker
    assert 'const OTHERS = [];' in service_worker(OfflineBundle("sn", "abc", [], 0))
