// The diagnostic's service worker: keeps the diagnostic page's files, so that someone who opened
// it once gets results with no connection. offline.py writes it into the root of the built site
// (its scope: the page and the worker that runs Python), with this before it:
//
//   const OFFLINE = {files: {path: sha256}, cacheFirst: [path], precache: [path], workerKeeps: [path]};
//
// paths relative to this script: the diagnostic page, its stylesheets and scripts, the diagnostic's
// modules and data, and the runtime the worker starts from. Nothing else is ever kept: no other
// page, nothing from another origin, no request but a GET of one of those files, and only bytes
// whose sha256 is the one the build recorded. The visitor's answers never reach it: they stay in
// the page (a share link carries them after '#', which no request includes).
//
// - The page and its own files come from the network first, as without a service worker (a new
//   build shows at once), and from the cache only when the network fails. They are kept when the
//   service worker is installed (from the browser's HTTP cache, where the page just left them) and
//   each time they pass with the bytes this build recorded.
// - Pyodide's JavaScript and the precomputed results are named by their version or content and
//   never change: they come from the cache first.
// - The runtime's data (the WebAssembly, the standard library, the snapshot, the wheel) is the page
//   worker's: it puts those files here itself once it has started, with the bytes it checked (so
//   the first visit downloads nothing twice), and reads them from here; their requests are left
//   alone.
// - Each build writes a new service worker, which replaces the old one at once and drops the
//   cached files the new build does not list.

const CACHE = `mentoring-stages ${self.location.href}`; // runtime.mjs gives the worker this name
const known = new Map(
  Object.entries(OFFLINE.files).map(([path, sha256]) => [new URL(path, self.location).href, sha256]),
);
const url = (path) => new URL(path, self.location).href;
const cacheFirst = new Set(OFFLINE.cacheFirst.map(url));
const workerKeeps = new Set(OFFLINE.workerKeeps.map(url));

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Keep `response` for `url` when it holds the bytes this build recorded for it. */
async function keep(cache, url, response) {
  if (!response.ok || response.type !== "basic") return;
  if ((await sha256(response.clone())) === known.get(url)) await cache.put(url, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(OFFLINE.precache.map(async (path) => {
      try {
        await keep(cache, url(path), await fetch(url(path)));
      } catch {
        // kept when it next passes
      }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const request of await cache.keys()) {
      if (!known.has(request.url)) await cache.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const address = request.url.split("#")[0];
  if (request.method !== "GET" || !known.has(address) || workerKeeps.has(address)) return;
  event.respondWith(cacheFirst.has(address) ? fromCache(event, address) : fromNetwork(event, address));
});

async function fromCache(event, address) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(address);
  if (cached) return cached;
  const response = await fetch(event.request);
  event.waitUntil(keep(cache, address, response.clone()));
  return response;
}

async function fromNetwork(event, address) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(cache, address, response.clone()));
    return response;
  } catch (error) {
    const cached = await cache.match(address);
    if (cached) return cached;
    throw error;
  }
}
