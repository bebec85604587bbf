// How the residents' app is cut: its tables of texts and its parts. Written once and read twice:
// the frontend's build script (`build.rs`, `include!`) writes the tables and which of them each
// part's screens read, and `cargo xtask build` (`xtask/src/split.rs`, `#[path]`) names the same
// files to `start.js`, the bench and the service worker. Plain data: it compiles in both.

/// Each language's texts come in tables, each a part of its own fetched when a screen needs it:
/// (the section's name in `strings::Section`, its module, its part's name, the keys or groups of
/// keys it holds; a `*` stands for any one name, so `services.*.name` is every service's name).
/// A text is in the first table that names it, else in the last, the screens'. The frame's
/// (header, footer, home page, urgent help, not found, the update notice, the services' names)
/// come first and are fetched before the frame draws, so that the home page does not bring every
/// screen's texts. The others are cut by who reads them: asking for a call once brought the
/// application's texts, the results' and the accessibility statement's too, 14.1 KB of texts
/// where it reads 4.5 KB (brotli, in Icelandic). Each table is a file and a split point of its
/// own, and ten cost more than they saved: the first part grew by 750 B and the first question,
/// which then read three tables, by 950 B. (The notice that a part could not be fetched, and its
/// Try again, are built in: `built_in!`.)
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
            // Nearly every screen names services: the help pages, the results, the forms, the
            // applications the device keeps.
            "services.*.name",
            "skip_to_content",
            "urgent",
        ],
    ),
    // The help pages' own.
    (
        "Help",
        "help",
        "help_texts",
        &["accessibility", "apply", "services"],
    ),
    // What the screener's questions, its answers and its results say, and every form's messages.
    (
        "Screener",
        "screener",
        "screener_texts",
        &["errors", "questions", "screener"],
    ),
    // Why a service is likely or not, its figures and sources, the documents it needs and the
    // next steps: the results', and the help pages' and the application's in part.
    (
        "Outcomes",
        "outcomes",
        "outcomes_texts",
        &[
            "area_page",
            "documents",
            "figure_status",
            "figures",
            "next_steps",
            "notes",
            "referrals",
            "rules",
            "sources",
            "statuses",
        ],
    ),
    // Applying and following an application.
    (
        "Application",
        "application",
        "application_texts",
        &["application", "follow", "partner"],
    ),
    // The rest: asking for a call.
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
    (
        "help",
        &["Help", "Outcomes"],
        &["/help/", "/accessibility"],
        true,
    ),
    ("check", &["Screener"], &["/check"], true),
    ("answers", &["Screener"], &["/check/answers"], true),
    (
        "results",
        &["Screener", "Outcomes"],
        &["/check/results", "/check/list"],
        true,
    ),
    (
        "apply",
        &["Screener", "Outcomes", "Application", "Screens"],
        &["/apply/", "/receipt/"],
        false,
    ),
    ("follow", &["Application", "Screens"], &["/status/"], false),
    (
        "partner",
        &["Screener", "Outcomes", "Application", "Screens"],
        &["/partner/"],
        false,
    ),
    ("callback", &["Screener", "Screens"], &["/call-me"], true),
    // The confirmation that a counsellor will call: what a page asking for a call need not bring.
    ("sent", &["Screens"], &["/call-me/"], true),
    // The device's drafts, outboxes and receipts, set up at start on a device that holds some.
    ("device", &[], &[], false),
    // The call-back requests' outbox, which the call-back form fetches when idle and needs to
    // send: kept from the first visit, like the form, so that a request typed offline is kept.
    ("outbox", &[], &[], true),
];
