"""The module structure check: every part a trainer and the handout rely on."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from conftest import ROOT, copy_repo
from course_facts import MODULES, stem

MODULE = MODULES[0]              # any module of the course will do: the checks are the same
SAFETY = f"docs/{MODULE}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("structure") / "repo")


def codes_after(repo: Path, edit) -> set[tuple[str, str]]:
    path = repo / SAFETY
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(edit(original), encoding="utf-8")
        return {(f.path, f.code) for f in check_tree(repo).findings}
    finally:
        path.write_text(original, encoding="utf-8")


def cut_section(text: str, sid: str) -> str:
    start = text.index(f"{{#{sid}}}")
    start = text.rindex("\n## ", 0, start) + 1
    end = text.find("\n## ", start + 3)
    return text[:start] + (text[end + 1:] if end > 0 else "")


@pytest.mark.parametrize("sid,code", [("key-points", "MOD010"), ("field-checklist", "MOD011"),
                                      ("trainer-activity", "MOD011"), ("sources", "MOD011")])
def test_missing_section_is_reported(repo: Path, sid: str, code: str) -> None:
    assert (SAFETY, code) in codes_after(repo, lambda t: cut_section(t, sid))


def test_too_few_questions(repo: Path) -> None:
    def drop_questions(text: str) -> str:
        head, rest = text.split("{#self-check}", 1)
        body, tail = rest.split("\n## ", 1)
        kept = body.split("??? question")[:3]
        return head + "{#self-check}" + "??? question".join(kept) + "\n## " + tail
    assert (SAFETY, "MOD015") in codes_after(repo, drop_questions)


def test_no_diagram(repo: Path) -> None:
    import re
    assert (SAFETY, "MOD019") in codes_after(repo, lambda t: re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", t))


def test_front_matter_keys(repo: Path) -> None:
    assert (SAFETY, "MOD001") in codes_after(repo, lambda t: t.replace("\nduration:", "\nlength:", 1))
    assert (SAFETY, "MOD002") in codes_after(repo, lambda t: t.replace(f"id: {stem(MODULE)}", "id: not-this-file", 1))


def test_unknown_glossary_term(repo: Path) -> None:
    first = re.search(r"glossary\.md#[\w-]+", (ROOT / SAFETY).read_text(encoding="utf-8")).group(0)
    found = codes_after(repo, lambda t: t.replace(first, "glossary.md#no-such-term"))
    assert (SAFETY, "MOD018") in found and (SAFETY, "LINK002") in found


def test_real_modules_have_every_part() -> None:
    findings = [f for f in check_tree(ROOT).findings if f.code.startswith("MOD")]
    assert findings == [], [f.format() for f in findings]


@pytest.mark.parametrize("lang", ["", "sn/", "nd/"])
def test_course_map_times_match_the_modules(lang: str) -> None:
    """The workshop plan and each module's `duration` must agree, in every language."""
    import re

    from asm_academy.source.frontmatter import split_page

    course_map = (ROOT / "docs" / lang / "modules" / "index.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\|\s*\d+\s*\|\s*\[[^\]]+\]\(([\w-]+)\.md\)\s*\|\s*\D*?(\d+)\D*?\|", course_map, re.M)
    assert rows and {f"modules/{m}.md" for m, _ in rows} <= set(MODULES), rows
    for module, minutes in rows:
        meta = split_page((ROOT / "docs" / lang / "modules" / f"{module}.md").read_text(encoding="utf-8"), module).meta
        assert meta["duration"] == int(minutes), f"{lang}{module}: course map {minutes}, module {meta['duration']}"
