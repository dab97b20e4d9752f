/* Offline reading for one language. Written into each language's folder at build time with its own
   cache name, so a new build brings a new worker, which updates what was saved.

   A saved copy is never lost: an update fills a new cache beside the old one, copying every file
   whose hash did not change from the old cache and fetching only the others; the old cache is
   deleted only when the new one is complete (its offline.json, written last, marks it complete).
   Until then pages come from the complete copy (or, for a file new in the list, the new cache).
   An interrupted update resumes on the next page the reader opens.

   The reader saves the pages, then may add the printable handouts (the list's "parts"); the copy's
   offline.json records what was chosen, and updates keep to it. Every download is checked against
   the list's digest; a missing file, a damaged one or a full disk ends the save with its reason and
   keeps nothing half-saved. "remove" deletes the copy. */
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
  const complete = await Promise.all(names.map((name) => caches.match(scoped(LIST), { cacheName: name }).then(Boolean)));
  return [...names.filter((_, i) => complete[i]), ...names.filter((_, i) => !complete[i])];
}

/* The complete copy there is: this version's if it is complete, else an older one. */
async function completeCopy() {
  for (const name of await ours()) {
    const list = await savedList(name);
    if (list) return { name, list };
  }
  return null;
}

/* Why a save stopped, for the reader: "missing" (the site lacks a listed file), "corrupt" (a file
   is not what the list says), "full" (the browser refused the space), "network" (try again later). */
class Fault extends Error {
  constructor(kind, detail) { super(`${kind}: ${detail}`); this.kind = kind; }
}

let queue = Promise.resolve();   // one save at a time, in the order asked
let generation = 0;              // bumped by "remove": a save still running stops and keeps nothing
const STALL_MS = 30000;          // no byte for this long: the signal is gone, give up until the next page

function save(port, parts) {
  const run = queue.then(() => update(port, parts));
  queue = run.catch(() => {});
  return run;
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

/* A file of the list, read whole and checked against its digest in the list; given up when no byte
   arrives for STALL_MS: a stalled request must not keep the update "running" for ever. */
async function download(href, url, digest) {
  const stop = new AbortController();
  let timer = setTimeout(() => stop.abort(), STALL_MS);
  const poke = () => { clearTimeout(timer); timer = setTimeout(() => stop.abort(), STALL_MS); };
  try {
    const response = await fetch(href, { cache: "no-cache", signal: stop.signal }).catch((error) => {
      throw new Fault("network", `${url}: ${error}`);
    });
    if (response.status === 404 || response.status === 410) throw new Fault("missing", `${url}: HTTP ${response.status}`);
    if (!response.ok) throw new Fault("network", `${url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read().catch((error) => { throw new Fault("network", `${url}: ${error}`); });
      if (done) break;
      chunks.push(value);
      poke();
    }
    const body = await new Blob(chunks).arrayBuffer();
    if (digest && hex(await crypto.subtle.digest("SHA-256", body)).slice(0, digest.length) !== digest) {
      throw new Fault("corrupt", `${url}: not the file the list names`);
    }
    const headers = new Headers(response.headers);    // the body is decoded now: say so
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  } finally {
    clearTimeout(timer);
  }
}

async function store(cache, href, response) {
  try {
    await cache.put(href, response);
  } catch (error) {
    throw error && error.name === "QuotaExceededError" ? new Fault("full", String(error)) : error;
  }
}

/* Fill this version's cache with the chosen parts (by default what the saved copy holds), copying
   from the complete copy every file whose hash did not change; mark it complete last. */
async function update(port, parts) {
  const mine = generation;
  const response = await fetch(LIST, { cache: "no-store" }).catch((error) => { throw new Fault("network", String(error)); });
  if (!response.ok) throw new Fault(response.status === 404 ? "missing" : "network", `${LIST}: HTTP ${response.status}`);
  const list = await response.json();
  const previous = await completeCopy();
  const chosen = parts || (previous && previous.list.chosen) || ["pages"];
  const partOf = (i) => (list.parts || [])[i] || "pages";
  const wanted = list.urls.map((url, i) => i).filter((i) => chosen.includes(partOf(i)));
  const before = new Map();
  if (previous) {
    const had = previous.list.chosen || ["pages"];
    previous.list.urls.forEach((url, i) => {
      if (had.includes((previous.list.parts || [])[i] || "pages")) before.set(url, previous.list.hashes[i]);
    });
  }
  const cache = await caches.open(CACHE);
  const old = previous ? await caches.open(previous.name) : null;
  const added = [];
  let done = 0;
  const one = async (i) => {
    if (generation !== mine) throw new Fault("removed", "the saved copy was removed");
    const url = list.urls[i];
    const href = scoped(url);
    if (!(await cache.match(href))) {     // this version's cache holds only checked files of this version
      const kept = old && before.get(url) === list.hashes[i] ? await old.match(href) : null;
      await store(cache, href, kept || await download(href, url, (list.digests || [])[i]));
      added.push(href);
    }
    done += 1;
    if (port) port.postMessage({ type: "progress", done, total: wanted.length });
  };
  try {
    for (let i = 0; i < wanted.length; i += 6) {     // six at a time; all settled before a fault is handled
      const failed = (await Promise.allSettled(wanted.slice(i, i + 6).map(one))).find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    }
    if (generation !== mine) throw new Fault("removed", "the saved copy was removed");
    await store(cache, scoped(LIST), new Response(JSON.stringify({ ...list, chosen })));   // complete
  } catch (error) {
    const kind = error instanceof Fault ? error.kind : "network";
    if (kind !== "network") {       // nothing half-saved is kept; a cut-off update resumes instead
      if (previous && previous.name === CACHE) await Promise.all(added.map((href) => cache.delete(href)));
      else await caches.delete(CACHE);
    }
    throw error instanceof Fault ? error : new Fault(kind, String(error));
  }
  for (const name of (await ours()).slice(1)) await caches.delete(name);   // now the old copy may go
  if (port) port.postMessage({ type: "saved", chosen, parts: Array.from(new Set(list.parts || ["pages"])) });
}

async function remove() {
  generation += 1;
  for (const name of await ours()) await caches.delete(name);
}

self.addEventListener("install", () => self.skipWaiting());

/* Activation ends at once: the browser holds every fetch event until it has, so an update awaited
   here stalls every page while the signal does. The pages ask for the update ("resume") instead. */
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const type = event.data && event.data.type;
  const tell = (error) => port && port.postMessage({ type: "failed", kind: error.kind || "network", reason: String(error) });
  if (type === "save") event.waitUntil(save(port, event.data.parts || null).catch(tell));
  if (type === "remove") event.waitUntil(remove().then(() => port && port.postMessage({ type: "removed" })));
  if (type === "resume") {          // a cut-off update, or a new worker's, carries on; quietly
    event.waitUntil(queue.then(async () => {
      const copy = await completeCopy();
      if (copy && copy.name !== CACHE) await save(null, null).catch(() => {});
    }));
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
