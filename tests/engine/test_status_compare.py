"""The pull request's job summary: what it changes in review progress, per language, against the base."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from asm_academy.source.findings import ContentError
from asm_academy.translation.review import record_review, stamp_sections
from asm_academy.translation.status_compare import compare, format_comparison, read_status_json
from asm_academy.translation.status_report import build_report
from doctrees import clean_files, write_tree

SN, EN = "docs/sn/topics/alpha.md", "docs/topics/alpha.md"


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asm_academy", "--root", str(root), *args], cwd=root,
                          capture_output=True, text=True)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "repo", clean_files())
    stamp_sections(root / SN, root / EN, SN)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root


def test_reviewing_sections_shows_before_and_after_per_language_and_page(root: Path) -> None:
    base = build_report(root, with_changes=False).to_json()
    record_review(root / SN, root / EN, SN, "Rudo | M", ["walls", "next"], on="2026-12-01")
    result = compare(base, build_report(root, with_changes=False).to_json())
    sn = next(l for l in result.languages if l.code == "sn")
    nd = next(l for l in result.languages if l.code == "nd")
    assert (sn.before.sections_reviewed, sn.after.sections_reviewed, sn.after.sections) == (0, 2, 3)
    assert sn.name == "chiShona" and not nd.changed
    [page] = result.pages
    assert (page.lang, page.page, page.reviewed_before, page.reviewed_after, page.new_reviewers) == \
        ("sn", "topics/alpha.md", 0, 2, ("Rudo | M",))
    text = format_comparison(result)
    assert "| chiShona | 0 → **2** (+2) of 3 |" in text and "| isiNdebele | 0 of 0 |" in text
    assert "`topics/alpha.md`" in text and "Rudo \\| M" in text           # a name cannot break the table


def test_an_english_edit_shows_the_page_going_outdated(root: Path) -> None:
    record_review(root / SN, root / EN, SN, "Rudo")
    base = build_report(root, with_changes=False).to_json()
    english = root / EN
    english.write_text(english.read_text(encoding="utf-8").replace("Back", "Go back"), encoding="utf-8")
    result = compare(base, build_report(root, with_changes=False).to_json())
    [page] = result.pages
    assert (page.state_before, page.state_after, page.reviewed_before, page.reviewed_after) == ("reviewed", "outdated", 3, 2)
    assert "reviewed → outdated" in format_comparison(result)


def test_no_change_says_so(root: Path) -> None:
    report = build_report(root, with_changes=False).to_json()
    assert "No change in review progress" in format_comparison(compare(report, report))


def test_command_compares_with_a_base_report_and_with_a_git_revision(root: Path, tmp_path: Path) -> None:
    base_json = tmp_path / "base.json"
    assert run(root, "status", "--json", str(base_json)).returncode == 0
    record_review(root / SN, root / EN, SN, "Rudo", ["walls"])
    for option in (("--compare", str(base_json)), ("--base", "main")):
        result = run(root, "status", "--json", str(tmp_path / "head.json"), *option)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("## Review progress in this pull request") and "0 → **1** (+1) of 3" in result.stdout
    assert "docs/sn/topics/alpha.md" in subprocess.run(["git", "-C", str(root), "status", "--short"],
                                                       capture_output=True, text=True).stdout   # nothing else touched


def test_a_bad_base_is_a_clear_error(root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"pages": [', encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        read_status_json(bad)
    assert exc.value.finding.code == "STATUS002" and exc.value.finding.line == 1
    bad.write_text(json.dumps({"totals": {}}), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        read_status_json(bad)
    assert exc.value.finding.code == "STATUS003"
    for option in (("--compare", str(tmp_path / "nowhere.json")), ("--base", "no-such-branch")):
        result = run(root, "status", *option)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert ("STATUS001" if option[0] == "--compare" else "STATUS004") in result.stderr
