//! The answers in the shape serde gives them in JSON — the API's shape, and the one residents'
//! devices already hold — read and written without serde. In the browser, serde's generic code
//! for `Answers` and its error messages (which format floating-point numbers) were about a fifth
//! of the screener's part; here each answer is one small match.

use super::{Answer, Answers, Child, Employment, LivingSituation, ResidenceStatus};
use crate::{
    choice::Choice,
    validation::{Age, ChildAge, Kronur, Months, Postcode, WeeklyHours},
};

/// One answer as JSON holds it. The browser turns it into a JavaScript value and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Null,
    Text(String),
    /// A whole number from 0 up: no answer is negative or a fraction.
    Number(u64),
    Bool(bool),
    /// The children, as `[{"age": 4}, …]`.
    Ages(Vec<u64>),
    /// Anything else JSON can hold (a fraction, an object, a list of something else), which
    /// no answer reads: the record is then set aside, as serde would refuse it.
    Other,
}

/// A value an answer can hold, with its JSON spelling.
pub trait KeptValue: Sized {
    fn kept(&self) -> Kept;
    fn from_kept(kept: &Kept) -> Option<Self>;
}

impl<T: KeptValue> Answer<T> {
    pub fn kept(&self) -> Kept {
        match self {
            Answer::Missing => Kept::Null,
            Answer::Unknown => Kept::Text(super::UNKNOWN.to_owned()),
            Answer::Known(value) => value.kept(),
        }
    }

    pub fn from_kept(kept: &Kept) -> Option<Answer<T>> {
        match kept {
            Kept::Null => Some(Answer::Missing),
            Kept::Text(text) if text == super::UNKNOWN => Some(Answer::Unknown),
            known => T::from_kept(known).map(Answer::Known),
        }
    }
}

macro_rules! counts {
    ($($count:ty),*) => {$(
        impl KeptValue for $count {
            fn kept(&self) -> Kept {
                Kept::Number(u64::from(self.value()))
            }

            fn from_kept(kept: &Kept) -> Option<Self> {
                match kept {
                    Kept::Number(n) => <$count>::new(*n).ok(),
                    _ => None,
                }
            }
        }
    )*};
}

counts!(Age, Months, WeeklyHours);

macro_rules! choices {
    ($($choice:ty),*) => {$(
        impl KeptValue for $choice {
            fn kept(&self) -> Kept {
                Kept::Text(self.key().to_owned())
            }

            fn from_kept(kept: &Kept) -> Option<Self> {
                match kept {
                    Kept::Text(key) => <$choice>::from_key(key),
                    _ => None,
                }
            }
        }
    )*};
}

// A choice's key is its JSON name (`choice.rs`).
choices!(LivingSituation, ResidenceStatus, Employment);

impl KeptValue for bool {
    fn kept(&self) -> Kept {
        Kept::Bool(*self)
    }

