"""Language codes: the build and `make check` accept and refuse exactly the same codes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asm_academy.i18n_codes as patch
from asm_academy.source.language_codes import code_hint, is_language_code
from asm_academy.source.site_config import _languages
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n.config import Locale

ZIMBABWE_AND_NEIGHBOURS = ["sn", "nd", "en", "toi", "nmq", "kck", "ndc", "bem", "ve", "ts", "pt-MZ", "sw", "zh-Hant-TW"]
REFUSED = ["", "EN", "english", "to_TO", "pt_mz", "pt-mz", "toi-", "t", "sna-zw", "x-private", "en--US", "zh-hant"]


def build_accepts(code: str) -> bool:
    """What mkdocs-static-i18n's `locale` option says once the project's plugin is loaded."""
    try:
        Locale(str).run_validation(code)
        return True
    except ValidationError:
        return False


def check_accepts(code: str) -> bool:
    """What `make check` says about the same code written in mkdocs.yml."""
    data = {"plugins": [{"i18n": {"languages": [{"locale": code, "name": "X", "default": True}]}}]}
    _, problems = _languages(data, f"        - locale: {code}\n", "mkdocs.yml")
    return not problems


@pytest.mark.parametrize("code", ZIMBABWE_AND_NEIGHBOURS)
def test_codes_of_zimbabwe_and_its_neighbours_are_accepted_by_both(code: str) -> None:
    assert is_language_code(code) and build_accepts(code) and check_accepts(code)


@pytest.mark.parametrize("code", REFUSED)
def test_malformed_codes_are_refused_by_both_with_a_hint(code: str) -> None:
    assert not build_accepts(code) and not check_accepts(code)
    assert code_hint(code)


def test_the_hint_suggests_the_right_spelling() -> None:
    assert code_hint("pt_mz") == "Write `pt-MZ`."
    assert code_hint("EN") == "Write `en`."


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ ", max_size=14))
def test_build_and_check_agree_on_any_code(code: str) -> None:
    assert build_accepts(code) == check_accepts(code) == (is_language_code(code) or code == "null")


def test_upstream_rule_still_refuses_three_letter_codes() -> None:
    """When this fails, mkdocs-static-i18n accepts ISO 639-3 codes itself: drop asm_academy/i18n_codes.py,
    its entry point in pyproject.toml and its line in mkdocs.yml (README, "Languages")."""
    assert patch.UPSTREAM_LOCALE_RULE.match("sn") and not patch.UPSTREAM_LOCALE_RULE.match("toi")
