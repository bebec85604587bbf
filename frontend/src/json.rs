//! JSON read and written by the browser's own `JSON.parse` and `JSON.stringify`, through
//! serde-wasm-bindgen: serde_json's parser and number formatting would be compiled into every
//! part that keeps or sends a record (20–40 KB of raw wasm each).

use serde::{Serialize, de::DeserializeOwned};

/// `value` as JSON text, as serde_json writes it: maps as objects, a missing value as `null`,
/// fields in the order they are declared.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// The value `text` holds, if it is JSON of that shape.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}
