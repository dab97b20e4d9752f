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


_DEAD_THEME_MARKUP = (
    # the search toggle and the dialog and banner slots belong to Material's script, which the site does not load
    re.compile(r'<input class="md-toggle" data-md-toggle="search"[^>]*>\n?'),
    re.compile(r'<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>\n?'),
    re.compile(r'<div data-md-component="announce">\s*</div>\n?'),
    # hooks for that script: read by nothing (the stylesheet selects on data-md-toggle and data-md-level only)
    re.compile(r' data-md-(?:component|scrollfix|type)(?:="[^"]*")?'),
)


def without_dead_theme_markup(html: str) -> str:
    """Markup only Material's script reads costs every page bytes for nothing. The drawer's checkbox
    loses autocomplete="off" too: not allowed on a checkbox (the HTML checker's only complaint)."""
    for pattern in _DEAD_THEME_MARKUP:
        html = pattern.sub("", html)
    return html.replace('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"')

