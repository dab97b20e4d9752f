"""Today's search, kept as the reference the tiered search must match: the whole index of a
language in one object, and the ranking the browser ran on it before search_tiers.py."""
from __future__ import annotations

import json
from pathlib import Path

from asm_academy.web.search_index import IndexedPage


def pages_from_files(folder: Path) -> list[IndexedPage]:
    """Put a language's search files back together: every page, section and text, in order."""
    tier = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    texts: list[str] = []
    for n in range(len(tier["text"])):
        texts += json.loads((folder / "t" / f"{n}.json").read_text(encoding="utf-8"))
    pages, number = [], 0
    for title, url, fallback, sections in tier["pages"]:
        rebuilt = []
        for heading, ident in sections:
            rebuilt.append((heading, ident, texts[number]))
            number += 1
        pages.append(IndexedPage(title, url, bool(fallback), rebuilt))
    assert number == len(texts), f"{folder}: {len(texts)} texts for {number} sections"
    return pages


def full_index(pages: list[IndexedPage]) -> dict:
    """The one-file index the site served before the tiers, in its format."""
    return {"pages": [{"t": p.title, "u": p.url, "f": 1 if p.fallback else 0, "s": [list(s) for s in p.sections]}
                      for p in pages]}


# the ranking and rendering of asm.js before search_tiers.py, returning what the result page showed
REFERENCE_JS = r"""([data, query, base, none, count]) => {
  function fold(text) { return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  data.pages.forEach(function (page) {
    page.s.forEach(function (s) { s.push(fold(s[0] + " " + s[2])); });
    page.ft = fold(page.t);
  });
  var snippet = function (text, term) {
    var at = fold(text).indexOf(term);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "… " : "") + text.slice(start, start + 180) + " …";
  };
  var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
  if (!terms.length) return { status: "", results: [] };
  var hits = [];
  data.pages.forEach(function (page) {
    page.s.forEach(function (s) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inSection = s[3].indexOf(terms[i]) >= 0;
        if (!inSection && page.ft.indexOf(terms[i]) < 0) return;
        score += (page.ft.indexOf(terms[i]) >= 0 ? 5 : 0) + (fold(s[0]).indexOf(terms[i]) >= 0 ? 3 : 0) +
          (inSection ? 1 : 0);
      }
      hits.push({ page: page, section: s, score: score - page.f * 2 });
    });
  });
  hits.sort(function (a, b) { return b.score - a.score; });
  return {
    status: hits.length ? count.replace("#", hits.length) : none,
    results: hits.slice(0, 30).map(function (hit) {
      return [base + hit.page.u + (hit.section[1] ? "#" + hit.section[1] : ""),
              hit.page.t + (hit.section[0] ? " › " + hit.section[0] : ""), snippet(hit.section[2], fold(terms[0]))];
    })
  };
}"""
