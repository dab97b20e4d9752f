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
