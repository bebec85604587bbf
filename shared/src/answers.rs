//! What a resident tells us: everything the rules need, each answer given, "I don't know", or not
//! asked yet. The screener fills it one question at a time; the engine never treats "I don't
//! know" as a "no".

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, Visitor, value},
};

use crate::validation::{Age, ChildAge, Kronur, Months, Postcode, WeeklyHours};

mod kept;
pub use kept::{Kept, KeptValue};

/// One answer. Missing means not asked yet; `Unknown` means the resident said "I don't know".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Answer<T> {
    #[default]
    Missing,
    Unknown,
    Known(T),
}

impl<T> Answer<T> {
    pub fn is_missing(&self) -> bool {
        matches!(self, Answer::Missing)
    }

    pub fn known(&self) -> Option<&T> {
        match self {
            Answer::Known(value) => Some(value),
            _ => None,
        }
    }

    pub fn map<U>(&self, f: impl FnOnce(&T) -> U) -> Answer<U> {
        match self {
            Answer::Missing => Answer::Missing,
            Answer::Unknown => Answer::Unknown,
            Answer::Known(value) => Answer::Known(f(value)),
        }
    }
}

/// The JSON spelling of "I don't know".
pub(crate) const UNKNOWN: &str = "unknown";

impl<T: Serialize> Serialize for Answer<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Missing => serializer.serialize_none(),
            Answer::Unknown => serializer.serialize_str(UNKNOWN),
            Answer::Known(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Answer<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor(std::marker::PhantomData))
    }
}

/// Reads `"unknown"` and `null` itself and hands anything else to `T`, so that `T`'s own error
/// ("not a kennitala: …") reaches the resident instead of a vague "no variant matched".
struct AnswerVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for AnswerVisitor<T> {
    type Value = Answer<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an answer, \"{UNKNOWN}\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Answer::Missing)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Answer::Missing)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Answer::deserialize(d)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v == UNKNOWN {
            return Ok(Answer::Unknown);
        }
        T::deserialize(value::StrDeserializer::<E>::new(v)).map(Answer::Known)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.visit_str(&v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize(value::BoolDeserializer::<E>::new(v)).map(Answer::Known)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize(value::U64Deserializer::<E>::new(v)).map(Answer::Known)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize(value::I64Deserializer::<E>::new(v)).map(Answer::Known)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize(value::F64Deserializer::<E>::new(v)).map(Answer::Known)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(value::SeqAccessDeserializer::new(seq)).map(Answer::Known)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(value::MapAccessDeserializer::new(map)).map(Answer::Known)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LivingSituation {
    OwnHome,
    RegisteredLease,
    UnregisteredLease,
    WithParents,
    WithOthers,
    NoHome,
}

impl LivingSituation {
    pub fn is_renting(self) -> bool {
        matches!(
            self,
            LivingSituation::RegisteredLease | LivingSituation::UnregisteredLease
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Employment {
    Working,
    Unemployed,
    UnableToWork,
    Retired,
    Other,
}

/// The resident's right to live in Iceland, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResidenceStatus {
    /// Icelandic, Nordic or EEA/EFTA citizen.
    CitizenOrEea,
    PermanentPermit,
    TemporaryPermit,
    InternationalProtection,
    AsylumSeeker,
}

impl ResidenceStatus {
    /// Receiving financial aid can affect this person's permit or citizenship application.
    pub fn is_foreign_national(self) -> bool {
        !matches!(self, ResidenceStatus::CitizenOrEea)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Child {
    pub age: ChildAge,
}

/// Everything the rules ask about. Amounts are for the household: the applicant and a spouse or
/// cohabitant together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_age))]
    pub age: Answer<Age>,
    /// Postcode of the legal residence (lögheimili).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_postcode))]
    pub postcode: Answer<Postcode>,
    /// How long the legal residence has been in Reykjavík, in whole months.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_months))]
    pub months_in_reykjavik: Answer<Months>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_residence_status))]
    pub residence_status: Answer<ResidenceStatus>,
    /// For a temporary permit: months it is still valid.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_months))]
    pub permit_months_left: Answer<Months>,
    /// Married or cohabiting (sambúð).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub partner: Answer<bool>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_children))]
    pub children: Answer<Vec<Child>>,
    /// Whether the resident has custody (forsjá) of the children.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub custody: Answer<bool>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_living))]
    pub living: Answer<LivingSituation>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_kronur))]
    pub rent_per_month: Answer<Kronur>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_kronur))]
    pub income_this_month: Answer<Kronur>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_kronur))]
    pub income_last_year: Answer<Kronur>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_kronur))]
    pub income_three_year_average: Answer<Kronur>,
    /// Savings and property beyond one home and one car.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_kronur))]
    pub assets: Answer<Kronur>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_employment))]
    pub employment: Answer<Employment>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub student: Answer<bool>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub disability: Answer<bool>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_weekly_hours))]
    pub support_hours_per_week: Answer<WeeklyHours>,
    /// Needs help at home because of reduced ability, illness or family circumstances.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub needs_help_at_home: Answer<bool>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub can_use_public_transport: Answer<bool>,
    /// Applied for Social Insurance (TR) benefits.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub applied_tr: Answer<bool>,
    /// Applied for unemployment benefit (VMST).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub applied_vmst: Answer<bool>,
    /// Applied for the state housing benefit (HMS).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::answer_yes_no))]
    pub applied_housing_benefit: Answer<bool>,
}

