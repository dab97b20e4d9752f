"""PO export and import: a translator's tool sees one string per block, and what comes back lands in
exactly the span it came from, or nothing is written at all."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import polib
import pytest

from asm_academy.cli import main
from asm_academy.source.findings import ContentError
from asm_academy.translation.po_files import PAGE, PAGE_HASH, export_language, import_folder, page_hash
from asm_academy.translation.po_segments import align
from asm_academy.translation.review import record_review, stamp_sections
from doctrees import clean_files, record, write_tree

RICH_EN = textwrap.dedent("""\
    ---
    title: "Rich: a page"
    summary: Every kind of block a module uses.
    ---

    Opening words before the first section.

    ## Walls and water {#walls}

    Look at the [pit](../glossary.md#pit) wall
    every morning.  

    - first item, which goes
      on a second line;
    - [second](alpha.md#next) item.

    1. one
    2. two

    ### A smaller heading {#smaller}

    | Hazard | Control |
    |---|---|
    | Dust | Wet the `a|b` rock |

    !!! warning "Before you dig"
        Check the wall. See [next](#next).

    ```
    code stays as it is
    ```

    - [ ] ticked every day

    ## Next {#next}

    Back [home](../index.md){ .button }.
    """)

RICH_SN = textwrap.dedent("""\
    ---
    TRANSLATION
    title: "Rich: peji"
    summary: Zvikamu zvese.
    ---

    Mazwi ekutanga.

    ## Madziro nemvura {#walls}

    Tarisa [mugodhi](../glossary.md#pit) madziro
    mangwanani ega ega.  

    - chinhu chekutanga, chinoenda
      pamutsetse wechipiri;
    - [chechipiri](alpha.md#next) chinhu.

    1. imwe
    2. mbiri

    ### Musoro mudiki {#smaller}

    | Njodzi | Kudzivirira |
    |---|---|
    | Guruva | Nyorovesa `a|b` dombo |

    !!! warning "Usati wachera"
        Tarisa madziro. Ona [zvinotevera](#next).

    ```
    code stays as it is
    ```

    - [ ] zvinoitwa zuva rega rega

    ## Zvinotevera {#next}

    Dzokera [kumba](../index.md){ .button }.
    """)

SN = "docs/sn/topics/rich.md"


def tree(tmp_path: Path, crlf: bool = False) -> Path:
    files = clean_files()
    files["docs/topics/rich.md"] = RICH_EN
    files[SN] = RICH_SN.replace("TRANSLATION\n", record(RICH_EN))
    root = write_tree(tmp_path / "repo", files)
    stamp_sections(root / SN, root / "docs/topics/rich.md", SN)
    if crlf:
        page = root / SN
        page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    return root


def pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "docs").rglob("*.md"))}


def entries(po_path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(po_path))}


def edit(po_path: Path, changes: dict[str, str]) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgctxt in changes:
            entry.msgstr = changes[entry.msgctxt]
    po.save(str(po_path))


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return tree(tmp_path)


def test_export_writes_one_file_per_translated_page_with_a_header_naming_it(root: Path, tmp_path: Path) -> None:
    result = export_language(root, "sn", tmp_path / "po")
    assert sorted(p.po.relative_to(tmp_path / "po").as_posix() for p in result.pages) == ["topics/alpha.po", "topics/rich.po"]
    assert "docs/index.md" in result.untranslated
    po = polib.pofile(str(tmp_path / "po/topics/rich.po"))
    assert po.metadata["Language"] == "sn" and po.metadata[PAGE] == SN
    assert po.metadata[PAGE_HASH] == page_hash((root / SN).read_bytes())


def test_each_block_is_one_entry_with_the_section_id_as_context(root: Path, tmp_path: Path) -> None:
    export_language(root, "sn", tmp_path / "po")
    got = {k: (e.msgid, e.msgstr) for k, e in entries(tmp_path / "po/topics/rich.po").items()}
    assert got["_top/title"] == ("Rich: a page", "Rich: peji")
    assert got["_top/1"] == ("Opening words before the first section.", "Mazwi ekutanga.")
    assert got["walls/1"] == ("Walls and water", "Madziro nemvura")       # the {#id} stays out of the string
    assert got["walls/2"] == ("Look at the [pit](../glossary.md#pit) wall\nevery morning.  ",
                              "Tarisa [mugodhi](../glossary.md#pit) madziro\nmangwanani ega ega.  ")
    assert got["walls/3"] == ("first item, which goes\non a second line;", "chinhu chekutanga, chinoenda\npamutsetse wechipiri;")
    assert got["walls/7"] == ("A smaller heading", "Musoro mudiki")
    assert got["walls/10"] == ("Dust", "Guruva") and got["walls/11"] == ("Wet the `a|b` rock", "Nyorovesa `a|b` dombo")
    assert got["walls/12"] == ("Before you dig", "Usati wachera")
    assert got["walls/13"] == ("Check the wall. See [next](#next).", "Tarisa madziro. Ona [zvinotevera](#next).")
    assert got["walls/14"] == ("ticked every day", "zvinoitwa zuva rega rega")
    assert not any("code stays" in msgid for msgid, _ in got.values())


def test_glossary_terms_the_entry_uses_are_notes_for_the_translator(root: Path, tmp_path: Path) -> None:
    export_language(root, "sn", tmp_path / "po")
    got = entries(tmp_path / "po/topics/rich.po")
    assert got["walls/2"].comment == "glossary: pit = mugodhi (draft)"
    assert got["walls/3"].comment == ""


def test_a_section_whose_shape_differs_is_one_entry(root: Path, tmp_path: Path) -> None:
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8").replace("Dzokera [kumba]", "Mutsara mutsva.\n\nDzokera [kumba]"),
                    encoding="utf-8")
    export_language(root, "sn", tmp_path / "po")
    got = entries(tmp_path / "po/topics/rich.po")
    assert "next/1" not in got
    assert got["next"].msgid == "## Next {#next}\n\nBack [home](../index.md){ .button }."
    assert got["next"].msgstr.startswith("## Zvinotevera {#next}\n\nMutsara mutsva.")


def test_entries_of_an_english_section_that_changed_are_fuzzy(root: Path, tmp_path: Path) -> None:
    english = root / "docs/topics/rich.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Back [home]", "Go back [home]"), encoding="utf-8")
    export_language(root, "sn", tmp_path / "po")
    got = entries(tmp_path / "po/topics/rich.po")
    assert "fuzzy" in got["next/2"].flags and "fuzzy" in got["next/1"].flags
    assert not any("fuzzy" in e.flags for k, e in got.items() if not k.startswith("next"))


@pytest.mark.parametrize("crlf", [False, True])
def test_export_then_import_without_change_writes_nothing(tmp_path: Path, crlf: bool) -> None:
    root = tree(tmp_path, crlf)
    before = pages(root)
    export_language(root, "sn", tmp_path / "po")
    result = import_folder(root, tmp_path / "po")
    assert result.findings == [] and result.written == [] and pages(root) == before


@pytest.mark.parametrize("crlf", [False, True])
def test_an_edited_entry_replaces_only_its_span(tmp_path: Path, crlf: bool) -> None:
    root = tree(tmp_path, crlf)
    before = (root / SN).read_bytes().decode("utf-8")
    export_language(root, "sn", tmp_path / "po")
    edit(tmp_path / "po/topics/rich.po", {
        "walls/1": "Madziro",
        "walls/3": "chinhu chitsva\nchine mitsara\nmitatu;",
        "walls/11": " Nyorovesa dombo ",
        "walls/12": "Mira",
        "_top/title": "Peji: yakapfuma",
        "_top/summary": "Zvese",
    })
    result = import_folder(root, tmp_path / "po")
    assert result.findings == [] and result.written == [SN]
    nl = "\r\n" if crlf else "\n"
    expected = (before.replace("## Madziro nemvura {#walls}", "## Madziro {#walls}")
                .replace(f"- chinhu chekutanga, chinoenda{nl}  pamutsetse wechipiri;",
                         f"- chinhu chitsva{nl}  chine mitsara{nl}  mitatu;")
                .replace("| Guruva | Nyorovesa `a|b` dombo |", "| Guruva | Nyorovesa dombo |")
                .replace('!!! warning "Usati wachera"', '!!! warning "Mira"')
                .replace('title: "Rich: peji"', 'title: "Peji: yakapfuma"')
                .replace("summary: Zvikamu zvese.", "summary: Zvese"))
    assert expected != before
    assert (root / SN).read_bytes().decode("utf-8") == expected


def test_import_keeps_the_review_records_and_names_reviewed_sections_it_reworded(root: Path, tmp_path: Path) -> None:
    record_review(root / SN, root / "docs/topics/rich.md", SN, "Tendai Moyo", ["walls"], "2026-12-03")
    front = (root / SN).read_text(encoding="utf-8").split("\n---\n")[0]
    export_language(root, "sn", tmp_path / "po")
    edit(tmp_path / "po/topics/rich.po", {"walls/2": "Tarisa [mugodhi](../glossary.md#pit)."})
    result = import_folder(root, tmp_path / "po")
    assert result.findings == [] and result.pages[1].reviewed_changed == ["walls"]
    assert (root / SN).read_text(encoding="utf-8").split("\n---\n")[0] == front


def test_an_empty_msgstr_keeps_the_page_text(root: Path, tmp_path: Path) -> None:
    before = pages(root)
    export_language(root, "sn", tmp_path / "po")
    edit(tmp_path / "po/topics/rich.po", {"walls/2": ""})
    result = import_folder(root, tmp_path / "po")
    assert result.findings == [] and pages(root) == before and result.pages[1].empty == 1


# --- bad input: each names the PO file and line, and nothing is written -------------------------------

def po_line(po_path: Path, key: str) -> int:
    return next(e.linenum for e in polib.pofile(str(po_path)) if e.msgctxt == key)


def refused(root: Path, folder: Path, before: dict[str, bytes]) -> list:
    result = import_folder(root, folder)
    assert result.written == [] and pages(root) == before, "a refused import must write nothing"
    return result.findings


@pytest.fixture()
def exported(root: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    folder = tmp_path / "po"
    export_language(root, "sn", folder)
    # a good change in the other file must not be written either when one file is refused
    edit(folder / "topics/alpha.po", {"walls/1": "Madziro makuru"})
    return root, folder, pages(root)


@pytest.mark.parametrize("key,msgstr,code", [
    ("walls/2", "Tarisa [mugodhi](../glossary.md#pits) madziro", "PO007"),       # a link target changed
    ("walls/2", "Tarisa mugodhi madziro", "PO007"),                                 # a link dropped
    ("walls/1", "Madziro\nnemvura", "PO009"),                                       # a heading on two lines
    ("walls/2", "Tarisa [mugodhi](../glossary.md#pit).\n\n## Mutsva", "PO009"),     # a new block in a paragraph
    ("walls/11", "Nyorovesa | dombo", "PO009"),                                     # a bar splits the cell
    ("walls/1", "Madziro {#madziro}", "PO008"),                                     # a new id on a heading
])
def test_an_entry_that_breaks_the_page_is_refused_at_its_line(exported, key: str, msgstr: str, code: str) -> None:
    root, folder, before = exported
    po_path = folder / "topics/rich.po"
    edit(po_path, {key: msgstr})
    findings = refused(root, folder, before)
    assert [(f.path, f.line, f.code) for f in findings] == [(po_path.as_posix(), po_line(po_path, key), code)]


def test_a_section_entry_that_drops_an_anchor_is_refused(exported) -> None:
    root, folder, before = exported
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8").replace("Dzokera [kumba]", "Mutsara.\n\nDzokera [kumba]"), encoding="utf-8")
    export_language(root, "sn", folder)
    edit(folder / "topics/alpha.po", {"walls/1": "Madziro makuru"})
    before = pages(root)
    edit(folder / "topics/rich.po", {"next": "## Zvinotevera\n\nDzokera [kumba](../index.md){ .button }."})
    findings = refused(root, folder, before)
    assert [(f.line, f.code) for f in findings] == [(po_line(folder / "topics/rich.po", "next"), "PO008")]
    assert "#next" in findings[0].message


def test_an_import_over_a_page_changed_since_export_is_refused(exported) -> None:
    root, folder, _ = exported
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8") + "\nA line added since.\n", encoding="utf-8")
    findings = refused(root, folder, pages(root))
    text = (folder / "topics/rich.po").read_text(encoding="utf-8").split("\n")
    assert [f.code for f in findings] == ["PO005"] and PAGE_HASH in text[findings[0].line - 1]


def test_a_review_recorded_since_export_does_not_stop_the_import(exported) -> None:
    root, folder, _ = exported
    record_review(root / SN, root / "docs/topics/rich.md", SN, "Tendai Moyo", ["next"], "2026-12-03")
    record = (root / SN).read_text(encoding="utf-8").split("\n---\n")[0]
    edit(folder / "topics/rich.po", {"next/2": "Dzokera [kumba](../index.md){ .button } zvino."})
    result = import_folder(root, folder)
    assert result.findings == [] and sorted(result.written) == ["docs/sn/topics/alpha.md", SN]
    text = (root / SN).read_text(encoding="utf-8")
    assert text.split("\n---\n")[0] == record and text.endswith("{ .button } zvino.\n")
    assert result.pages[1].reviewed_changed == ["next"]


def test_a_po_file_for_another_page_is_refused(exported) -> None:
    root, folder, before = exported
    shutil.copy(folder / "topics/rich.po", folder / "topics/alpha.po")
    findings = refused(root, folder, before)
    assert [f.code for f in findings] == ["PO003"] and findings[0].path.endswith("topics/alpha.po")
    assert findings[0].line > 1


def test_a_region_the_tool_adds_to_the_language_is_accepted(exported) -> None:
    root, folder, _ = exported
    po = polib.pofile(str(folder / "topics/rich.po"))
    po.metadata["Language"] = "sn_ZW"
    po.save(str(folder / "topics/rich.po"))
    assert import_folder(root, folder).findings == []


def test_export_refuses_a_folder_the_site_would_publish(root: Path) -> None:
    with pytest.raises(ContentError, match="PO000"):
        export_language(root, "sn", root / "docs" / "po")


def test_a_po_file_for_another_language_is_refused(exported) -> None:
    root, folder, before = exported
    po = polib.pofile(str(folder / "topics/rich.po"))
    po.metadata["Language"] = "nd"
    po.save(str(folder / "topics/rich.po"))
    assert [f.code for f in refused(root, folder, before)] == ["PO004"]


def test_a_malformed_po_file_is_refused_at_its_line(exported) -> None:
    root, folder, before = exported
    po_path = folder / "topics/rich.po"
    lines = po_path.read_text(encoding="utf-8").split("\n")
    bad = next(i for i, line in enumerate(lines) if line.startswith("msgctxt") and i > 20)
    lines[bad] = 'msgctxt "walls/3'                  # an unclosed string
    po_path.write_text("\n".join(lines), encoding="utf-8")
    findings = refused(root, folder, before)
    assert [(f.code, f.line) for f in findings] == [("PO001", bad + 1)]


def test_an_entry_whose_context_matches_no_span_is_refused(exported) -> None:
    root, folder, before = exported
    po_path = folder / "topics/rich.po"
    po = polib.pofile(str(po_path))
    po.append(polib.POEntry(msgctxt="walls/99", msgid="Nothing", msgstr="Hapana"))
    po.save(str(po_path))
    findings = refused(root, folder, before)
    assert [(f.code, f.line) for f in findings] == [("PO006", po_line(po_path, "walls/99"))]


def test_the_cli_exports_and_imports_and_reports_errors_with_file_and_line(root: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "po"
    assert main(["--root", str(root), "po", "export", "sn", str(folder)]) == 0
    assert "wrote 2 PO files" in capsys.readouterr().out
    edit(folder / "topics/rich.po", {"walls/2": "Tarisa [mugodhi](../glossary.md#pits)"})
    assert main(["--root", str(root), "po", "import", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "topics/rich.po" in err and f"line {po_line(folder / 'topics/rich.po', 'walls/2')}: error PO007" in err
    assert "nothing written" in err
    assert main(["--root", str(root), "po", "export", "xx", str(folder)]) == 1
    assert "PO000" in capsys.readouterr().err


def test_alignment_falls_back_to_the_section_when_a_list_has_another_length() -> None:
    english = "---\ntitle: A\n---\n\n## S {#s}\n\n- one\n- two\n"
    translation = "---\ntitle: B\n---\n\n## T {#s}\n\n- imwe\n"
    got = align(english, translation)
    assert got.whole == ["s"] and [s.key for s in got.segments] == ["_top/title", "s"]


# --- property: any page made of the blocks modules use survives export and import ------------------

from hypothesis import HealthCheck, given, settings                       # noqa: E402
from hypothesis import strategies as st                                  # noqa: E402

from asm_academy.translation.po_segments import Segment, apply, section_span  # noqa: E402

WORDS = ["pit", "wall", "mugodhi", "*dust*", "**wet**", "`a|b`", "[home](../index.md)", "é", "x: y", "#tag",
         "'q'", "\\|", "ZZ", "{.c}", "50%", '"dq"', "a\tb", "back\\slash"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
title_words = st.lists(st.sampled_from([w for w in WORDS if '"' not in w]), min_size=1, max_size=4).map(" ".join)
plain_words = st.lists(st.sampled_from(["pit", "wall", "mugodhi", "é", "50%", "a-b", "ZZ"]), min_size=1,
                       max_size=4).map(" ".join)         # a YAML plain scalar as written


KINDS = ["h2", "h3", "p", "ul", "ol", "tick", "table", "note", "code", "nested", "quote"]


@st.composite
def page_pair(draw) -> tuple[str, str, bool]:
    """An English page and a translation, most often of the same shape, with different words in every slot."""
    shape = draw(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 3)), max_size=8))
    same = draw(st.booleans()) or draw(st.booleans())
    other = shape if same else draw(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 3)), max_size=8))

    def render(kinds: list[tuple[str, int]], say) -> str:
        blocks = [f"---\ntitle: {json.dumps(say(words), ensure_ascii=False)}\nsummary: {say(plain_words)}\n---\n"]
        for n, (kind, count) in enumerate(kinds):
            if kind in ("h2", "h3"):
                blocks.append(f"{'#' * int(kind[1])} {say(words)} {{#s{n}}}")
            elif kind == "p":
                blocks.append("\n".join(say(words) for _ in range(count)))
            elif kind in ("ul", "ol", "tick"):
                mark = {"ul": "-", "ol": "1.", "tick": "- [ ]"}[kind]
                blocks.append("\n".join(f"{mark} {say(words)}" + (f"\n   {say(words)}" if i % 2 else "")
                                        for i in range(count)))
            elif kind == "table":
                cells = lambda: "| " + " | ".join(say(words) for _ in range(2)) + " |"   # noqa: E731
                blocks.append("\n".join([cells(), "|---|---|", *(cells() for _ in range(count))]))
            elif kind == "note":
                blocks.append(f'!!! warning "{say(title_words)}"\n    {say(words)}\n    {say(words)}')
            elif kind == "nested":
                blocks.append(f"- {say(words)}\n\n    {say(words)}\n    {say(words)}\n\n    - {say(words)}")
            elif kind == "quote":
                blocks.append(f"> {say(words)}\n> {say(words)}")
            else:
                blocks.append(f"```\n{say(words)}\n```")
        return "\n\n".join(blocks) + "\n"

    return render(shape, draw), render(other, draw), same


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_pair(), st.booleans())
def test_generated_pages_round_trip_byte_for_byte(pair: tuple[str, str, bool], crlf: bool) -> None:
    english, translation, same = pair
    if crlf:
        translation = translation.replace("\n", "\r\n")
    segments = align(english, translation).segments
    assert segments and (not same or all(s.key.count("/") == 1 for s in segments)), "same shape: block by block"
    assert apply(translation, [(s.target, s.target.text) for s in segments]) == translation
    po = polib.POFile()
    po.extend(polib.POEntry(msgctxt=s.key, msgid=s.source, msgstr=s.target.text) for s in segments)
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in polib.pofile(str(po))] == \
        [(s.key, s.source, s.target.text) for s in segments], "the PO file carries every string unchanged"

    def span(page: str, segment: Segment):      # where import finds an entry's text after writing
        if segment.target.kind == "section":
            return section_span(page, segment.section)
        now = align(english, page).by_key().get(segment.key)
        return now.target if now else None

    suffix = {s.key: "\n\nZZ" if s.target.kind == "section" else " ZZ" for s in segments}
    edited = apply(translation, [(s.target, s.target.text + suffix[s.key]) for s in segments])
    spans = [span(edited, s) for s in segments]
    assert [u.text if u else None for u in spans] == [s.target.text + suffix[s.key] for s in segments]
    assert apply(edited, [(u, s.target.text) for u, s in zip(spans, segments)]) == translation


def test_files_may_sit_in_a_folder_per_language_but_not_elsewhere(root: Path, tmp_path: Path) -> None:
    export_language(root, "sn", tmp_path / "po/po-sn")
    assert import_folder(root, tmp_path / "po").findings == []
    (tmp_path / "po/po-sn/topics/alpha").mkdir()
    (tmp_path / "po/po-sn/topics/rich.po").rename(tmp_path / "po/po-sn/topics/alpha/rich.po")
    assert [f.code for f in import_folder(root, tmp_path / "po").findings] == ["PO003"]


def test_a_fuzzy_entry_shows_the_english_it_was_translated_from_when_git_has_it(root: Path, tmp_path: Path) -> None:
    import subprocess
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    english = root / "docs/topics/rich.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Back [home]", "Go back [home]"), encoding="utf-8")
    export_language(root, "sn", tmp_path / "po")
    got = entries(tmp_path / "po/topics/rich.po")
    assert "fuzzy" in got["next/2"].flags
    assert (got["next/2"].previous_msgid, got["next/2"].msgid) == ("Back [home](../index.md){ .button }.",
                                                                   "Go back [home](../index.md){ .button }.")
    assert got["next/1"].previous_msgid is None                   # fuzzy (its section changed), same words
    assert "#| msgid \"Back [home]" in (tmp_path / "po/topics/rich.po").read_text(encoding="utf-8")


def test_a_section_entry_that_makes_the_section_line_up_is_written(root: Path, tmp_path: Path) -> None:
    page = root / SN
    page.write_text(page.read_text(encoding="utf-8").replace("Dzokera [kumba]", "Mutsara.\n\nDzokera [kumba]"),
                    encoding="utf-8")
    export_language(root, "sn", tmp_path / "po")
    edit(tmp_path / "po/topics/rich.po", {"next": "## Zvinotevera {#next}\n\nDzokera [kumba](../index.md){ .button }."})
    result = import_folder(root, tmp_path / "po")
    assert result.findings == [] and result.written == [SN]
    assert page.read_text(encoding="utf-8").endswith("## Zvinotevera {#next}\n\nDzokera [kumba](../index.md){ .button }.\n")
    export_language(root, "sn", tmp_path / "po2")
    assert "next/2" in entries(tmp_path / "po2/topics/rich.po")      # now block by block
