"""A module's trainer activity cut into what a facilitator's guide prints: its labelled paragraphs
(**Time**, **Materials**, as WRITING.md orders them), its numbered steps with their minutes, and
any other line, so that nothing the writer put there is dropped from the guide.

The labels are found by their place, not their words: a translation writes them in its own language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LABELLED = re.compile(r"^\*\*(?P<label>[^*]+?):?\*\*:?\s*(?P<text>.*)$")
_STEP = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>.*)$")
# "(10 min)", "(15 minutes)", "(maminitsi 10)", "(imizuzu engu-10)": a number with at most two words
_MINUTES = re.compile(r"\((?:[^\W\d_][\w-]*\s+){0,2}(?:\w+-)?(?P<n>\d{1,3})(?:\s+[^\W\d_][\w.-]*){0,2}\)")
MATERIALS_PLACE = 1          # WRITING.md: **Time**, **Materials**, **Steps**


@dataclass(frozen=True)
class Step:
    number: int
    text: str                # Markdown, continuation lines joined
    minutes: int | None      # the first "(N min)" the step gives, if any
    line: int                # offset in the section, 0-based


@dataclass(frozen=True)
class TrainerActivity:
    labelled: tuple[tuple[str, str], ...]   # (label, text) of each **Label:** paragraph, in order
    steps: tuple[Step, ...]
    notes: tuple[str, ...]                  # every other paragraph, in order

    @property
    def materials(self) -> tuple[str, str] | None:
        return self.labelled[MATERIALS_PLACE] if len(self.labelled) > MATERIALS_PLACE else None

    @property
    def minutes(self) -> int:
        return sum(s.minutes or 0 for s in self.steps)


def step_minutes(text: str) -> int | None:
    found = _MINUTES.search(text)
    return int(found["n"]) if found else None


def _paragraphs(lines: list[str]) -> list[tuple[int, list[str]]]:
    out: list[tuple[int, list[str]]] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        starts = (not out or not lines[index - 1].strip() or _STEP.match(line) or _LABELLED.match(line)) \
            and not line.startswith((" ", "\t"))
        if starts:
            out.append((index, [line]))
        else:
            out[-1][1].append(line)
    return out


def parse_activity(section: str) -> TrainerActivity:
    """`section`: the Markdown under `## Trainer activity`, without its heading."""
    labelled: list[tuple[str, str]] = []
    steps: list[Step] = []
    notes: list[str] = []
    for index, chunk in _paragraphs(section.split("\n")):
        first = chunk[0]
        if m := _STEP.match(first):
            text = "\n".join([m["text"], *chunk[1:]]).strip()
            steps.append(Step(int(m["number"]), text, step_minutes(text), index))
        elif m := _LABELLED.match(first):
            labelled.append((m["label"].strip(), " ".join([m["text"], *(l.strip() for l in chunk[1:])]).strip()))
        else:
            notes.append("\n".join(chunk))
    return TrainerActivity(tuple(labelled), tuple(steps), tuple(notes))