impl Answers {
    /// People in the household, when known: the resident, a partner, the children.
    pub fn household_size(&self) -> Answer<u8> {
        match (&self.partner, &self.children) {
            (Answer::Known(partner), Answer::Known(children)) => {
                Answer::Known(1 + u8::from(*partner) + children.len().min(20) as u8)
            }
            (Answer::Missing, _) | (_, Answer::Missing) => Answer::Missing,
            _ => Answer::Unknown,
        }
    }
}

/// The screener's questions, in the order it asks them. Each reads one or more fields of
/// `Answers`; the engine names the questions its undecided rules are waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    Age,
    Postcode,
    Living,
    Partner,
    Children,
    Custody,
    ResidenceStatus,
    PermitMonthsLeft,
    MonthsInReykjavik,
    Employment,
    Student,
    IncomeThisMonth,
    RentPerMonth,
    IncomeLastYear,
    IncomeThreeYearAverage,
    Assets,
    Disability,
    SupportHoursPerWeek,
    NeedsHelpAtHome,
    CanUsePublicTransport,
    AppliedTr,
    AppliedVmst,
    AppliedHousingBenefit,
}

impl Question {
    pub const ALL: [Question; 23] = [
        Question::Age,
        Question::Postcode,
        Question::Living,
        Question::Partner,
        Question::Children,
        Question::Custody,
        Question::ResidenceStatus,
        Question::PermitMonthsLeft,
        Question::MonthsInReykjavik,
        Question::Employment,
        Question::Student,
        Question::IncomeThisMonth,
        Question::RentPerMonth,
        Question::IncomeLastYear,
        Question::IncomeThreeYearAverage,
        Question::Assets,
        Question::Disability,
        Question::SupportHoursPerWeek,
        Question::NeedsHelpAtHome,
        Question::CanUsePublicTransport,
        Question::AppliedTr,
        Question::AppliedVmst,
        Question::AppliedHousingBenefit,
    ];

    /// The URL segment of the question's page.
    pub fn slug(self) -> &'static str {
        match self {
            Question::Age => "age",
            Question::Postcode => "postcode",
            Question::Living => "living",
            Question::Partner => "partner",
            Question::Children => "children",
            Question::Custody => "custody",
            Question::ResidenceStatus => "residence-status",
            Question::PermitMonthsLeft => "permit-months-left",
            Question::MonthsInReykjavik => "months-in-reykjavik",
            Question::Employment => "employment",
            Question::Student => "student",
            Question::IncomeThisMonth => "income-this-month",
            Question::RentPerMonth => "rent-per-month",
            Question::IncomeLastYear => "income-last-year",
            Question::IncomeThreeYearAverage => "income-three-year-average",
            Question::Assets => "assets",
            Question::Disability => "disability",
            Question::SupportHoursPerWeek => "support-hours-per-week",
            Question::NeedsHelpAtHome => "needs-help-at-home",
            Question::CanUsePublicTransport => "can-use-public-transport",
            Question::AppliedTr => "applied-tr",
            Question::AppliedVmst => "applied-vmst",
            Question::AppliedHousingBenefit => "applied-housing-benefit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.slug() == slug)
    }
}

/// Which field of `Answers` each question fills, written once: every per-question operation
/// below is generated from this list.
macro_rules! question_fields {
    ($($question:ident => $field:ident,)*) => {
        impl Question {
            /// Whether the resident has answered it (a value or "I don't know").
            pub fn is_answered(self, a: &Answers) -> bool {
                match self {
                    $(Question::$question => !a.$field.is_missing(),)*
                }
            }

            /// Whether the answer is "I don't know".
            pub fn is_unknown(self, a: &Answers) -> bool {
                match self {
                    $(Question::$question => matches!(a.$field, Answer::Unknown),)*
                }
            }

            /// Records "I don't know" as the answer.
            pub fn set_unknown(self, a: &mut Answers) {
                match self {
                    $(Question::$question => a.$field = Answer::Unknown,)*
                }
            }
        }

        impl Answers {
            /// Each answer's JSON key, as serde spells it.
            pub const KEYS: &[&str] = &[$(stringify!($field),)*];

            /// Every answer with its JSON key, without serde (`kept.rs`).
            pub fn kept(&self) -> Vec<(&'static str, Kept)> {
                vec![$((stringify!($field), self.$field.kept()),)*]
            }

            /// The answers `read` gives by key, or `None` if one of them is not an answer.
            pub fn from_kept(mut read: impl FnMut(&str) -> Kept) -> Option<Answers> {
                Some(Answers {
                    $($field: Answer::from_kept(&read(stringify!($field)))?,)*
                })
            }
        }
    };
}

question_fields! {
    Age => age,
    Postcode => postcode,
    Living => living,
    Partner => partner,
    Children => children,
    Custody => custody,
    ResidenceStatus => residence_status,
    PermitMonthsLeft => permit_months_left,
    MonthsInReykjavik => months_in_reykjavik,
    Employment => employment,
    Student => student,
    IncomeThisMonth => income_this_month,
    RentPerMonth => rent_per_month,
    IncomeLastYear => income_last_year,
    IncomeThreeYearAverage => income_three_year_average,
    Assets => assets,
    Disability => disability,
    SupportHoursPerWeek => support_hours_per_week,
    NeedsHelpAtHome => needs_help_at_home,
    CanUsePublicTransport => can_use_public_transport,
    AppliedTr => applied_tr,
    AppliedVmst => applied_vmst,
    AppliedHousingBenefit => applied_housing_benefit,
}
