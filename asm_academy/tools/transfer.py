"""What Chromium at 360 x 740 downloads, as a phone would: bytes of response bodies on the wire
(gzip from the local server, as GitHub Pages sends them), with the browser cache on, so a second
page counts only what the first did not bring. Counted from the DevTools protocol, which sees
what the page's own fetches bring too (search's files), and nothing served from the cache."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Transfer:
    bytes: int = 0
    requests: int = 0
    other_hosts: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


class Phone:
    """One browser profile (one cache): `visit` opens an address and reports what it cost."""

    def __init__(self, browser, width: int = 360, height: int = 740) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=2,
                                           is_mobile=True, has_touch=True)
        self.page = self.context.new_page()
        self._cdp = self.context.new_cdp_session(self.page)
        self._cdp.send("Network.enable")
        self._headers: dict[str, int] = {}
        self._urls: dict[str, str] = {}
        self._current = Transfer()
        self._cdp.on("Network.responseReceived", self._received)
        self._cdp.on("Network.loadingFinished", self._finished)
        self._cdp.on("Network.requestServedFromCache", lambda event: self._headers.pop(event["requestId"], None))

    def _received(self, event: dict) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            return
        # at this point the bytes received are the status line and headers
        self._headers[event["requestId"]] = int(response.get("encodedDataLength", 0))
        self._urls[event["requestId"]] = response["url"]

    def _finished(self, event: dict) -> None:
        request = event["requestId"]
        if request not in self._headers:
            return
        url = self._urls.pop(request)
        body = max(0, int(event["encodedDataLength"]) - self._headers.pop(request))
        if body and not url.startswith("data:"):
            self._current.bytes += body
            self._current.requests += 1
            self._current.urls.append(url)

    def visit(self, address: str, wait_for: str | None = None) -> Transfer:
        """Open `address`, wait until the network is quiet (and `wait_for`, a selector, is there)."""
        self._current = Transfer()
        self.page.goto(address, wait_until="networkidle")
        if wait_for:
            self.page.wait_for_selector(wait_for)
            self.page.wait_for_load_state("networkidle")
        host = urlsplit(address).netloc
        self._current.other_hosts = [u for u in self._current.urls if urlsplit(u).netloc not in (host, "")]
        return self._current

    def close(self) -> None:
        self.context.close()
