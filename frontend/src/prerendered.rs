//! The first screen as the build rendered it (`xtask/src/prerender.rs`), painted from the HTML
//! before the wasm runs. The live app mounts beside it, hidden (`style.css`), and the copy is
//! taken down in the first frame in which the live screen shows something, before that frame is
//! painted: no frame shows both, and none shows neither.

use leptos::{html::Main, prelude::*};

/// The element the build wraps its copy in.
const COPY: &str = "prerendered";

/// Watches the live app's `main` frame by frame (a screen in a part fills it only once the part
/// is here) and takes the copy down as soon as it holds anything.
pub fn take_down_when_drawn(live_main: NodeRef<Main>) {
    let Some(copy) = document().get_element_by_id(COPY) else {
        return;
    };
    request_animation_frame(move || match live_main.get_untracked() {
        Some(main) if main.child_element_count() > 0 => copy.remove(),
        _ => take_down_when_drawn(live_main),
    });
}

/// Takes the copy down now: the live app shows something in its stead that is not a screen (that
/// the frame's texts could not be fetched).
pub fn take_down() {
    if let Some(copy) = document().get_element_by_id(COPY) {
        copy.remove();
    }
}
