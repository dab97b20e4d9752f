"""One shape for every problem the checks report, so the CLI and the build print them alike."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Finding:
    path: str          # repo-relative path of the file at fault
    line: int          # 1-based; 0 when the problem concerns the whole file
    code: str          # stable code, e.g. "LINK001"; translators can search for it
    message: str       # what is wrong
    hint: str = ""     # what to do about it
    severity: str = field(default="error", compare=False)  # "error" or "warning"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity} {self.code}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class ContentError(Exception):
    """A bad input we can explain: raised instead of letting a traceback reach a contributor."""

    def __init__(self, finding: Finding):
        super().__init__(finding.format())
        self.finding = finding


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def format_report(findings: Iterable[Finding]) -> str:
    """Group findings by file, as a translator fixes one file at a time."""
    by_file: dict[str, list[Finding]] = {}
    for f in sorted(findings):
        by_file.setdefault(f.path, []).append(f)
    out: list[str] = []
    for path, items in by_file.items():
        out.append(f"\n{path}")
        for f in items:
            where = f"  line {f.line}" if f.line else "  (file)"
            out.append(f"{where}: {f.severity} {f.code}: {f.message}")
            if f.hint:
                out.append(f"      hint: {f.hint}")
    return "\n".join(out).lstrip("\n")


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def github_annotation(finding: Finding) -> str:
    """A workflow command GitHub Actions shows on the changed line of a pull request."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")
    kind = "error" if finding.severity == "error" else "warning"
    where = f"file={prop(finding.path)}" + (f",line={finding.line}" if finding.line else "")
    return f"::{kind} {where},title={prop(finding.code)}::{data(finding.message + ' -- ' + finding.hint)}"
