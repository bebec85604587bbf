//! What the resident has typed, kept in the browser's `localStorage` so that a reload, a lost
//! connection or a closed tab loses nothing. Nothing here leaves the device.

use serde::{Serialize, de::DeserializeOwned};

fn local() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The value saved under `key`. A record this version cannot read (from an older version, say)
/// is set aside under `<key>.unreadable` rather than lost, and `None` is returned.
pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let storage = local()?;
    let raw = storage.get_item(key).ok().flatten()?;
    match serde_json::from_str(&raw) {
        Ok(value) => Some(value),
        Err(_) => {
            let _ = storage.set_item(&format!("{key}.unreadable"), &raw);
            let _ = storage.remove_item(key);
            None
        }
    }
}

pub fn write<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(json)) = (local(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &json);
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
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with("velferd.") && k != crate::language::LANGUAGE_KEY)
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
