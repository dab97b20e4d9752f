from asm_academy.web.html_fixes import static_checklists


def test_checklist_boxes_become_drawn_boxes() -> None:
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> Check the wall</li>')
    out = static_checklists(html)
    assert "<input" not in out and 'class="asm-tick"' in out and "Check the wall" in out


def test_ticked_items_stay_ticked_and_other_html_is_untouched() -> None:
    html = ('<label class="task-list-control"><input type="checkbox" disabled checked/>'
            '<span class="task-list-indicator"></span></label><input type="text">')
    out = static_checklists(html)
    assert "asm-tick--done" in out and out.endswith('<input type="text">')


def test_indentation_is_stripped_except_in_pre_and_scripts() -> None:
    from asm_academy.web.html_fixes import strip_indentation

    html = "<div>\n    <p>Hi</p>\n\n\n  <pre>\n    code\n</pre>\n  <script>\n  var a = 1;\n</script>\n</div>"
    out = strip_indentation(html)
    assert "\n<p>Hi</p>\n<pre>\n    code\n</pre>" in out
    assert "<script>\n  var a = 1;\n</script>" in out


def test_wide_tables_can_be_scrolled_from_the_keyboard() -> None:
    from asm_academy.web.html_fixes import focusable_tables
    assert focusable_tables("<table><tr><td>x</td></tr></table>") == '<table tabindex="0"><tr><td>x</td></tr></table>'
    assert focusable_tables('<table class="x">') == '<table class="x">'
