"""The brand colour, stated once in mkdocs.yml (extra: academy: brand_colour), turned into the
shades the theme uses."""
from __future__ import annotations


def _mix(colour: str, towards: int, amount: float) -> str:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (towards - c) * amount):02x}" for c in rgb)


def brand_css(colour: str) -> str:
    """Custom properties put at the top of the site's stylesheet; the rest of it uses only these."""
    if not colour:
        return ""
    return (f":root {{ --md-primary-fg-color: {colour}; --md-primary-fg-color--light: {_mix(colour, 255, 0.3)}; "
            f"--md-primary-fg-color--dark: {_mix(colour, 0, 0.33)}; }}\n")