    fn from_kept(kept: &Kept) -> Option<bool> {
        match kept {
            Kept::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Written as a number; a string such as "250.000 kr." is read too, as the API reads it.
impl KeptValue for Kronur {
    fn kept(&self) -> Kept {
        Kept::Number(self.value())
    }

    fn from_kept(kept: &Kept) -> Option<Kronur> {
        match kept {
            Kept::Number(n) => Kronur::checked(*n).ok(),
            Kept::Text(text) => Kronur::parse(text).ok(),
            _ => None,
        }
    }
}

/// Written as a string ("101"); a number is read too, as the API reads it.
impl KeptValue for Postcode {
    fn kept(&self) -> Kept {
        Kept::Text(self.to_string())
    }

    fn from_kept(kept: &Kept) -> Option<Postcode> {
        match kept {
            Kept::Text(text) => Postcode::parse(text).ok(),
            Kept::Number(n) => Postcode::parse(&n.to_string()).ok(),
            _ => None,
        }
    }
}

impl KeptValue for Vec<Child> {
    fn kept(&self) -> Kept {
        Kept::Ages(self.iter().map(|c| u64::from(c.age.value())).collect())
    }

    fn from_kept(kept: &Kept) -> Option<Vec<Child>> {
        match kept {
            Kept::Ages(ages) => ages
                .iter()
                .map(|age| ChildAge::new(*age).ok().map(|age| Child { age }))
                .collect(),
            _ => None,
        }
    }
}

impl Answers {
    /// Whether `key` names an answer: a record with any other key is not ours to trust.
    pub fn is_key(key: &str) -> bool {
        Answers::KEYS.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::answers::Question;

    /// What the browser does with JavaScript values, done here with serde_json's.
    fn to_json(answers: &Answers) -> Value {
        let fields = answers.kept().into_iter().map(|(key, kept)| {
            let value = match kept {
                Kept::Null => Value::Null,
                Kept::Text(text) => Value::String(text),
                Kept::Number(n) => json!(n),
                Kept::Bool(b) => Value::Bool(b),
                Kept::Ages(ages) => ages.iter().map(|age| json!({ "age": age })).collect(),
                Kept::Other => unreachable!("no answer is written as anything else"),
            };
            (key.to_owned(), value)
        });
        Value::Object(fields.collect())
    }

    fn kept_of(value: &Value) -> Kept {
        match value {
            Value::Null => Kept::Null,
            Value::String(text) => Kept::Text(text.clone()),
            Value::Bool(b) => Kept::Bool(*b),
            Value::Number(n) => n.as_u64().map_or(Kept::Other, Kept::Number),
            Value::Array(children) => children
                .iter()
                .map(|child| child.get("age").and_then(Value::as_u64))
                .collect::<Option<_>>()
                .map_or(Kept::Other, Kept::Ages),
            Value::Object(_) => Kept::Other,
        }
    }

    fn from_json(value: &Value) -> Option<Answers> {
        let object = value.as_object()?;
        if !object.keys().all(|key| Answers::is_key(key)) {
            return None;
        }
        Answers::from_kept(|key| object.get(key).map_or(Kept::Null, kept_of))
    }

    fn full() -> Answers {
        let child = |age| Child {
            age: ChildAge::new(age).unwrap(),
        };
        Answers {
            age: Answer::Known(Age::new(34).unwrap()),
            postcode: Answer::Known(Postcode::parse("105").unwrap()),
            months_in_reykjavik: Answer::Unknown,
            residence_status: Answer::Known(ResidenceStatus::TemporaryPermit),
            permit_months_left: Answer::Known(Months::new(7).unwrap()),
            partner: Answer::Known(false),
            children: Answer::Known(vec![child(4), child(9)]),
            living: Answer::Known(LivingSituation::RegisteredLease),
            rent_per_month: Answer::Known(Kronur::new(210_000)),
            employment: Answer::Known(Employment::UnableToWork),
            support_hours_per_week: Answer::Known(WeeklyHours::new(12).unwrap()),
            applied_tr: Answer::Known(true),
            ..Answers::default()
        }
    }

    #[test]
    fn answers_are_written_exactly_as_serde_writes_them() {
        for answers in [Answers::default(), full()] {
            assert_eq!(to_json(&answers), serde_json::to_value(&answers).unwrap());
        }
    }

    #[test]
    fn answers_written_by_serde_read_back_the_same() {
        for answers in [Answers::default(), full()] {
            let json = serde_json::to_value(&answers).unwrap();
            assert_eq!(from_json(&json), Some(answers));
        }
    }

    #[test]
    fn a_record_serde_accepts_in_another_spelling_is_read_as_serde_reads_it() {
        let json = json!({ "postcode": 101, "assets": "250.000 kr.", "age": null });
        assert_eq!(
            from_json(&json),
            serde_json::from_value::<Answers>(json).ok()
        );
    }

    #[test]
    fn a_record_serde_refuses_is_refused_too() {
        for json in [
            json!({ "age": 200 }),
            json!({ "age": -1 }),
            json!({ "age": 3.5 }),
            json!({ "age": "34" }),
            json!({ "partner": "yes" }),
            json!({ "living": "castle" }),
            json!({ "children": [{ "age": 30 }] }),
            json!({ "children": [4, 9] }),
            json!({ "postcode": "12" }),
            json!({ "favourite_colour": "blue" }),
        ] {
            assert!(
                serde_json::from_value::<Answers>(json.clone()).is_err(),
                "{json}"
            );
            assert_eq!(from_json(&json), None, "{json}");
        }
    }

    #[test]
    fn every_question_has_a_key() {
        assert_eq!(Answers::KEYS.len(), Question::ALL.len());
    }
}
