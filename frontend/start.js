// The residents' app starts here. `cargo xtask build` (xtask/src/split.rs) writes it into the
// app's folder with the names below filled in.

// A resident who opens a screen in a part (a link to /check/q/age, say) would otherwise wait for
// the first part to run before its part and their language's texts were even asked for: they are
// preloaded now, side by side with the first part. The loader's fetches then find them. So are
// the frame's texts in their language, which every page waits for before it draws.
// ADDRESSES: [the start of an address, its part]; PARTS: part -> [its files, the tables of texts
// it reads, its pack, the length of each file in the pack]; TABLES: language -> table -> its
// files.
const ADDRESSES = __ADDRESSES__;
const PARTS = __PARTS__;
const TABLES = __TABLES__;

// As the app's language provider chooses (frontend/src/language.rs): a language asked for in the
// link or chosen on this device, Icelandic if we do not speak it; else the first of the browser's
// we speak; else Icelandic.
function language() {
  const ours = (tag) => {
    const primary = (tag || "").split(/[-_]/)[0].toLowerCase();
    return primary in TABLES ? primary : null;
  };
  let chosen = null;
  try {
    chosen =
      new URLSearchParams(location.search).get("lang") ?? localStorage.getItem("velferd.language");
  } catch (_) {
    // No storage (a private window, say): the browser's preference or Icelandic.
  }
  if (chosen !== null) return ours(chosen) || "is";
  return navigator.languages.map(ours).find((code) => code) || "is";
}

// A page the build pre-rendered (xtask/src/prerender.rs) is on screen already: its first paint
// does not share a slow line with the code, which is fetched from the frame after it. (Such a
// page names none of the code in its head, for the same reason.)
if (document.getElementById("prerendered")) {
  // Until the browser has reported the copy's largest paint: two frames were not always enough
  // on a fast line (a headless Chromium presents frames late), and a paint reported after the
  // code was asked for reads, to Lighthouse, as a paint that waited for the code (LCP 2.1 s
  // instead of 1 s in one run of three). Where largest paints are not reported (Safari), two
  // frames; a page opened in a background tab reports none either: a second's grace after them.
  await new Promise((painted) => {
    const done = () => setTimeout(painted, 0);
    const reported = globalThis.PerformanceObserver?.supportedEntryTypes?.includes(
      "largest-contentful-paint",
    );
    if (reported) {
      new PerformanceObserver((_, observer) => {
        observer.disconnect();
        done();
      }).observe({ type: "largest-contentful-paint", buffered: true });
    }
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, reported ? 1000 : 0)));
  });
  for (const file of ["__GLUE__", "__wasm_split.js"]) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL("./" + file, import.meta.url).href;
    document.head.append(link);
  }
}
// The first part's wasm. A page opened in a part gets it in that part's pack (below), where it
// and the part, compressed as one, are 5–8 KB smaller than apart; other pages fetch it alone.
const MAIN = new URL("./__MAIN_WASM__", import.meta.url);

// `files` of the app, asked for as `rel`, each once: a part's tables and shared chunks are
// often already here when the next part is fetched ahead.
const asked = new Set();
function fetchAll(files, rel) {
  for (const file of files) {
    if (asked.has(file)) continue;
    asked.add(file);
    const link = document.createElement("link");
    link.rel = rel;
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL("./" + file, import.meta.url).href;
    if (rel === "prefetch") prefetchWhenIdle(link);
    else document.head.append(link);
  }
}

// Each link starts a request, about 0.3 ms of the main thread on a phone: the 41 files the home
// page fetches ahead, added at once, were one task long enough to delay a tap. They go in while
// the browser is idle, at least one and at most 4 ms at a time: an idle moment may last 50 ms,
// which on a slow phone is a task long enough to delay a tap again.
const prefetches = [];
const whenIdle =
  globalThis.requestIdleCallback ||
  ((run) => setTimeout(() => run({ timeRemaining: () => 4 }), 50));
