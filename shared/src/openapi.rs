//! OpenAPI schemas for the types whose JSON is written by hand (their own serde code, or
//! `try_from`/`into`), which `utoipa`'s derive cannot see. Each describes everything the server
//! reads, not only what it writes: a schema stricter than the parser would call a request the
//! server accepts invalid. Only the server's build has them (feature `openapi`).

use utoipa::{
    PartialSchema, ToSchema,
    openapi::{
        RefOr,
        schema::{AnyOfBuilder, ObjectBuilder, Schema, Type},
    },
};

use crate::{
    answers::{Child, Employment, LivingSituation, ResidenceStatus, UNKNOWN},
    validation::{Age, ChildAge, Date, Kronur, Months, Postcode, WeeklyHours},
};

/// What `str::trim` removes (Unicode White_Space), spelt out because `\s` means something else
/// in each regex dialect: ECMA-262 adds U+FEFF and lacks U+0085, Python adds U+001C–U+001F.
const SPACE: &str =
    r"[\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";
/// A digit as `numbers::western_digits` reads it: ASCII, Arabic-Indic or Eastern Arabic-Indic.
const DIGIT: &str = r"[0-9\u0660-\u0669\u06F0-\u06F9]";
const NONZERO_DIGIT: &str = r"[1-9\u0661-\u0669\u06F1-\u06F9]";

/// `Answer<T>`: not asked yet, "I don't know", or the answer. anyOf, not oneOf: `"unknown"` is
/// also a string a `Kronur` or a `Postcode` branch would take.
fn answer(known: RefOr<Schema>) -> RefOr<Schema> {
    AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Null)
                .description(Some("Not asked yet (the same as leaving the field out).")),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([UNKNOWN]))
                .description(Some("The resident answered \"I don't know\".")),
        )
        .item(known)
        .into()
}

/// One function per kind of answer, for `#[schema(schema_with = …)]` on the fields of `Answers`.
macro_rules! answer_schemas {
    ($($function:ident => $known:ty,)*) => {$(
        pub fn $function() -> RefOr<Schema> {
            answer(<$known as PartialSchema>::schema())
        }
    )*};
}

answer_schemas! {
    answer_age => Age,
    answer_postcode => Postcode,
    answer_months => Months,
    answer_residence_status => ResidenceStatus,
    answer_yes_no => bool,
    answer_children => Vec<Child>,
    answer_living => LivingSituation,
    answer_kronur => Kronur,
    answer_employment => Employment,
    answer_weekly_hours => WeeklyHours,
}

/// The bounded counts: a JSON whole number from 0 to the count's `MAX`.
macro_rules! count_schemas {
    ($($count:ident: $description:literal,)*) => {$(
        impl PartialSchema for $count {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .maximum(Some($count::MAX))
                    .description(Some($description))
                    .into()
            }
        }

        impl ToSchema for $count {}
    )*};
}

count_schemas! {
    Age: "A person's age in years.",
    Months: "A length of time in whole months.",
    WeeklyHours: "Hours in one week.",
    ChildAge: "A child's age in years (children are counted up to 25).",
}

impl PartialSchema for Kronur {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .maximum(Some(Kronur::MAX)),
            )
            .item(ObjectBuilder::new().schema_type(Type::String).description(Some(
                "As the resident typed it: `250000`, `250.000`, `250 000`, `250,000`, with `kr`, \
                 `kr.` or `ISK` before or after. Anything else is refused with a 422.",
            )))
            .description(Some(
                "An amount in whole krónur, at most 10^12; written as a number, read from a \
                 number or a string.",
            ))
            .into()
    }
}

impl ToSchema for Kronur {}

impl PartialSchema for Postcode {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(format!(
                        "^{SPACE}*{NONZERO_DIGIT}{DIGIT}{{2}}{SPACE}*$"
                    )))
                    .examples(["101"]),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(100))
                    .maximum(Some(999)),
            )
            .description(Some(
                "A three-digit Icelandic postcode, 100–999; written as a string, read from a \
                 string or a number.",
            ))
            .into()
    }
}

impl ToSchema for Postcode {}

impl PartialSchema for Date {
    fn schema() -> RefOr<Schema> {
        // Not `format: date`: the parser also takes surrounding spaces and Arabic-Indic digits.
        // A day the calendar lacks (2026-02-30) matches and is refused with a 422.
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(format!(
                "^{SPACE}*{DIGIT}{{4}}-{DIGIT}{{2}}-{DIGIT}{{2}}{SPACE}*$"
            )))
            .description(Some(
                "A calendar day, YYYY-MM-DD; always written in that form.",
            ))
            .examples(["2026-03-01"])
            .into()
    }
}

impl ToSchema for Date {}
