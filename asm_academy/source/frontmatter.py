"""Split a Markdown page into its YAML front matter and body, with errors that name the line."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import Finding
from .yaml_lines import DuplicateKey, load_yaml_text



@dataclass
class Page:
    meta: dict[str, Any]
    body: str
    body_line: int                 # line number in the file where body starts (1-based)
    meta_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line
    problems: list[Finding] = field(default_factory=list)


def _key_lines(block: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for offset, text in enumerate(block.splitlines()):
        if text and not text[0].isspace() and ":" in text and not text.startswith("#"):
            lines.setdefault(text.split(":", 1)[0].strip(), first_line + offset)
    return lines


def split_page(text: str, path: str) -> Page:
    """Never raises: a broken front matter becomes a Finding and an empty meta."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Page({}, text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return Page({}, text, 1, problems=[Finding(path, 1, "META001", "front matter is not closed",
                                                   "Add a line with only `---` after the front matter.")])
    block = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    try:
        meta = load_yaml_text(block) or {}
    except DuplicateKey as exc:
        return Page({}, body, end + 2, problems=[Finding(
            path, exc.problem_mark.line + 2, "META005", f"front matter key {exc.problem} (file lines "
            f"{exc.first_line + 1} and {exc.problem_mark.line + 2})", "Keep one of the two and delete the other.")])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Page({}, body, end + 2, problems=[Finding(
            path, line, "META002", f"front matter is not valid YAML: {problem}",
            "Check indentation and quote values that contain a colon, e.g. title: \"Safety: pit walls\".")])
    if not isinstance(meta, dict):
        return Page({}, body, end + 2, problems=[Finding(path, 2, "META003", "front matter must be key: value pairs",
                                                         "Write one `key: value` per line between the `---` lines.")])
    return Page(meta, body, end + 2, _key_lines(block, 2))
