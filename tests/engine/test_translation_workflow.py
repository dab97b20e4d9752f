"""Translator workflow: freshness records, outdated detection, status report, termbase, new languages."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from asm_academy.source.doctree import load_tree
from asm_academy.translation.freshness import page_statuses, source_hash
from asm_academy.source.site_config import load_site_config
from asm_academy.translation.status_report import build_report, format_markdown, format_text
from asm_academy.content.termbase import load_termbase
from doctrees import ALPHA, clean_files, record, write_tree


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"})


def states(root: Path) -> dict[tuple[str, str], str]:
    statuses, problems = page_statuses(load_tree(load_site_config(root)))
    assert not problems
    return {(s.lang, s.rel): s.state for s in statuses}


def test_whitespace_only_edits_keep_the_hash() -> None:
    assert source_hash(ALPHA) == source_hash(ALPHA.replace("Look at the", "Look  at\nthe") + "\n\n")
    assert source_hash(ALPHA) != source_hash(ALPHA.replace("Look at the", "Look at this"))
    assert source_hash(ALPHA) != source_hash(ALPHA.replace("title: Alpha", "title: Beta"))


def test_editing_english_makes_translation_outdated_and_shows_what_changed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    assert states(root)[("sn", "topics/alpha.md")] == "draft"
    english = root / "docs" / "topics" / "alpha.md"
    english.write_text(ALPHA.replace("Back [home]", "Go back [home]"), encoding="utf-8")
    git(root, "commit", "-qam", "edit English")
    statuses, _ = page_statuses(load_tree(load_site_config(root)))
    [alpha] = [s for s in statuses if (s.lang, s.rel) == ("sn", "topics/alpha.md")]
    assert alpha.state == "outdated"
    assert any("Next #next" in line for line in alpha.changes), alpha.changes
    assert any("Go back" in line for line in alpha.changes)
    # the translator updates the page and stamps it: current again, without touching the English
    from asm_academy.translation.review import stamp_sections
    stamp_sections(root / "docs" / "sn" / "topics" / "alpha.md", english, "docs/sn/topics/alpha.md")
    assert states(root)[("sn", "topics/alpha.md")] == "draft"


def test_outdated_without_history_says_so(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    (root / "docs" / "topics" / "alpha.md").write_text(ALPHA + "\nMore.\n", encoding="utf-8")
    statuses, _ = page_statuses(load_tree(load_site_config(root)))
    [alpha] = [s for s in statuses if s.rel == "topics/alpha.md" and s.lang == "sn"]
    assert alpha.state == "outdated" and "not in this clone's git history" in alpha.changes[0]


def test_status_report_covers_every_state(tmp_path: Path) -> None:
    files = clean_files()
    sn = files["docs/sn/topics/alpha.md"]
    files["docs/nd/topics/alpha.md"] = sn.replace("status: draft", "status: reviewed").replace(
        "reviewed_by: []", "reviewed_by: [Fluent Reviewer]")
    files["docs/sn/index.md"] = "---\n" + record("stale English text") + "title: Kumba\n---\n\nMhoro.\n"
    root = write_tree(tmp_path, files)
    report = build_report(root)
    got = {(p.lang, p.rel): p.state for p in report.pages}
    assert got[("nd", "topics/alpha.md")] == "reviewed"
    assert got[("sn", "topics/alpha.md")] == "draft"
    assert got[("sn", "index.md")] == "outdated"
    assert got[("sn", "glossary.md")] == "missing"
    totals = report.totals()
    assert dict(totals["sn"]) == {"reviewed": 0, "draft": 1, "outdated": 1, "missing": 1}
    text = format_text(report)
    assert re.search(r"✓ reviewed +topics/alpha\.md +\(Fluent Reviewer\)", text) and "! outdated" in text
    assert "| chiShona | 0 | 1 | 1 | 1 |" in format_markdown(report)
    data = report.to_json()
    assert data["totals"]["nd"]["reviewed"] == 1 and len(data["pages"]) == 6


def test_malformed_freshness_record_names_file_and_line(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/sn/topics/alpha.md"] = files["docs/sn/topics/alpha.md"].replace("status: draft", "status: done")
    root = write_tree(tmp_path, files)
    found = [(f.path, f.line, f.code) for f in check_tree(root).findings]
    assert ("docs/sn/topics/alpha.md", 2, "FRESH004") in found


@pytest.mark.parametrize("text,line,code", [
    ("terms:\n  - id: pit\n    en: {term: pit}\n", 3, "TERM006"),
    ("terms:\n  - id: pit\n    en: {term: pit, definition: x}\n    sn: {term: a, definition: b, status: final}\n",
     4, "TERM007"),
    ("terms:\n  - id: pit\n    en: {term: pit, definition: x}\n  - id: pit\n    en: {term: pit, definition: x}\n",
     4, "TERM004"),
    ("terms:\n  - id: pit\n    en: {term: pit, definition: x}\n    fr: {term: a, definition: b}\n", 4, "TERM008"),
    ("terms:\n  - id: pit\n    en: [term, pit\n", 4, "YAML001"),
    ("words: []\n", 1, "TERM001"),
])
def test_termbase_errors_name_the_line(tmp_path: Path, text: str, line: int, code: str) -> None:
    path = tmp_path / "data" / "termbase.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    _, problems = load_termbase(tmp_path, ["en", "sn", "nd"])
    errors = [(p.path, p.line, p.code) for p in problems if p.severity == "error"]
    assert errors[:1] == [("data/termbase.yml", line, code)]
