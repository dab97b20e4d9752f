"""The search index of one language, cut so that a first search downloads a few kilobytes.

Four kinds of file under `search/`, all written at build time:

- `index.json`, the first tier: page titles, addresses, section headings and ids, and how the rest
  is cut. It is enough to rank, since a title or heading hit scores higher than a body hit.
- `w/<n>.json`, the word chunks: for each three-letter run, the numbers of the words of the text
  that hold it. A query word fetches the chunks of its first, middle and last three-letter runs;
  the words in all three lists are the few that can hold it, so the browser fetches a few hundred
  bytes per query word instead of the whole text.
- `p/<n>.json`, the postings: each word and the sections that hold it, in alphabetical ranges of
  words; the first tier lists each file's first word number. The browser keeps the words that
  really hold the query word. A two-letter query word, which no chunk key has, reads every
  postings file (as much as the whole index used to cost).
- `t/<n>.json`, the text: consecutive sections' body text, fetched only for the results the
  reader sees, to show the snippet.

The browser matches substrings (no stemmer: an English one would mangle chiShona and isiNdebele,
and substrings cope with noun-class prefixes). A query word is a run of letters and digits, so
it lies inside one word of the text, and every word that holds it holds its three-letter runs: the
chunks of its three-letter runs list every word the query word can match. Keys are hashed into
about a hundred files per language, not thousands; chunks hold word numbers, not words or
sections, so that what a saved copy stores twice is small.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .search_index import IndexedPage

_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")     # letters and digits: the browser splits queries on \p{L}\p{N}


@dataclass(frozen=True)
class SearchFiles:
    """The files of one language's search, by path under its `search/` folder."""
    files: dict[str, bytes]
    sections: int
    words: int


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds both the query and the text (search.js)."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))


def words_of(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def bucket(key: str, count: int) -> int:
    """FNV-1a over the key's code points, the same sum the browser computes to pick the file."""
    value = 2166136261
    for char in key:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value % count


def chunk_keys(word: str) -> set[str]:
    """The keys a query word of three letters or more inside `word` can have: its three-letter runs."""
    return {word[i:i + 3] for i in range(len(word) - 2)}


def chunk_name(key: str, count: int) -> str:
    return f"w/{bucket(key, count)}.json"


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _ranges(items: list[str], sizes: list[int], target: int) -> list[int]:
    """Where each file starts when consecutive items go into files of about `target` characters."""
    starts, size = [0], 0
    for number, item_size in enumerate(sizes):
        if size and size + item_size > target:
            starts.append(number)
            size = 0
        size += item_size
    return starts if items else []


def search_files(lang: str, pages: list[IndexedPage], keys_per_chunk: int = 24, postings_per_file: int = 2500,
                 text_per_file: int = 2500) -> SearchFiles:
    """Every file of the language's search. A section is numbered in page order, a word by its place
    in sorted order; postings and text files refer to sections by number, chunks to words by number
    (as gaps between sorted numbers: small numbers, and a word is in a chunk per key it holds)."""
    sections = [s for page in pages for s in page.sections]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (heading, _id, text) in enumerate(sections):
        for word in sorted(words_of(heading + " " + text)):
            postings[word].append(number)
    vocabulary = sorted(postings)
    count = max(1, len({key for word in vocabulary for key in chunk_keys(word)}) // keys_per_chunk)
    chunks: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, word in enumerate(vocabulary):
        for key in sorted(chunk_keys(word)):
            chunks[chunk_name(key, count)][key].append(number)
    files = {name: _dumps({key: [b - a for a, b in zip([0, *numbers], numbers)] for key, numbers in sorted(chunk.items())})
             for name, chunk in sorted(chunks.items())}
    word_starts = _ranges(vocabulary, [len(w) + 4 * len(postings[w]) for w in vocabulary], postings_per_file)
    for n, start in enumerate(word_starts):
        end = word_starts[n + 1] if n + 1 < len(word_starts) else len(vocabulary)
        files[f"p/{n}.json"] = _dumps([[w, postings[w]] for w in vocabulary[start:end]])
    text_starts = _ranges(sections, [len(s[2]) for s in sections], text_per_file)
    for n, start in enumerate(text_starts):
        end = text_starts[n + 1] if n + 1 < len(text_starts) else len(sections)
        files[f"t/{n}.json"] = _dumps([s[2] for s in sections[start:end]])
    tier = {"lang": lang, "chunks": count, "postings": word_starts,
            "text": text_starts,
            "pages": [[p.title, p.url, 1 if p.fallback else 0, [[s[0], s[1]] for s in p.sections]] for p in pages]}
    files["index.json"] = _dumps(tier)
    return SearchFiles(files, len(sections), len(vocabulary))
