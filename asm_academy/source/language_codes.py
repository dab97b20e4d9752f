"""Which language codes the site accepts: BCP 47 language tags in their usual case.

A primary language subtag of two letters (ISO 639-1: `sn`, `nd`) or three (ISO 639-3: Tonga `toi`,
Nambya `nmq`, Kalanga `kck`, Bemba `bem`), then optionally a script (`-Latn`) and a region (`-MZ` or
`-419`). The same rule is used by `make check` and, through asm_academy.i18n_codes, by the build, so
the two cannot disagree. Private-use and extension subtags are not accepted: a folder name and an
HTML `lang` value should be plain.
"""
from __future__ import annotations

import re

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")


def is_language_code(code: str) -> bool:
    return bool(LANGUAGE_CODE.match(code))


def code_hint(code: str) -> str:
    """What to write instead of a code that is refused."""
    parts = code.replace("_", "-").split("-")
    if parts and parts[0]:
        fixed = [parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
        guess = "-".join(fixed)
        if is_language_code(guess) and guess != code:
            return f"Write `{guess}`."
    return ("Use a BCP 47 code: two or three lowercase letters (ISO 639-1 `sn`, or ISO 639-3 `toi` where the "
            "language has no two-letter code), optionally a region such as `pt-MZ`.")
