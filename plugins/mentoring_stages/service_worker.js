// The diagnostic's service worker: keeps the diagnostic page's files, so that someone who opened
// it once gets results with no connection. offline.py writes it into the root of the built site
// (its scope: the page and the worker that runs Python), with this before it:
//
//   const OFFLINE = {files: {path: sha256}, immutable: [path], precache: [path]};
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
// - The runtime's files are named by their version or content and never change: they come from the
//   cache first. The page's worker puts them there itself once it has started, with the bytes it
//   checked, so the first visit downloads nothing twice.
// - Each build writes a new service worker, which replaces the old one at once and drops the
//   cached files the new build does not list.

const CACHE = `mentoring-stages ${self.location.href}`; // runtime.mjs gives the worker this name
const known = new Map(
  Object.entries(OFFLINE.files).map(([path, sha256]) => [new URL(path, self.location).href, sha256]),
);
const immutable = new Set(OFFLINE.immutable.map((path) => new URL(path, self.location).href));

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
      const url = new URL(path, self.location).href;
      try {
        await keep(cache, url, await fetch(url));
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
  const url = request.url.split("#")[0];
  if (request.method !== "GET" || !known.has(url)) return; // the browser's own way
  event.respondWith(immutable.has(url) ? cacheFirst(request, url) : networkFirst(event, url));
});

async function cacheFirst(request, url) {
  const cached = await (await caches.open(CACHE)).match(url);
  return cached ?? fetch(request);
}

async function networkFirst(event, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(cache, url, response.clone()));
    return response;
  } catch (error) {
    const cached = await cache.match(url);
    if (cached) return cached;
    throw error;
  }
}
