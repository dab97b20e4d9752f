"""This course passes its own checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from asm_academy.checks.tree_checks import check_tree
from doctrees import ALPHA, MKDOCS_YML, SVG, clean_files, record, write_tree

ND_LINE = MKDOCS_YML.splitlines().index("        - locale: nd") + 1   # where the fixture lists nd


def test_repository_passes_its_own_checks() -> None:
    from conftest import ROOT
    result = check_tree(ROOT)
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert not errors, "\n".join(errors)
    from course_facts import LANGS, PAGES, TREE
    assert result.pages_checked == sum(len(TREE.pages(code)) for code in LANGS) and len(PAGES) >= 1
