"""Bad input of every kind: one clear message with file, line and what to do, a non-zero exit,
never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from asm_academy.checks.tree_checks import check_tree
from doctrees import clean_files, write_tree


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asm_academy", *args], cwd=cwd, capture_output=True, text=True)


def test_a_file_that_is_not_utf8_names_itself_and_its_line(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    (root / "docs" / "index.md").write_bytes("---\ntitle: Home\n---\n\nCaf\xe9 au lait.\n".encode("latin-1"))
    [finding] = check_tree(root).findings
    assert (finding.path, finding.line, finding.code) == ("docs/index.md", 5, "ENC001") and "UTF-8" in finding.hint
    result = cli(root, "check")
    assert result.returncode == 1 and "docs/index.md\n  line 5: error ENC001" in result.stdout and "Traceback" not in result.stderr


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    files = clean_files()
    root = write_tree(tmp_path, files)
    (root / "docs" / "index.md").write_bytes(b"\xef\xbb\xbf" + files["docs/index.md"].encode("utf-8"))
    assert [f for f in check_tree(root).findings if f.severity == "error"] == []


def test_command_line_mistakes_get_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", clean_files())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, args, says in [
        (elsewhere, ("stamp", "x.md"), "no mkdocs.yml here"),
        (root, ("stamp", "docs/sn"), "is a folder"),
        (root, ("status", "--json", "docs"), "is a folder"),
        (root, ("check", "--external-links", "docs"), "is a folder"),
        (root, ("stamp", "docs/index.md"), "not a translated page"),
    ]:
        result = cli(cwd, *args)
        assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr, (args, result)
    assert not (elsewhere / ".cache").exists()


def test_a_broken_data_file_is_named_first_and_its_follow_on_errors_counted(tmp_path: Path) -> None:
    files = clean_files()
    pages = {f"docs/topics/t{n}.md": f"---\ntitle: T{n}\n---\n\nSee the [pit](../glossary.md#pit).\n" for n in range(12)}
    files["data/termbase.yml"] = "terms:\n  - id: pit\n    en: {term: pit\n"
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - glossary.md\n", "  - glossary.md\n" + "".join(
        f"  - {name[5:]}\n" for name in pages))
    found = check_tree(write_tree(tmp_path, {**files, **pages})).findings
    errors = [f for f in found if f.severity == "error"]
    assert errors[0].path == "data/termbase.yml" and errors[0].code == "YAML001"
    assert errors[1].code == "MORE001" and "YAML001" in errors[1].hint and len(errors) == 2


def test_a_glossary_gap_is_a_warning_and_a_huge_page_is_too(tmp_path: Path) -> None:
    files = clean_files()
    files["data/termbase.yml"] = files["data/termbase.yml"].replace(
        "    nd: {term: umgodi, definition: Umgodi ogebhiweyo., status: draft}\n", "")
    files["docs/index.md"] = files["docs/index.md"] + ("Words. " * 20000) + "\n"
    warnings = {(f.path, f.code) for f in check_tree(write_tree(tmp_path, files)).findings if f.severity == "warning"}
    assert ("data/termbase.yml", "TERM009") in warnings and ("docs/index.md", "SIZE001") in warnings


def test_make_bench_with_a_part_it_does_not_know_says_which_parts_exist() -> None:
    from asm_academy.tools.bench import main
    assert main(["nonsense"]) == 2


def test_an_empty_module_says_so_once(tmp_path: Path) -> None:
    files = clean_files()
    files["docs/modules/empty.md"] = "---\ntitle: Empty\n---\n\n"
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - glossary.md\n", "  - glossary.md\n  - modules/empty.md\n")
    found = [f for f in check_tree(write_tree(tmp_path, files)).findings if f.path == "docs/modules/empty.md"]
    assert [f.code for f in found if f.severity == "error"] == ["MOD000"] and "empty" in found[0].message


def test_lang_instead_of_locale_in_mkdocs_yml_names_the_line(tmp_path: Path) -> None:
    files = clean_files()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("        - locale: nd", "        - lang: nd")
    found = [f for f in check_tree(write_tree(tmp_path, files)).findings if f.code == "I18N010"]
    assert found and found[0].path == "mkdocs.yml"
    assert found[0].line == files["mkdocs.yml"].splitlines().index("        - lang: nd") + 1
    result = cli(tmp_path, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
