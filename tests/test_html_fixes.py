from asm_academy.html_fixes import static_checklists


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
