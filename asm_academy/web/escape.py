"""Front matter is text. MkDocs templates print page.meta without escaping, so the build escapes
the fields its templates print, once, before any template runs."""
from __future__ import annotations

import html
from typing import Any

TEXT_META = ("title", "summary", "description")


def escaped_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The same mapping with the printed text fields escaped for HTML (text and attribute values)."""
    return {key: html.escape(value) if key in TEXT_META and isinstance(value, str) else value
            for key, value in meta.items()}
