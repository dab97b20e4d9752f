"""MkDocs plugin `academy-language-codes`: lets mkdocs-static-i18n 1.3.1 accept any language code
asm_academy.source.language_codes accepts, including three-letter ISO 639-3 codes (`toi`, `bem`).

mkdocs-static-i18n validates each `locale` against one module-level regular expression that allows
two letters only (upstream pull request #348 would lift that). This swaps in the site's own rule
before the i18n plugin's options are validated: it is listed before `i18n` under `plugins:`, and a
hook would load too late (MkDocs validates plugins before hooks). To drop the patch when upstream
accepts three-letter codes, remove this file, its entry point in pyproject.toml and the line in
mkdocs.yml; tests/engine/test_language_codes.py says whether upstream's rule is then wide enough.
The only module of the package that imports MkDocs.
"""
from __future__ import annotations

import mkdocs_static_i18n.config as i18n_config
import mkdocs_static_i18n.folder as i18n_folder
import mkdocs_static_i18n.suffix as i18n_suffix
from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs.plugins import BasePlugin

from .source.language_codes import LANGUAGE_CODE, code_hint, is_language_code

UPSTREAM_LOCALE_RULE = i18n_config.RE_LOCALE
# the guess of which top-level folder is a language (folder and suffix layouts)
for _module in (i18n_config, i18n_folder, i18n_suffix):
    _module.RE_LOCALE = LANGUAGE_CODE


def _validate_locale(option: config_options.Type, value: object) -> str:
    """The `locale` option check, with the site's rule and a message that says what to write."""
    value = config_options.Type.run_validation(option, value)
    if value != "null" and not is_language_code(value):      # "null": static-i18n's switcher-only link
        raise ValidationError(f"language code '{value}' is not a BCP 47 code. {code_hint(str(value))} "
                              "(`make check` names the line in mkdocs.yml)")
    return value


i18n_config.Locale.run_validation = _validate_locale


class LanguageCodesPlugin(BasePlugin):
    """Does nothing at build time: importing it is the patch."""
