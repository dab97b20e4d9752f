"""The theme's stylesheet cut at build time: a rule some page, state or print view uses survives."""
from __future__ import annotations

from asm_academy.web.css_subset import dynamic_state_of_scripts, read_pages, used_css

PAGE = """<!doctype html><html><body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">
<div class="md-container"><nav class="md-nav"><a class="md-nav__link" href="#">x</a></nav>
<article class="md-typeset"><p>text</p><div class="admonition warning"><p class="admonition-title">t</p></div>
<ul id="results"></ul></article></div></body></html>"""

THEME = """
:root{--md-used:red;--md-chain:var(--md-used);--md-unused:blue;--md-icon--warning:url("data:x");--md-icon--bug:url("data:y")}
.md-nav__link{color:var(--md-chain)}
.md-nav__link:hover,.md-nav__link:focus-visible{color:green}
.md-nav__link:not(:hover){opacity:.5}
[data-md-toggle=drawer]:checked~.md-container{transform:none}
.md-typeset .warning>.admonition-title:before{mask-image:var(--md-icon--warning)}
.md-typeset .bug>.admonition-title:before{mask-image:var(--md-icon--bug)}
.md-tabs{display:block}
.md-typeset code,.md-typeset p{margin:0}
.asm-found li{font-weight:700}
@media print{.md-nav{display:none}.md-tabs{display:none}}
@media screen and (min-width:76.25em){.md-nav{display:block}}
@keyframes spin{to{transform:rotate(1turn)}}
@keyframes unused{to{opacity:0}}
.md-typeset .admonition{animation:spin 1s}
"""
JS = 'var ul = document.getElementById("results"); ul.className = "asm-found";'


def subset(css: str = THEME, page: str = PAGE, js: str = JS) -> str:
    return used_css(css, read_pages([page]), dynamic_state_of_scripts([js])).css


def test_rules_for_elements_on_a_page_survive_and_others_go() -> None:
    css = subset()
    assert ".md-nav__link{color:var(--md-chain)}" in css
    assert ".md-tabs" not in css
    assert ".md-typeset p{margin:0}" in css and "code" not in css, "only the selectors that apply stay"


def test_states_a_reader_can_cause_are_kept() -> None:
    css = subset()
    assert ".md-nav__link:hover,.md-nav__link:focus-visible{color:green}" in css
    assert ".md-nav__link:not(:hover)" in css, "a state can also be off"
    assert "[data-md-toggle=drawer]:checked~.md-container" in css
    assert ".md-typeset .warning>.admonition-title:before" in css
    assert ".bug>" not in css


def test_classes_scripts_set_keep_their_rules() -> None:
    assert ".asm-found li" in subset()
    assert ".asm-found li" not in subset(js="")


def test_print_and_width_views_keep_what_they_use() -> None:
    css = subset()
    assert "@media print{.md-nav{display:none}}" in css
    assert "@media screen and (min-width:76.25em){.md-nav{display:block}}" in css


def test_custom_properties_and_keyframes_stay_only_when_read() -> None:
    css = subset()
    assert "--md-used:red" in css and "--md-chain:var(--md-used)" in css
    assert "--md-unused" not in css and "--md-icon--bug" not in css and "--md-icon--warning" in css
    assert "@keyframes spin" in css and "@keyframes unused" not in css


def test_a_used_selector_losing_its_element_loses_its_rule() -> None:
    """The fixture shows the test can fail: without the admonition, its rules go."""
    css = subset(page=PAGE.replace('<div class="admonition warning"><p class="admonition-title">t</p></div>', ""))
    assert "admonition" not in css and "@keyframes spin" not in css


def test_scripts_are_read_for_the_classes_and_attributes_they_set() -> None:
    state = dynamic_state_of_scripts(['a.className = "x y"; b.classList.add("z"); c.setAttribute("aria-busy", 1); '
                                      'd.hidden = true;'])
    assert state.classes == {"x", "y", "z"} and state.attributes == {"aria-busy", "hidden"}


def test_the_sites_own_stylesheet_loses_only_comments_and_layout() -> None:
    from asm_academy.web.css_subset import compact_css
    css = "/* why */\n.a  >  .b ,\n.c { color : red ;\n  margin: 0 auto !important; }\n@media print { .a { display: none } }\n"
    assert compact_css(css) == ".a > .b , .c{color:red;margin:0 auto!important}@media print{.a{display:none}}"
