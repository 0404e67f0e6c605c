// 通知起草台's service worker: keeps a copy of the app so it opens and works
// with the network cut. The build (xtask/src/dist.rs) fills in VERSION
// and ASSETS; a new build is a new service worker, which waits until the
// page tells it the user chose to update.
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const CACHE = "notice-desk-" + VERSION;

// Revalidated, not taken from the HTTP cache: files without a hash in
// their name (the pages, later.css, the worker) may be an older build's.
self.addEventListener("install", (event) => {
  const fresh = ASSETS.map((url) => new Request(url, { cache: "no-cache" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("notice-desk-") && k !== CACHE).map((k) => caches.delete(k)))
    ).then(() => self.clients.claim())
  );
});

// A returning user's drafts are not the blank notice of the first frame,
// which their page keeps hidden (first-frame.js): they get the page
// without it, which is sooner parsed. The page says which one this
// browser needs; the mark is kept with this version's files.
const HOME = new URL("./", self.location).href;
const RETURNING_PAGE = new URL("./returning.html", self.location).href;
const RETURNING = new URL("./returning-user", self.location).href;

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  const returning = event.data && event.data.returning;
  if (typeof returning === "boolean") {
    event.waitUntil(cache().then((c) => (returning ? c.put(RETURNING, new Response("")) : c.delete(RETURNING))));
  }
});

// Opened once per worker: every page load asks for a few files.
let opened;
const cache = () => (opened ||= caches.open(CACHE));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Pages: the cached app (it is versioned by this worker); other files:
  // cache first, then network. Files are kept without a query, and looked
  // up by their exact URL: `ignoreSearch` would read every entry.
  url.search = "";
  event.respondWith(cache().then(async (c) => {
    const key = request.mode !== "navigate" ? url.href : (await c.match(RETURNING)) ? RETURNING_PAGE : HOME;
    return (await c.match(key)) || fetch(request);
  }));
});
