// How the residents' app is cut: its tables of texts and its parts. Written once and read twice:
// the frontend's build script (`build.rs`, `include!`) writes the tables and which of them each
// part's screens read, and `cargo xtask build` (`xtask/src/split.rs`, `#[path]`) names the same
// files to `start.js`, the bench and the service worker. Plain data: it compiles in both.

/// Each language's texts come in tables, each a part of its own fetched when a screen needs it:
/// (the section's name in `strings::Section`, its module, its part's name, the keys or groups of
/// keys it holds). A text is in the first table that names it, else in the last, the screens'.
/// The frame's (header, footer, home page, urgent help, not found, the update notice) come
/// first and are fetched before the frame draws, so that the home page does not bring every
/// screen's texts; the help pages' with those pages, whose part needs no others; the screener's
/// with its questions, whose part needs no others either. (The notice that a part could not be
/// fetched, and its Try again, are built in: `built_in!`.)
pub const TEXT_TABLES: &[(&str, &str, &str, &[&str])] = &[
    (
        "Frame",
        "frame",
        "frame",
        &[
            "accessibility.title",
            "app",
            "areas",
            "follow.call_me",
            "footer",
            "home",
            "language",
            "nav",
            "not_found",
            "offline.update_now",
            "offline.update_ready",
            "screener.start_link",
            "skip_to_content",
            "urgent",
        ],
    ),
    (
        "Help",
        "help",
        "help_texts",
        &[
            "accessibility",
            "apply",
            "area_page",
            "documents",
            "next_steps",
            "services",
        ],
    ),
    // What the screener's questions say, and the messages of every form: a resident who only
    // checks what they can get fetches these and not the application's, the results' or the
    // call-back's.
    (
        "Screener",
        "screener",
        "screener_texts",
        &["errors", "questions", "screener"],
    ),
    ("Screens", "screens", "strings", &[]),
];

/// The parts fetched when a screen needs them (`frontend/src/parts.rs` says which screens each
/// holds): (the part's name, the sections of texts its screens read beside the frame's, the
/// starts of the addresses whose screens it holds, whether the service worker keeps it from the
/// first visit). The longest start that fits an address wins, so `/check/results` is the
/// results' and `/check/q/age` the screener's. Kept from the first visit: what a resident may
/// need without a signal before ever opening it (the help pages, the screener, asking for a
/// call); the others are kept when first opened, so a resident who only checks never downloads
/// applying, following or the partner's part.
pub const PARTS: &[(&str, &[&str], &[&str], bool)] = &[
    ("help", &["Help"], &["/help/", "/accessibility"], true),
    ("check", &["Screener"], &["/check"], true),
    ("answers", &["Screener"], &["/check/answers"], true),
    (
        "results",
        &["Help", "Screener", "Screens"],
        &["/check/results", "/check/list"],
        true,
    ),
    (
        "apply",
        &["Help", "Screener", "Screens"],
        &["/apply/", "/receipt/"],
        false,
    ),
    (
        "follow",
        &["Help", "Screener", "Screens"],
        &["/status/"],
        false,
    ),
    (
        "partner",
        &["Help", "Screener", "Screens"],
        &["/partner/"],
        false,
    ),
    (
        "callback",
        &["Help", "Screener", "Screens"],
        &["/call-me"],
        true,
    ),
    // The device's drafts, outboxes and receipts, set up at start on a device that holds some.
    ("device", &["Help", "Screener", "Screens"], &[], false),
];