function prefetchWhenIdle(link) {
  prefetches.push(link);
  if (prefetches.length === 1) whenIdle(addPrefetches);
}
function addPrefetches(idle) {
  const until = performance.now() + 4;
  do document.head.append(prefetches.shift());
  while (prefetches.length > 0 && idle.timeRemaining() > 0 && performance.now() < until);
  if (prefetches.length > 0) whenIdle(addPrefetches);
}

const partOf = (address) => {
  const found = ADDRESSES.find(([start]) => address.startsWith(start));
  return found && PARTS[found[1]];
};
const tablesOf = (part, lang) => part[1].flatMap((table) => (TABLES[lang] || {})[table] || []);

// The files of the part `address` shows in and of the tables of texts it reads in `lang`.
function fetchAhead(address, lang, rel) {
  const part = partOf(address);
  if (part) fetchAll([...part[0], ...tablesOf(part, lang)], rel);
}

// The loader (__wasm_split.js) asks here for each file; those unpacked from a pack are handed out
// once, so a load tried again after a failure goes to the network. Each in a task of its own, as
// if it had come on its own: the browser compiles a file in the task it is handed over in, and a
// part's 37 files handed over at once were compiled in the task that asked for them, with the
// frame's drawing (42 ms in one trace; 170 ms at 4× CPU, a tap delayed on a slow phone).
const unpacked = new Map();
const inTaskOfItsOwn = (file) =>
  file.then((response) => new Promise((handOver) => setTimeout(() => handOver(response))));
globalThis.velferdFile = (url) => {
  const file = unpacked.get(url.href);
  unpacked.delete(url.href);
  return file ? inTaskOfItsOwn(file) : fetch(url);
};
// Where the packs fetched here are kept for the service worker (frontend/sw.js), which cuts the
// files out of them rather than download them again to work offline.
const UNPACKED = "velferd-unpacked";

// A part's files, fetched as its one pack (xtask/src/split.rs, `pack_of`) after the first part's
// wasm: compressed together they are 13–20 % smaller. Without the pack (offline, say), each file
// is fetched on its own, which the service worker may answer.
function fetchPack([partFiles, , pack, lengths]) {
  const files = ["__MAIN_WASM__", ...partFiles];
  const url = (file) => new URL("./" + file, import.meta.url);
  const bytes = fetch(url(pack)).then((response) => {
    if (!response.ok) throw new Error(`${pack}: ${response.status}`);
    return response.arrayBuffer();
  });
  let end = 0;
  const ranges = lengths.map((length) => [end, (end += length)]);
  const wasm = (buffer, i) =>
    new Response(buffer.slice(...ranges[i]), { headers: { "Content-Type": "application/wasm" } });
  files.forEach((file, i) => {
    asked.add(file);
    unpacked.set(
      url(file).href,
      bytes.then(
        (buffer) => wasm(buffer, i),
        () => fetch(url(file)),
      ),
    );
  });
  // Whole: storing each file from here took 31 ms of this thread while the screen was being
  // drawn (126 ms at 4× CPU, most of a slow phone's blocking time); the worker cuts them.
  bytes
    .then(async (buffer) => (await caches.open(UNPACKED)).put(url(pack), new Response(buffer)))
    // No pack, or no cache storage (not a secure context): the worker fetches the files itself.
    .catch(() => {});
}

const firstLanguage = language();
fetchAll((TABLES[firstLanguage] || {}).frame || [], "preload");
const firstPart = partOf(location.pathname);
// With a service worker the part's files are most likely kept already, and fetched one by one
// it answers each from what it keeps; a pack would be downloaded again.
const packed = firstPart && !navigator.serviceWorker?.controller;
if (firstPart) {
  if (packed) fetchPack(firstPart);
  else fetchAll(firstPart[0], "preload");
  fetchAll(tablesOf(firstPart, firstLanguage), "preload");
}
const wasm = packed ? velferdFile(MAIN) : fetch(MAIN);
// Where a resident most often goes next, when the app finds the browser idle
// (parts::prefetch_next_parts): the files only, into the HTTP cache. Compiling them then would
// block the page the resident is reading; it takes a moment once they go there.
globalThis.velferdPrefetch = (address, lang) => fetchAhead(address, lang, "prefetch");

const { default: init } = await import("./__GLUE__");
await init({ module_or_path: wasm });
