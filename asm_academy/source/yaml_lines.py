"""Load YAML while remembering the line of every mapping, so errors can name it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..source.findings import ContentError, Finding


class LineDict(dict):
    """A mapping that knows the file line it started on (`.line`) and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # libyaml when the wheel has it
    pass


class DuplicateKey(yaml.YAMLError):
    """A key written twice in one mapping: YAML keeps the second and drops the first without a word."""

    def __init__(self, key: str, first: int, mark: yaml.Mark) -> None:
        super().__init__(f"`{key}` appears twice (lines {first} and {mark.line + 1})")
        self.problem = str(self)
        self.problem_mark = mark
        self.first_line = first


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise DuplicateKey(str(key), mapping.key_lines[str(key)], key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def load_yaml_text(text: str):
    """YAML with line numbers on every mapping; a key written twice raises DuplicateKey."""
    return yaml.load(text, Loader=_LineLoader)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(path: Path, display: str) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        raise ContentError(Finding(display, 0, "YAML000", "file is missing", "Restore it from git.")) from None
    except DuplicateKey as exc:
        raise ContentError(Finding(display, exc.problem_mark.line + 1, "YAML002", f"{exc.problem}: the first would be "
                                   "lost", "Keep one of the two (merge what each says) and delete the other.")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(Finding(display, mark.line + 1 if mark else 0, "YAML001", f"not valid YAML: {problem}",
                                   "Check indentation and quote text that contains a colon.")) from None
