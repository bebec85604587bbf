// The residents' app starts here. `cargo xtask build` (xtask/src/split.rs) writes it into the
// app's folder with the names below filled in.
import init from "./__GLUE__";

// A resident who opens a screen in a part (a link to /check/q/age, say) would otherwise wait for
// the first part to run before its part and their language's texts were even asked for: they are
// preloaded now, side by side with the first part. The loader's fetches then find them.
const PARTS = __PARTS__;
const TABLES = __TABLES__;

function language() {
  try {
    const asked = new URLSearchParams(location.search).get("lang");
    const stored = localStorage.getItem("velferd.language");
    for (const tag of [asked, stored, ...navigator.languages]) {
      const primary = (tag || "").split(/[-_]/)[0].toLowerCase();
      if (primary in TABLES) return primary;
    }
  } catch (_) {
    // No storage (a private window, say): the browser's preference or Icelandic.
  }
  return "is";
}

const part = PARTS.find(([address]) => location.pathname.startsWith(address));
if (part) {
  for (const file of [...part[1], ...TABLES[language()]]) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL("./" + file, import.meta.url).href;
    document.head.append(link);
  }
}

await init({ module_or_path: new URL("./__MAIN_WASM__", import.meta.url) });
