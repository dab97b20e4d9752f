"""The command line a translator uses: clear messages and exit codes, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from doctrees import clean_files, write_tree


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asm_academy", "--root", str(root), *args], cwd=root,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})


def test_check_exits_nonzero_and_groups_findings_by_file(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/index.md"] = "---\ntitle: Home\n---\n\n[a](nowhere.md) [b](topics/alpha.md#nope)\n"
    root = write_tree(tmp_path, files)
    result = run(root, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "docs/index.md"
    assert lines[1].startswith("  line 5: error LINK001") and "hint:" in lines[2]
    assert "1 errors" not in result.stdout and "2 errors" in result.stdout
    assert "Traceback" not in result.stderr


def test_clean_tree_exits_zero(tmp_path: Path) -> None:
    result = run(write_tree(tmp_path, clean_files()), "check")
    assert result.returncode == 0 and "0 errors" in result.stdout


def test_broken_mkdocs_yml_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    files = clean_files()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("docs_dir: docs", "docs_dir: [docs")
    result = run(write_tree(tmp_path, files), "check")
    assert result.returncode == 1 and "mkdocs.yml" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_stamp_refuses_english_pages_and_pages_without_a_record(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/sn/index.md"] = "---\ntitle: Kumba\n---\n\nMhoro.\n"
    root = write_tree(tmp_path, files)
    english = run(root, "stamp", "docs/index.md")
    assert english.returncode == 2 and "not a translated page" in english.stderr
    no_record = run(root, "stamp", "docs/sn/index.md")
    assert no_record.returncode == 1 and "docs/sn/index.md:1:" in no_record.stderr and "FRESH001" in no_record.stderr
    ok = run(root, "stamp", "docs/sn/topics/alpha.md")
    assert ok.returncode == 0 and "source_hash" in ok.stdout
    for result in (english, no_record, ok):
        assert "Traceback" not in result.stderr


def test_status_always_exits_zero_and_reports_problems(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/nd/topics/alpha.md"] = "---\ntitle: x\n---\n"
    result = run(write_tree(tmp_path, files), "status")
    assert result.returncode == 0
    assert "FRESH001" in result.stdout and "missing" in result.stdout
    assert "no valid translation record" in result.stdout and "nd: 0 reviewed, 1 draft" in result.stdout
