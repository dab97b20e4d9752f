"""Every payload of the corpus is refused by `make check`, with the file, the line and what it is."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asm_academy.checks.html_safety import sanitised, unsafe_parts
from asm_academy.checks.tree_checks import check_tree
from doctrees import clean_files, write_tree
from payloads import IN_PAGES

SAFETY_CODES = {"SAFE003", "SAFE004", "SAFE010"}


@pytest.mark.parametrize("payload", IN_PAGES)
def test_each_payload_is_an_error_naming_its_line(tmp_path: Path, payload: str) -> None:
    page = "---\ntitle: Home\n---\n\nWelcome.\n\n" + payload + "\n"
    root = write_tree(tmp_path, {**clean_files(), "docs/index.md": page})
    found = [f for f in check_tree(root).findings if f.code in SAFETY_CODES and f.path == "docs/index.md"]
    assert found, f"not refused: {payload!r}"
    first_payload_line = 7
    assert all(first_payload_line <= f.line <= first_payload_line + payload.count("\n") for f in found), \
        [(f.line, f.message) for f in found]


def test_what_the_course_needs_passes() -> None:
    ok = ('<p>Text <strong>bold</strong> <a href="../safety/#ppe" title="t">link</a> <a href="https://ex.org/">x</a>'
          '<img alt="pit" src="../assets/pit.svg"></p><details class="question"><summary>Q</summary><p>A</p></details>'
          '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
          '<input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> done</li></ul>'
          '<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>')
    assert unsafe_parts(ok) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list('<>"\'=/ abcdeimnoprstvx:;()&#{}`*![]-\n')), max_size=60))
def test_whatever_is_written_either_passes_unchanged_or_is_refused(text: str) -> None:
    """For any input: the sanitiser keeps the page as it is, or the check names what it would remove."""
    from asm_academy.source.render import renderer
    from asm_academy.source.site_config import load_site_config
    from conftest import ROOT

    html = _render(ROOT)(text)
    if not unsafe_parts(html):
        from asm_academy.checks.html_safety import _tokens
        assert _tokens(sanitised(html)) == _tokens(html)


_RENDER = {}


def _render(root: Path):
    if root not in _RENDER:
        from asm_academy.source.render import renderer
        from asm_academy.source.site_config import load_site_config
        _RENDER[root] = renderer(load_site_config(root))
    return _RENDER[root]


EVIL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">\n<circle r="4"/>\n'
            '<script>window.__pwned=1</script>\n</svg>')


@pytest.mark.parametrize("name,content,code,line", [
    ("docs/assets/unused.svg", EVIL_SVG, "IMG004", 3),                       # not linked from any page
    ("docs/assets/anim.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<set attributeName="x" onbegin="x()"/>\n</svg>',
     "IMG004", 2),
    ("docs/assets/ent.svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "IMG004", 1),
    ("docs/assets/page.html", "<script>window.__pwned=1</script>", "FILE001", 0),
    ("docs/assets/app.js", "window.__pwned=1", "FILE001", 0),
    ("docs/assets/more.css", "body{background:url(https://evil.example/x)}", "FILE001", 0),
])
def test_every_published_file_is_checked(tmp_path: Path, name: str, content: str, code: str, line: int) -> None:
    root = write_tree(tmp_path, {**clean_files(), name: content})
    assert (name, line, code) in {(f.path, f.line, f.code) for f in check_tree(root).findings if f.severity == "error"}


def test_a_symbolic_link_is_refused_with_its_target(tmp_path: Path) -> None:
    root = write_tree(tmp_path, clean_files())
    (root / "docs" / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    (root / "docs" / "linked").symlink_to(root / "docs" / "topics")
    found = {f.path: f for f in check_tree(root).findings if f.code == "FILE002"}
    assert "/etc/passwd" in found["docs/assets/passwd.txt"].message and "docs/linked" in found


def test_a_key_written_twice_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    files = clean_files()
    files["data/termbase.yml"] = files["data/termbase.yml"].replace(
        "    sn: {term: mugodhi", "    sn: {term: gomba, definition: Gomba., status: draft}\n    sn: {term: mugodhi")
    files["docs/index.md"] = "---\ntitle: Home\nsummary: One.\ntitle: Again\n---\n\nWelcome.\n"
    found = {f.code: f for f in check_tree(write_tree(tmp_path, files)).findings}
    term = found["YAML002"]
    assert term.path == "data/termbase.yml" and "lines 4 and 5" in term.message and term.line == 5
    meta = found["META005"]
    assert meta.path == "docs/index.md" and meta.line == 4 and "2 and 4" in meta.message


def test_a_record_of_zeros_is_read_as_a_hash_not_a_number(tmp_path: Path) -> None:
    from asm_academy.translation.freshness import read_record
    record, problems = read_record({"translation": {"source_hash": 0, "status": "draft", "translated_by": ["A"],
                                                    "reviewed_by": []}}, {}, "x.md")
    assert problems == [] and record.source_hash == "000000000000"


def test_stamp_keeps_windows_line_endings_and_the_page_text(tmp_path: Path) -> None:
    from asm_academy.translation.freshness import source_hash
    from asm_academy.translation.review import stamp_sections
    english = tmp_path / "en.md"
    english.write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    page = tmp_path / "sn.md"
    page.write_bytes(b"---\r\ntranslation:\r\n  source_hash: 000000000000\r\n  status: draft\r\n"
                     b"  translated_by: [T]\r\n  reviewed_by: []\r\ntitle: A\r\n---\r\n\r\nZvinyorwa.\r\n")
    stamp_sections(page, english, "sn.md")
    raw = page.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"") and raw.endswith(b"title: A\r\n---\r\n\r\nZvinyorwa.\r\n")
    assert b"  source_hash: " + source_hash(english.read_text()).encode() + b"\r\n" in raw and b"  sections:\r\n" in raw


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_front_matter_is_read_without_raising_and_printed_as_text(title: str, summary: str) -> None:
    import html
    import json

    from asm_academy.source.frontmatter import split_page
    from asm_academy.web.escape import escaped_meta

    page = split_page(f"---\ntitle: {json.dumps(title)}\nsummary: {json.dumps(summary)}\n---\n\nBody.\n", "x.md")
    if page.problems:
        assert all(p.path == "x.md" and p.line >= 1 for p in page.problems)
        return
    shown = escaped_meta(page.meta)
    for key, value in (("title", title), ("summary", summary)):
        assert not any(c in shown[key] for c in '<>"') and html.unescape(shown[key]) == page.meta[key]
