// Velferð's service worker: the residents' app opens and works without a signal.
//
// `cargo xtask` writes this file into dist/sw.js with the build's own file list and version in
// place of the two placeholders below. A new build therefore changes these bytes, which is how
// the browser learns that there is a new version; the page decides when to switch (see
// frontend/src/offline.rs), so a resident is never moved to new code in the middle of a form.
//
// Never cached here: anything under /api (answers carrying personal data are `no-store`, and
// the app keeps what it needs on the device itself), the staff workspace (residents never load
// staff code), and any response marked `no-store`.

const VERSION = "__VERSION__";
const FILES = __FILES__;
// Each language's frame texts' file -> that language's texts of the parts in FILES. Which
// language a resident reads the worker learns from the frame texts their page fetched (every
// page does); it keeps that language's then, not all seven.
const TEXTS = __TEXTS__;
const CACHE = "velferd-" + VERSION;
// Offline, every route of the residents' app is answered with the plain index.html: one copy
// serves all. (Online, the server answers the first screens with their page pre-rendered in the
// reader's language; kept as the shell, one screen's copy would show under every other address.)
const SHELL = "/index.html";

// Where the page keeps the packs it fetched (frontend/start.js): their files were never fetched
// one by one, so the HTTP cache does not have them.
const UNPACKED = "velferd-unpacked";
// Each pack's files in order, with their lengths (xtask/src/split.rs, `packs_as_served`).
const PACKS = __PACKS__;
// Where each file sits in the packs that hold it (code two parts share is in both packs):
// path → [[pack, start, end], …].
const IN_PACKS = new Map();
for (const [pack, members] of Object.entries(PACKS)) {
  let end = 0;
  for (const [path, length] of members) {
    if (!IN_PACKS.has(path)) IN_PACKS.set(path, []);
    IN_PACKS.get(path).push([pack, end, (end += length)]);
  }
}

// The packs read so far while this worker runs: a part's files are asked for one after the
// other, and each would otherwise read its whole pack again. A pack not kept (yet) is not
// remembered, so that it is read once the page has kept it.
const packsRead = new Map();

// The file at `href`, cut out of a pack the page kept, if any.
async function fromPack(href) {
  for (const [pack, start, end] of IN_PACKS.get(new URL(href, self.location.origin).pathname) || []) {
    if (!packsRead.has(pack)) {
      packsRead.set(
        pack,
        caches
          .open(UNPACKED)
          .then((unpacked) => unpacked.match(pack))
          .then((kept) => kept && kept.arrayBuffer()),
      );
    }
    const bytes = await packsRead.get(pack);
    if (bytes) {
      return new Response(bytes.slice(start, end), {
        headers: { "Content-Type": "application/wasm" },
      });
    }
    packsRead.delete(pack);
  }
  return undefined;
}
// The folder of this version's files (`/app-<hash>/`).
const FOLDER = FILES.find((file) => file.startsWith("/app-")).replace(/[^/]*$/, "");

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Other files are fetched through the HTTP cache: just after a first visit most are there.
      const fetched = [];
      for (const url of FILES) {
        const kept = await fromPack(url);
        if (kept) await cache.put(url, kept);
        else fetched.push(url);
      }
      await cache.addAll([SHELL, ...fetched]);
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("velferd-") && name !== CACHE && name !== UNPACKED) {
          await caches.delete(name);
        }
      }
      // The packs the page kept for this version stay: a part opened first from a link and not
      // kept at install is cut from its pack when asked for.
      const unpacked = await caches.open(UNPACKED);
      for (const request of await unpacked.keys()) {
        if (!new URL(request.url).pathname.startsWith(FOLDER)) await unpacked.delete(request);
      }
      // The page that registered the first worker works offline from now on, not only after
      // its next load.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  // Sent by the page at a navigation, once the resident is between two screens.
  if (event.data === "apply-update") self.skipWaiting();
  // Sent by the page this worker has just taken over: the parts of the app it had fetched
  // before, which did not come through here. Only the app's own files are taken.
  if (event.data && Array.isArray(event.data.keep)) {
    const urls = event.data.keep;
    event.waitUntil(keep([...urls, ...urls.flatMap((url) => textsWith(url))]));
  }
});

// The texts to keep with the file at `url`: for a frame texts' file, its language's texts.
function textsWith(url) {
  return TEXTS[new URL(url, self.location.origin).pathname] || [];
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  for (const href of urls) {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith("/app-")) continue;
    if (await cache.match(url)) continue;
    const packed = await fromPack(url);
    if (packed) {
      await cache.put(url, packed);
      continue;
    }
    try {
      const response = await fetch(url);
      if (storable(response)) await cache.put(url, response);
    } catch (_) {
      // Offline already: it is kept the next time it is fetched.
    }
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !isResidentsFile(url.pathname)) return;
  event.respondWith(request.mode === "navigate" ? page(event) : file(request));
  // A page in a language not kept before (its first, or one just chosen).
  const texts = textsWith(url);
  if (texts.length > 0) event.waitUntil(keep(texts));
});

function isResidentsFile(path) {
  const under = (prefix) => path === prefix || path.startsWith(prefix + "/");
  return !under("/api") && !under("/staff");
}

function storable(response) {
  return response.ok && !/no-store/i.test(response.headers.get("cache-control") || "");
}

// Pages: the network first, so a resident online gets the current version; the kept copy when
// there is no network, or when it is so slow that the kept copy is better than waiting.
const PATIENCE_MS = 4000;

async function page(event) {
  // The shell is this version's, kept when the worker installed: it names exactly the files this
  // worker keeps.
  const network = fetch(event.request);
  // Called before anything is awaited, as the platform requires.
  event.waitUntil(network.catch(() => {}));
  const kept = (await (await caches.open(CACHE)).match(SHELL)) || (await caches.match(SHELL));
  if (!kept) return network;
  const patience = new Promise((resolve) => setTimeout(() => resolve(kept), PATIENCE_MS));
  return Promise.race([network.catch(() => kept), patience]);
}

// Files: content-hashed names never change, so the cached copy is always right; anything not
// cached yet (cleared by "clear my information", or added since) is fetched and kept.
async function file(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const packed = await fromPack(request.url);
  if (packed) {
    const copy = packed.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
    return packed;
  }
  const response = await fetch(request);
  if (storable(response)) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}
