//! JSON read and written by the browser's own `JSON.parse` and `JSON.stringify`: serde_json's
//! parser and number formatting would be compiled into every part that keeps or sends a record
//! (20–40 KB of raw wasm each). serde-wasm-bindgen writes the values. They are read by
//! `Value` below, whose one error says nothing: serde's messages name what was found (a
//! floating-point number among others), and formatting them brought float printing and every
//! type's "expected …" text into each part that reads a record, for messages nobody reads — a
//! record that does not parse is set aside whole, and an answer from the server that does not
//! parse is "the server could not be reached".

use std::fmt;

use js_sys::{Array, JSON, Number, Object};
use serde::{
    Serialize,
    de::{
        self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess,
        SeqAccess, VariantAccess, Visitor,
    },
    forward_to_deserialize_any,
};
use wasm_bindgen::{JsCast, JsValue};

/// `value` as JSON text, as serde_json writes it: maps as objects, a missing value as `null`,
/// fields in the order they are declared.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).ok()?;
    JSON::stringify(&value).ok()?.as_string()
}

/// The value `text` holds, if it is JSON of that shape.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(Value(JSON::parse(text).ok()?)).ok()
}

/// Not JSON of the shape asked for.
#[derive(Debug)]
pub struct NotThisShape;

impl fmt::Display for NotThisShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not JSON of this shape")
    }
}

impl std::error::Error for NotThisShape {}

impl de::Error for NotThisShape {
    /// Drops the message unread, so that the code formatting it is never called and leaves the
    /// wasm.
    fn custom<T: fmt::Display>(_: T) -> NotThisShape {
        NotThisShape
    }
}

/// A value `JSON.parse` made, read as serde reads JSON (as serde_json and serde-wasm-bindgen
/// do): `null` is a unit or a missing option, a whole number within 2^53 an integer, an
/// object a map or a struct, an enum a string or an object of one key.
struct Value(JsValue);

/// `null`, or a key that is not there.
pub fn is_nothing(value: &JsValue) -> bool {
    value.is_null() || value.is_undefined()
}

/// JavaScript's numbers are all floating-point: `4` arrives as 4.0, and a number is whole if it
/// is an integer within 2^53. `Some` for a whole number from 0 up.
pub fn whole_number(value: &JsValue) -> Option<u64> {
    let n = value.as_f64()?;
    (Number::is_safe_integer(value) && n >= 0.0).then_some(n as u64)
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = NotThisShape;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisShape> {
        let value = self.0;
        if is_nothing(&value) {
            visitor.visit_unit()
        } else if let Some(b) = value.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = whole_number(&value) {
            visitor.visit_u64(n)
        } else if let Some(n) = value.as_f64() {
            if Number::is_safe_integer(&value) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&value) {
            visitor.visit_seq(Items(Cursor::over(value.unchecked_into())))
        } else if value.is_object() {
            visitor.visit_map(Entries {
                entries: Cursor::over(Object::entries(value.unchecked_ref())),
                value: None,
            })
        } else {
            Err(NotThisShape)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisShape> {
        if is_nothing(&self.0) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, NotThisShape> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is its name; any other variant an object whose one key is its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThisShape> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(NotThisShape);
        }
        let entries = Object::entries(self.0.unchecked_ref());
        if entries.length() != 1 {
            return Err(NotThisShape);
        }
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant {
            name: entry.get(0),
            value: entry.get(1),
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A JavaScript array read from the start, one item at a time.
struct Cursor {
    array: Array,
    next: u32,
}

impl Cursor {
    fn over(array: Array) -> Cursor {
        Cursor { array, next: 0 }
    }

    fn take(&mut self) -> Option<JsValue> {
        if self.next >= self.array.length() {
            return None;
        }
        self.next += 1;
        Some(self.array.get(self.next - 1))
    }

    fn left(&self) -> Option<usize> {
        Some((self.array.length() - self.next) as usize)
    }
}

/// An array's items, in order.
struct Items(Cursor);

impl<'de> SeqAccess<'de> for Items {
    type Error = NotThisShape;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotThisShape> {
        self.0
            .take()
            .map(|item| seed.deserialize(Value(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.left()
    }
}

/// An object's keys and values, as `Object.entries` lists them.
struct Entries {
    entries: Cursor,
    value: Option<JsValue>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = NotThisShape;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotThisShape> {
        let Some(entry) = self.entries.take() else {
            return Ok(None);
        };
        let entry: Array = entry.unchecked_into();
        self.value = Some(entry.get(1));
        seed.deserialize(Value(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, NotThisShape> {
        seed.deserialize(Value(self.value.take().ok_or(NotThisShape)?))
    }

    fn size_hint(&self) -> Option<usize> {
        self.entries.left()
    }
}

/// A variant written as `{"name": value}`.
struct Variant {
    name: JsValue,
    value: JsValue,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = NotThisShape;
    type Variant = Value;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Value), NotThisShape> {
        let name = seed.deserialize(Value(self.name))?;
        Ok((name, Value(self.value)))
    }
}

impl<'de> VariantAccess<'de> for Value {
    type Error = NotThisShape;

    fn unit_variant(self) -> Result<(), NotThisShape> {
        if is_nothing(&self.0) {
            Ok(())
        } else {
            Err(NotThisShape)
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, NotThisShape> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, NotThisShape> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThisShape> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
