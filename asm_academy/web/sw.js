/* Offline reading for one language. Written into each language's folder at build time with its own
   cache name, so a new build brings a new worker, which updates what was saved.

   A saved copy is never lost: an update fills a new cache beside the old one, copying every file
   whose hash did not change from the old cache and fetching only the others; the old cache is
   deleted only when the new one is complete (its offline.json, written last, marks it complete).
   Until then pages come from the complete copy (or, for a file new in the list, the new cache).
   An interrupted update resumes on the next page the reader opens. */
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

/* The complete copy first: while an update fills the new cache, the saved copy stays what is read. */
async function readingOrder() {
  const names = await ours();
  const complete = await Promise.all(names.map(async (name) => Boolean(await savedList(name))));
  return [...names.filter((_, i) => complete[i]), ...names.filter((_, i) => !complete[i])];
}

async function completeOther() {
  for (const name of (await ours()).slice(1)) {
    const list = await savedList(name);
    if (list) return { name, list };
  }
  return null;
}

let saving = null;
const STALL_MS = 30000;   // no byte for this long: the signal is gone, give up until the next page

/* A file of the list, read whole, given up when no byte arrives for STALL_MS: a stalled request
   must not keep the update "running" for ever, or it would never resume. */
async function download(href, url) {
  const stop = new AbortController();
  let timer = setTimeout(() => stop.abort(), STALL_MS);
  const poke = () => { clearTimeout(timer); timer = setTimeout(() => stop.abort(), STALL_MS); };
  try {
    const response = await fetch(href, { cache: "no-cache", signal: stop.signal });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      poke();
    }
    const headers = new Headers(response.headers);    // the body is decoded now: say so
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    return new Response(new Blob(chunks), { status: response.status, statusText: response.statusText, headers });
  } finally {
    clearTimeout(timer);
  }
}

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
        await cache.put(href, await download(href, url));
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

/* Activation ends at once: the browser holds every fetch event until it has, so an update awaited
   here stalls every page while the signal does. The pages ask for the update ("resume") instead. */
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

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
    for (const name of await readingOrder()) {   // caches.match with a name opens no new cache
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
