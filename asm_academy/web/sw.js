/* Offline reading for one language. Written into each language's folder at build time with its own
   cache name, so a new build brings a new worker, which updates what was saved.

   A saved copy is never lost: an update fills a new cache beside the old one, copying every file
   whose hash did not change from the old cache and fetching only the others; the old cache is
   deleted only when the new one is complete (its offline.json, written last, marks it complete).
   Until then pages come from whichever cache has them. An interrupted update resumes on the next
   page the reader opens. */
"use strict";
const CACHE = "__ASM_CACHE__";
const PREFIX = "asm-__ASM_LANG__-";
const LIST = "offline.json";
const OTHERS = __ASM_OTHERS__;   // other languages' folders inside this scope: not ours to answer for
const scoped = (url) => new URL(url, self.registration.scope).href;

async function ours() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  return [CACHE, ...names.filter((n) => n !== CACHE)];
}

async function savedList(name) {
  if (!(await caches.has(name))) return null;
  const marker = await (await caches.open(name)).match(scoped(LIST));
  return marker ? marker.json() : null;
}

async function completeOther() {
  for (const name of (await ours()).slice(1)) {
    const list = await savedList(name);
    if (list) return { name, list };
  }
  return null;
}

let saving = null;

function save(port) {
  if (!saving) saving = update(port).finally(() => { saving = null; });
  return saving;
}

async function update(port) {
  const list = await (await fetch(LIST, { cache: "no-store" })).json();
  const cache = await caches.open(CACHE);
  const previous = await completeOther();
  const before = new Map();
  if (previous) previous.list.urls.forEach((url, i) => before.set(url, (previous.list.hashes || [])[i]));
  const old = previous ? await caches.open(previous.name) : null;
  let done = 0;
  const one = async (url, i) => {
    const href = scoped(url);
    if (!(await cache.match(href))) {
      const kept = old && before.get(url) === list.hashes[i] ? await old.match(href) : null;
      if (kept) {
        await cache.put(href, kept);
      } else {
        const response = await fetch(href, { cache: "no-cache" });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        await cache.put(href, response);
      }
    }
    done += 1;
    if (port) port.postMessage({ type: "progress", done, total: list.urls.length });
  };
  for (let i = 0; i < list.urls.length; i += 6) {
    await Promise.all(list.urls.slice(i, i + 6).map((url, j) => one(url, i + j)));
  }
  await cache.put(scoped(LIST), new Response(JSON.stringify(list)));     // complete: now the old may go
  for (const name of (await ours()).slice(1)) await caches.delete(name);
  if (port) port.postMessage({ type: "saved" });
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await self.clients.claim();
    const names = await ours();
    const wasSaved = (await Promise.all(names.map(savedList))).some(Boolean) || names.length > 1;
    if (wasSaved && !(await savedList(CACHE))) await save(null).catch(() => {});   // resumes next time
  })());
});

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  if (event.data && event.data.type === "save") {
    event.waitUntil(save(port).catch((error) => port && port.postMessage({ type: "failed", reason: String(error) })));
  }
  if (event.data && event.data.type === "resume") {
    event.waitUntil((async () => {
      if ((await completeOther()) && !(await savedList(CACHE))) await save(null).catch(() => {});
    })());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const inside = request.url.startsWith(self.registration.scope) ? request.url.slice(self.registration.scope.length) : "";
  if (OTHERS.some((folder) => inside.startsWith(folder))) return;   // a language not saved here: no English 404
  event.respondWith((async () => {
    for (const name of await ours()) {       // caches.match with a name opens no new cache
      const cached = await caches.match(request, { ignoreSearch: true, cacheName: name });
      if (cached) return cached;
    }
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === "navigate") {
        for (const name of await ours()) {
          const page = await caches.match(scoped("404.html"), { cacheName: name });
          if (page) return page;
        }
      }
      throw error;
    }
  })());
});
