"""The tiered search files hold the whole index: every page, section and text, and every word in
the chunk of each of its three-letter runs."""
from __future__ import annotations

import json
from pathlib import Path

from asm_academy.web.search_index import IndexedPage
from asm_academy.web.search_tiers import bucket, chunk_keys, fold, search_files, words_of
from search_reference import pages_from_files

PAGES = [
    IndexedPage("Safety", "modules/safety/", False, [("", "", "Wear a dust mask."),
                                                     ("Pit walls", "walls", "Cut benches into the walls.")]),
    IndexedPage("Umgodi", "modules/umgodi/", True, [("Imigodi", "imigodi", "Imigodi emibili. Spodumène!")]),
]


def _write(tmp_path: Path, **sizes) -> Path:
    for name, data in search_files("nd", PAGES, **sizes).files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_the_files_put_back_together_give_every_page_section_and_text(tmp_path: Path) -> None:
    assert pages_from_files(_write(tmp_path, text_per_file=10)) == PAGES


def test_every_word_is_in_the_chunk_of_each_of_its_three_letter_runs_and_its_postings(tmp_path: Path) -> None:
    folder = _write(tmp_path, keys_per_chunk=2, postings_per_file=20)
    tier = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    sections = [s for p in PAGES for s in p.sections]
    assert len(list((folder / "p").iterdir())) > 1 and len(list((folder / "w").iterdir())) > 1
    words = [entry for n in range(len(tier["postings"]))
             for entry in json.loads((folder / "p" / f"{n}.json").read_text(encoding="utf-8"))]
    assert [w for w, _ in words] == sorted(w for w, _ in words)
    number_of = {w: n for n, (w, _) in enumerate(words)}
    for section, (heading, _, text) in enumerate(sections):
        for word in words_of(heading + " " + text):
            assert section in dict(words)[word]
            for key in chunk_keys(word):
                gaps = json.loads((folder / "w" / f"{bucket(key, tier['chunks'])}.json").read_text(encoding="utf-8"))
                gaps = gaps[key]
                assert number_of[word] in {sum(gaps[:i + 1]) for i in range(len(gaps))}


def test_folding_drops_case_and_accents_but_keeps_noun_class_prefixes() -> None:
    assert fold("Spodumène") == "spodumene"
    assert words_of("Imigodi emibili. Spodumène!") == {"imigodi", "emibili", "spodumene"}
    assert bucket("a", 2 ** 32) == 0xE40C292C      # FNV-1a of "a", as search.js computes it
