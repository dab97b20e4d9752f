"""Small corrections to rendered page HTML for screen readers and small screens."""
from __future__ import annotations

import re

_TASK_CONTROL = re.compile(
    r'<label class="task-list-control"><input type="checkbox" (?:disabled(?:="disabled")?\s*)?(checked(?:="checked")?\s*)?/?>'
    r'<span class="task-list-indicator"></span></label>')


def static_checklists(html: str) -> str:
    """Field checklists are for reading and printing: a drawn box, not an unlabelled form control."""
    return _TASK_CONTROL.sub(
        lambda m: '<span class="asm-tick asm-tick--done" aria-hidden="true"></span>' if m.group(1)
        else '<span class="asm-tick" aria-hidden="true"></span>', html)


def focusable_tables(html: str) -> str:
    """A wide table scrolls sideways inside the text (the theme's CSS): without Material's script,
    which would make it focusable, a keyboard user could not scroll it. tabindex=0 lets them."""
    return re.sub(r"<table>", '<table tabindex="0">', html)


_PRE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)


def strip_indentation(html: str) -> str:
    """Leading spaces on each line cost phone data and show nothing; <pre>, <textarea> and scripts keep theirs."""
    parts = _PRE.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\n[ \t]+", "\n", parts[i])
        parts[i] = re.sub(r"\n{2,}", "\n", parts[i])
    return "".join(parts)
