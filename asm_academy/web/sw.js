/* Offline reading for one language. Written into each language's folder at build
   time with its own cache name, so a new build brings a new worker that refreshes what was saved. */
"use strict";
const CACHE = "__ASM_CACHE__";
const PREFIX = "asm-__ASM_LANG__-";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const old = names.filter((n) => n.startsWith(PREFIX) && n !== CACHE);
    await Promise.all(old.map((n) => caches.delete(n)));
    await self.clients.claim();
    if (old.length) await save(null);          // it was saved before: refresh it for this build
  })());
});

async function save(port) {
  const list = await (await fetch("offline.json", { cache: "no-store" })).json();
  const cache = await caches.open(CACHE);
  let done = 0;
  for (let i = 0; i < list.urls.length; i += 6) {
    const batch = list.urls.slice(i, i + 6).map((url) => new URL(url, self.registration.scope).href);
    await cache.addAll(batch);
    done += batch.length;
    if (port) port.postMessage({ type: "progress", done, total: list.urls.length });
  }
  await cache.put(new URL("offline.json", self.registration.scope).href, new Response(JSON.stringify(list)));
  if (port) port.postMessage({ type: "saved" });
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "save") {
    const port = event.ports[0];
    event.waitUntil(save(port).catch(() => port && port.postMessage({ type: "failed" })));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === "navigate") {
        const page = await cache.match(new URL("404.html", self.registration.scope).href);
        if (page) return page;
      }
      throw error;
    }
  })());
});
