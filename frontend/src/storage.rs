//! What the resident has typed, kept in the browser's `localStorage` so that a reload, a lost
//! connection or a closed tab loses nothing. Nothing here leaves the device.

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The value saved under `key`, as JSON read by serde.
pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    read_with(key, crate::json::from_str)
}

/// The value saved under `key`, read by `parse`. A record this version cannot read (from an
/// older version, say) is set aside under `<key>.unreadable` rather than lost, and `None` is
/// returned.
pub fn read_with<T>(key: &str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let storage = local()?;
    let raw = storage.get_item(key).ok().flatten()?;
    match parse(&raw) {
        Some(value) => Some(value),
        None => {
            let _ = storage.set_item(&format!("{key}.unreadable"), &raw);
            let _ = storage.remove_item(key);
            None
        }
    }
}

pub fn write<T: Serialize>(key: &str, value: &T) {
    write_with(key, value, crate::json::to_string);
}

pub fn write_with<T: ?Sized>(key: &str, value: &T, text_of: impl FnOnce(&T) -> Option<String>) {
    if let (Some(storage), Some(text)) = (local(), text_of(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Everything Velferð keeps on this device except the language choice: answers, drafts, unsent
/// applications, receipts, call-back confirmations and set-aside records. For a shared computer.
pub fn forget_everything() {
    let Some(storage) = local() else { return };
    for key in keys(&storage) {
        if key.starts_with("velferd.") && key != crate::language::LANGUAGE_KEY {
            let _ = storage.remove_item(&key);
        }
    }
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Whether anything is kept under a key starting with one of `prefixes`, without reading it.
pub fn holds_any(prefixes: &[&str]) -> bool {
    local().is_some_and(|storage| {
        keys(&storage)
            .iter()
            .any(|key| prefixes.iter().any(|prefix| key.starts_with(prefix)))
    })
}

/// The frame's reactive owner. What a part sets up the first time a screen needs it (an outbox,
/// say) belongs to the frame, so it outlives that screen and every screen shares it.
#[derive(Clone)]
struct FrameOwner(Owner);

pub fn provide_frame_owner() {
    if let Some(owner) = Owner::current() {
        provide_context(FrameOwner(owner));
    }
}

/// The app's one `T`, set up by `create` under the frame the first time any screen asks, so
/// that its code and its records' parsing live in the parts that use them.
pub fn frame_wide<T: Clone + Send + Sync + 'static>(create: fn() -> T) -> T {
    if let Some(existing) = use_context::<T>() {
        return existing;
    }
    let set_up = move || {
        let value = untrack(create);
        provide_context(value.clone());
        value
    };
    match use_context::<FrameOwner>() {
        Some(FrameOwner(owner)) => owner.with(set_up),
        None => set_up(),
    }
}
