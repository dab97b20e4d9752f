"""The offline list (offline.json): what decides that a saver's phone downloads a file again."""
from __future__ import annotations

from pathlib import Path

from asm_academy.web.offline import bundle

PAGE = '<!doctype html><html lang="sn"><head><title>t</title></head><body><a href="handouts/x-sn.pdf">x</a></body></html>'
PDF = "sn/handouts/x-sn.pdf"


def _site(tmp_path: Path, pdf: bytes) -> Path:
    site = tmp_path / "site"
    (site / "sn" / "handouts").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(PAGE.replace('lang="sn"', 'lang="en"'), encoding="utf-8")
    (site / "sn" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / PDF).write_bytes(pdf)
    return site


def _pdf_hash(listing) -> str:
    return dict(zip(listing.urls, listing.hashes))["handouts/x-sn.pdf"]


def test_a_pdf_rendered_from_the_same_inputs_keeps_its_offline_hash_whatever_its_bytes(tmp_path: Path) -> None:
    key = "4f" * 32                          # the handout cache's key: a hash of the render inputs
    here = bundle(_site(tmp_path, b"%PDF-1.7 fonts subset by one harfbuzz"), "sn", "sn/", [], "/", {PDF: key})
    there = bundle(_site(tmp_path, b"%PDF-1.7 fonts subset by another harfbuzz"), "sn", "sn/", [], "/", {PDF: key})
    assert _pdf_hash(here) == _pdf_hash(there) == key[:12]
    assert here.version == there.version     # no new worker, no update for the same inputs


def test_a_pdf_whose_inputs_changed_gets_a_new_offline_hash(tmp_path: Path) -> None:
    site = _site(tmp_path, b"%PDF-1.7 same bytes")
    before = bundle(site, "sn", "sn/", [], "/", {PDF: "4f" * 32})
    after = bundle(site, "sn", "sn/", [], "/", {PDF: "a1" * 32})
    assert _pdf_hash(before) != _pdf_hash(after) and before.version != after.version


def test_a_file_without_a_given_version_is_hashed_by_its_bytes(tmp_path: Path) -> None:
    one = bundle(_site(tmp_path, b"%PDF-1.7 one"), "sn", "sn/", [], "/")
    two = bundle(_site(tmp_path, b"%PDF-1.7 two"), "sn", "sn/", [], "/")
    assert _pdf_hash(one) != _pdf_hash(two) and one.version != two.version
