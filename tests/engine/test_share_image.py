"""The share image is drawn from the logo; a logo the small reader does not know leaves the name alone."""
from __future__ import annotations

import io

from PIL import Image

from asm_academy.settings import Settings
from asm_academy.web.share_image import SIZE, _path_lines, share_png
from conftest import ROOT

FONT = Settings(root=ROOT).share_font
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#00ff00"/>'
        '<path d="M6 25 L19 12" stroke="#fff" stroke-width="3"/></svg>')


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def test_the_logo_and_name_are_drawn_on_the_brand_colour() -> None:
    image = _image(share_png(LOGO, "Course", "#102030", FONT))
    assert image.size == SIZE
    assert image.getpixel((5, 5)) == (0x10, 0x20, 0x30)
    assert image.getpixel((140, 157))[1] > 200, "the logo's green square is drawn"


def test_an_unknown_logo_leaves_the_name_alone() -> None:
    image = _image(share_png('<svg xmlns="http://www.w3.org/2000/svg"><image href="x.png"/></svg>', "Course", "#102030", FONT))
    written = [x for x in range(SIZE[0]) if any(image.getpixel((x, y)) != (0x10, 0x20, 0x30) for y in range(0, SIZE[1], 3))]
    assert written and written[0] < 60, "the name starts where the logo would have been"
    assert not any(image.getpixel((x, y))[1] > 200 and image.getpixel((x, y))[0] < 100
                   for x in range(0, SIZE[0], 7) for y in range(0, SIZE[1], 7)), "no logo drawn"


def test_paths_become_lines_and_unknown_commands_refuse() -> None:
    assert _path_lines("M0 0 L10 0 l0 10 z") == [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]]
    assert len(_path_lines("M0 0 q5 5 10 0")[0]) == 13
    assert _path_lines("M0 0 A5 5 0 0 1 10 0") is None
