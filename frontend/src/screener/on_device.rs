//! The answers as the device keeps them: JSON in serde's shape (what earlier versions wrote, and
//! what the API reads), turned into JavaScript values field by field through
//! `velferd_shared::answers::Kept` rather than by serde. Measured against `json::from_str` and
//! `json::to_string` (no error messages either): serde's generic code for `Answers` would add
//! 3.2 KB brotli to the screener's pack, 3.0 KB to the results' and 1.7 KB to the application's.

use js_sys::{Array, JSON, Object, Reflect};
use velferd_shared::answers::{Answers, Kept};
use wasm_bindgen::{JsCast, JsValue};

use crate::json;

pub fn to_json(answers: &Answers) -> Option<String> {
    let record = Object::new();
    for (key, kept) in answers.kept() {
        Reflect::set(&record, &key.into(), &value_of(kept)).ok()?;
    }
    JSON::stringify(&record).ok()?.as_string()
}

/// The answers `text` holds, or `None` for a record that is not answers: any key that names no
/// answer, or an answer the question would not take.
pub fn from_json(text: &str) -> Option<Answers> {
    let record = JSON::parse(text).ok()?;
    if !record.is_object() || Array::is_array(&record) {
        return None;
    }
    let record: Object = record.unchecked_into();
    let keys = Object::keys(&record);
    if !keys
        .iter()
        .all(|key| key.as_string().is_some_and(|key| Answers::is_key(&key)))
    {
        return None;
    }
    Answers::from_kept(|key| kept_of(&Reflect::get(&record, &key.into()).unwrap_or_default()))
}

fn value_of(kept: Kept) -> JsValue {
    match kept {
        Kept::Null | Kept::Other => JsValue::NULL,
        Kept::Text(text) => text.into(),
        Kept::Number(n) => (n as f64).into(),
        Kept::Bool(b) => b.into(),
        Kept::Ages(ages) => ages
            .into_iter()
            .map(|age| {
                let child = Object::new();
                let _ = Reflect::set(&child, &"age".into(), &(age as f64).into());
                JsValue::from(child)
            })
            .collect::<Array>()
            .into(),
    }
}

fn kept_of(value: &JsValue) -> Kept {
    if json::is_nothing(value) {
        Kept::Null
    } else if let Some(text) = value.as_string() {
        Kept::Text(text)
    } else if let Some(b) = value.as_bool() {
        Kept::Bool(b)
    } else if let Some(n) = json::whole_number(value) {
        Kept::Number(n)
    } else if Array::is_array(value) {
        Array::from(value)
            .iter()
            .map(|child| json::whole_number(&Reflect::get(&child, &"age".into()).ok()?))
            .collect::<Option<_>>()
            .map_or(Kept::Other, Kept::Ages)
    } else {
        Kept::Other
    }
}
